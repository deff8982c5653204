"""The import pages' second answer to a file with bad rows: the same workbook with the bad cells
marked, to download and correct (portal.spreadsheets.marked writes it).

The marked copy is kept in the cache (Redis in production, shared by the web processes) for an
hour under a random token, for the user who uploaded the file only; nothing is stored on disk.
"""

import logging
import secrets

from django.core.cache import cache
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.choices import Role
from portal.spreadsheets import SpreadsheetError
from portal.spreadsheets.marked import marked_workbook
from portal.web import role_required, xlsx_response

from .outcome import ImportOutcome, import_limits

logger = logging.getLogger(__name__)
CACHE_PREFIX = "import-marked:"
KEEP_SECONDS = 3600
MAX_KEPT_BYTES = 8 * 1024 * 1024  # a bigger copy is not offered (the error list is on the page)


def marked_download_url(*, user, upload, outcome: ImportOutcome) -> str | None:
    """Keep the marked copy of `upload` for `user` and return its download URL; None when the
    import had no row errors or no table was found."""
    if outcome.ok or not outcome.layout.sheet_name:
        return None
    upload.seek(0)
    try:
        data = marked_workbook(upload, outcome.layout, outcome.errors, limits=import_limits())
    except SpreadsheetError:  # pragma: no cover - the import has just read the same file
        logger.info("marked copy not written", exc_info=True)
        return None
    finally:
        upload.seek(0)
    if len(data) > MAX_KEPT_BYTES:
        return None
    token = secrets.token_urlsafe(24)
    name = (upload.name or "import.xlsx").rsplit("/", 1)[-1]
    cache.set(CACHE_PREFIX + token, {"user": user.pk, "name": name, "data": data}, KEEP_SECONDS)
    return reverse("import-marked", args=[token])


@require_GET
@role_required(Role.ORGANIZER)
def import_marked_download(request, token: str):
    """GET: the marked copy of the user's own last bad file (404 for anyone else, or later)."""
    kept = cache.get(CACHE_PREFIX + token)
    if not kept or kept["user"] != request.user.pk:
        raise Http404
    stem = kept["name"].removesuffix(".xlsx")
    return xlsx_response(kept["data"], f"{stem}（问题标注）.xlsx")
