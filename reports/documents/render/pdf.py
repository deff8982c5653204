"""PDF documents: a Django template from templates/documents/ printed by WeasyPrint.

WeasyPrint is imported inside the functions (it is slow to import and only workers need it).
Its URL fetcher serves files from the project's static/ directory and nothing else: a document
never reads the server's files or calls out to the network, whatever text ends up in it.
"""

import mimetypes
from collections.abc import Mapping
from functools import cache
from os import PathLike
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.template import Context, Engine

PROJECT_DIR = Path(__file__).resolve().parents[3]
STATIC_DIR = PROJECT_DIR / "static"
TEMPLATES_DIR = PROJECT_DIR / "templates"


class ResourceRefused(ValueError):
    """A document asked for a resource outside static/ (or not a local file at all)."""


def resolve_static_url(url: str, static_dir: Path = STATIC_DIR) -> Path:
    """The file under `static_dir` that a file: URL names; ResourceRefused for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"only files from static/ may be used in documents, not {url[:80]}")
    root = static_dir.resolve()
    path = Path(url2pathname(parts.path)).resolve()  # resolve(): no way out through .. or links
    if not path.is_relative_to(root) or not path.is_file():
        raise ResourceRefused(f"not a file in static/: {url[:80]}")
    return path


@cache
def _engine() -> Engine:
    # A separate engine: document templates get no request context processors and cannot be
    # overridden by an app's templates.
    return Engine(
        dirs=[str(TEMPLATES_DIR)],
        autoescape=True,
        string_if_invalid="",
        builtins=["reports.documents.render.print_filters"],
    )


def render_html(template_name: str, context: Mapping[str, Any]) -> str:
    """The HTML that `render_pdf` prints, e.g. render_html("documents/summary.html", {...})."""
    # No localization: documents print the figures their data objects formatted, whatever the
    # request language, and rendering then needs no translation catalogs (workers, tests).
    template_context = Context(dict(context), use_l10n=False, use_tz=False)
    return _engine().get_template(template_name).render(template_context)


def _static_only_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = resolve_static_url(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    # fail_on_errors: a refused resource stops the rendering instead of a warning in a log.
    return StaticOnlyFetcher(fail_on_errors=True)


def html_to_pdf(html: str, out: str | PathLike[str] | IO[bytes]) -> None:
    """Print `html` to an A4 PDF (fonts subset); relative URLs are read from static/."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    document = HTML(
        string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_static_only_fetcher()
    )
    try:
        document.write_pdf(out)
    except FatalURLFetchingError as error:
        if isinstance(error.__cause__, ResourceRefused):
            raise error.__cause__ from None
        raise


def render_pdf(
    template_name: str, context: Mapping[str, Any], out: str | PathLike[str] | IO[bytes]
) -> None:
    html_to_pdf(render_html(template_name, context), out)
