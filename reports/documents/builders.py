"""Builders of the document jobs: selector → plain rows → pure renderer, one per DocumentKind.

A builder gets the job (campaign, organizer or None for the national file, params), the path to
write and a progress callback; it returns the file name the user downloads. Its `version(job)`
changes whenever the rows it reads (or the renderers' code) change, so portal.jobs.run reuses the
finished file of an identical request on unchanged data. Registered from ReportsConfig.ready().
Who may ask for which scope is checked before the job exists (reports/services/documents.py).
"""

import hashlib
from functools import cache
from pathlib import Path

from portal.choices import DocumentKind
from portal.jobs.registry import Builder, register_builder
from portal.models import DocumentJob

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Everything a file's content depends on besides the data: a new deployment renders afresh.
CODE_SOURCES = (
    "reports/documents",
    "reports/selectors/documents.py",
    "reports/selectors/letters.py",
    "reports/selectors/summary.py",
    "reports/selectors/package.py",
    "reports/data/forms",
    "reports/data/published_list.json",
    "templates/documents",
    "static/documents",
)
NATIONAL_NAME = "全国"


@cache
def code_version() -> str:
    """A digest of the renderers, selectors, templates and layouts deployed."""
    digest = hashlib.sha256()
    for source in CODE_SOURCES:
        root = PROJECT_DIR / source
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in {".pyc"}:
                continue
            digest.update(str(path.relative_to(PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def scope_name(job: DocumentJob) -> str:
    """The organizer a file is for, or 全国 for the national file (used in file names)."""
    return job.organizer.name if job.organizer_id else NATIONAL_NAME


def stamp(job: DocumentJob, *parts: object) -> str:
    """The common part of every version: code, campaign settings, organizer name."""
    campaign = job.campaign
    head = (code_version(), campaign.updated_at if campaign else "", scope_name(job))
    return "|".join(str(part) for part in (*head, *parts))


def register_builders() -> None:
    """Register a builder for every kind this app renders (not EXPORT: the dashboard's)."""
    from . import build_forms, build_package, build_texts

    builders: dict[str, Builder] = {
        **build_forms.BUILDERS,
        **build_texts.BUILDERS,
        **build_package.BUILDERS,
    }
    for kind in DocumentKind:
        if kind in builders:
            register_builder(kind, builders[kind])
