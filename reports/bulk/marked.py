"""The bulk file handed back with its bad cells marked, sheet by sheet, and a list of every
problem (the 附件3 import's marked copy, for a workbook with several tables).

Kept in the cache for an hour under a random token, for the user who uploaded the file only.
"""

import io
import logging
import secrets

from django.core.cache import cache
from django.urls import reverse
from openpyxl.styles import Font

from portal.imports.outcome import import_limits
from portal.spreadsheets import SpreadsheetError
from portal.spreadsheets.marked import copied_sheets, mark_cells
from portal.spreadsheets.writer import new_workbook

from .service import BulkOutcome, error_rows

logger = logging.getLogger(__name__)
CACHE_PREFIX = "bulk-marked:"
KEEP_SECONDS = 3600
MAX_KEPT_BYTES = 8 * 1024 * 1024
PROBLEMS_SHEET = "问题清单"


def marked_bulk_workbook(upload, outcome: BulkOutcome) -> bytes:
    """`upload` with each error's cell coloured and commented, and the 问题清单 sheet."""
    upload.seek(0)
    by_sheet = {layout.sheet_name: (title, layout) for title, layout in outcome.layouts.items()}
    out = new_workbook()
    out.remove(out.active)
    try:
        for sheet_title, copy in copied_sheets(upload, out, import_limits()):
            if sheet_title in by_sheet:
                title, layout = by_sheet[sheet_title]
                mark_cells(copy, layout, error_rows(outcome.errors, title))
    finally:
        upload.seek(0)
    problems = out.create_sheet(PROBLEMS_SHEET)
    problems.append(["工作表", "表格行号", "列", "问题"])
    for cell in problems[1]:
        cell.font = Font(bold=True)
    for error in outcome.errors:
        problems.append([error.sheet, error.row, error.column, error.reason])
    for letter, width in zip("ABCD", (14, 10, 24, 80), strict=True):
        problems.column_dimensions[letter].width = width
    out.active = out.index(problems)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def marked_url(*, user, upload, outcome: BulkOutcome) -> str | None:
    """Keep the marked copy for `user`; its download URL (None when the file had no errors)."""
    if outcome.ok:
        return None
    try:
        data = marked_bulk_workbook(upload, outcome)
    except SpreadsheetError:  # pragma: no cover - the import has just read the same file
        logger.info("marked copy not written", exc_info=True)
        return None
    if len(data) > MAX_KEPT_BYTES:
        return None
    token = secrets.token_urlsafe(24)
    name = (upload.name or "bulk.xlsx").rsplit("/", 1)[-1]
    cache.set(CACHE_PREFIX + token, {"user": user.pk, "name": name, "data": data}, KEEP_SECONDS)
    return reverse("reports:bulk-marked", args=[token])


def marked_kept(user, token: str) -> dict | None:
    kept = cache.get(CACHE_PREFIX + token) if len(token) <= 64 else None
    if not kept or kept["user"] != user.pk:
        return None
    return kept
