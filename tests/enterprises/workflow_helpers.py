"""Helpers for the organizer-workflow tests (intent lists, letters, publishing)."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Recommendation
from enterprises.services import intent_list_import
from tests.fixtures.pdfs import clean_pdf
from tests.fixtures.sheets import intent_row, intent_xlsx

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
PDF = clean_pdf()  # a real one: uploaded PDFs are parsed
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def recommend(campaign, organizer, agency, seq: int = 1) -> Recommendation:
    return Recommendation.objects.create(
        campaign=campaign, organizer=organizer, agency=agency, seq=seq, planned_enterprises=10
    )


def rows(count: int, agency_name: str, **changes) -> list[dict]:
    return [
        intent_row(n, **{"提供服务的机构": agency_name, **changes}) for n in range(1, count + 1)
    ]


def import_rows(campaign, organizer, table: list[dict], *, actor=None, dry_run=False):
    return intent_list_import(
        campaign=campaign,
        organizer=organizer,
        file=io.BytesIO(intent_xlsx(table)),
        actor=actor,
        dry_run=dry_run,
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
