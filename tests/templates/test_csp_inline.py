"""Templates served to browsers keep to the Content-Security-Policy (script-src/style-src 'self')."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# templates/documents/ is HTML for WeasyPrint, never sent to a browser: inline styles are fine there.
SERVED = sorted(
    p for p in TEMPLATES.rglob("*.html") if "documents" not in p.relative_to(TEMPLATES).parts
)

INLINE_STYLE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
HX_ON = re.compile(r"\s(data-)?hx-on[:\-]", re.I)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)


def _source(path: Path) -> str:
    """The template without its Django comments (they document usage, with examples)."""
    return COMMENTS.sub("", path.read_text(encoding="utf-8"))


def _inline_scripts(text: str) -> list[str]:
    """<script> tags that would execute but have no src (json data blocks are allowed)."""
    bad = []
    for match in SCRIPT_TAG.finditer(text):
        attrs = match.group(1)
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        bad.append(match.group(0))
    return bad


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(TEMPLATES)) for p in paths]


def test_the_shell_templates_are_scanned():
    """The scan really sees the base template and the components (guards against a wrong path)."""
    names = set(_ids(SERVED))
    assert {"base.html", "components/pagination.html", "registration/login.html"} <= names


@pytest.mark.parametrize("path", SERVED, ids=_ids(SERVED))
def test_no_inline_style(path):
    """No style="" attribute and no <style> element (style-src 'self')."""
    text = _source(path)
    assert not INLINE_STYLE.search(text), "use a class in static/css/portal.css"
    assert not STYLE_ELEMENT.search(text), "use static/css/portal.css"


@pytest.mark.parametrize("path", SERVED, ids=_ids(SERVED))
def test_no_inline_script_or_handler(path):
    """No inline <script>, no on*= handler, no hx-on (script-src 'self', htmx allowEval off)."""
    text = _source(path)
    assert _inline_scripts(text) == [], "put behaviour in a static/js file"
    assert not EVENT_HANDLER.search(text), "use a data-* attribute handled in static/js/portal.js"
    assert not HX_ON.search(text), "hx-on needs eval, which the CSP forbids"
