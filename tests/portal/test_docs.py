"""The README is the door to docs/: every document is linked from it, every relative link resolves.

No database: these read files only.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))

# [text](target) and [text](target "title"); images too. Autolinks and bare URLs are not links here.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)


def relative_links(path: Path) -> list[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code is not a link
    targets = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
            continue  # http:, mailto:, … and in-page anchors
        targets.append(target)
    return targets


def test_docs_exist_and_readme_is_short():
    assert DOCS, "docs/*.md exist"
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 400


def test_readme_starts_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    assert first_block.strip().splitlines()[0].startswith("make run")
    assert first_block.strip().splitlines()[1].startswith("make test")


def test_every_doc_is_linked_from_readme():
    linked = {
        (README.parent / target.split("#", 1)[0]).resolve() for target in relative_links(README)
    }
    missing = [doc.name for doc in DOCS if doc.resolve() not in linked]
    assert not missing, f"docs not linked from README.md: {missing}"


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.name)
def test_relative_links_resolve(path):
    broken = []
    for target in relative_links(path):
        file_part = target.split("#", 1)[0]
        if not file_part:
            continue
        resolved = (path.parent / file_part).resolve()
        if not resolved.exists():
            broken.append(target)
        elif ROOT not in resolved.parents and resolved != ROOT:
            broken.append(target)  # outside the repository
    assert not broken, f"{path.relative_to(ROOT)}: links to missing files: {broken}"


def test_docs_have_a_title_and_a_way_back():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{doc.name} starts with its title"
        assert "../README.md" in text, f"{doc.name} links back to the README"


def test_code_points_at_docs_not_at_moved_readme_sections():
    """Comments that named a README section that moved now name its docs/ file."""
    moved = {
        line[2:].strip()
        for doc in DOCS
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    stale = []
    for py in [*ROOT.glob("*/**/*.py"), ROOT / "pyproject.toml"]:
        if ".venv" in py.parts or "node_modules" in py.parts:
            continue
        for m in re.finditer(r'README,? "([^"]+)"', py.read_text(encoding="utf-8")):
            heading = m.group(1)
            if any(h.startswith(heading) for h in moved):
                stale.append(f"{py.relative_to(ROOT)}: {heading}")
    assert not stale, stale
