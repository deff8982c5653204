"""What every document builder shares: the code digest, the version stamp, the scope's name.

A builder gets the job (campaign, organizer or None for the national file, params), the path to
write and a progress callback; it returns the file name the user downloads. Its `version(job)`
changes whenever the rows it reads (or the renderers' code) change, so portal.jobs reuses the
finished file of an identical request on unchanged data.
"""

import hashlib
from functools import cache
from pathlib import Path

from portal.models import Campaign, DocumentJob

PROJECT_DIR = Path(__file__).resolve().parents[3]
# Everything a file's content depends on besides the data: a new deployment renders afresh.
CODE_SOURCES = (
    "reports/documents",
    "portal/spreadsheets/writer.py",
    "portal/spreadsheets/printing.py",
    "reports/summary/selectors.py",
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


def job_campaign(job: DocumentJob) -> Campaign:
    """The campaign whose file the job renders; every campaign document names one (the
    request refuses it without), so a job without is a programming error, said plainly."""
    if job.campaign is None:
        raise LookupError(f"document job {job.pk} ({job.kind}) names no campaign")
    return job.campaign


def scope_name(job: DocumentJob) -> str:
    """The organizer a file is for, or 全国 for the national file (used in file names)."""
    return job.organizer.name if job.organizer is not None else NATIONAL_NAME


def stamp(job: DocumentJob, *parts: object) -> str:
    """The common part of every version: code, campaign settings, organizer name."""
    campaign = job.campaign
    official = job.organizer.official_name if job.organizer is not None else ""
    head = (code_version(), campaign.updated_at if campaign else "", scope_name(job), official)
    return "|".join(str(part) for part in (*head, *parts))
