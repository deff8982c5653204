"""Report files and follow-up evidence: the portal's one upload check with this app's kinds.

`check_upload(file, allowed=..., field=...)` is `portal.uploads.check_upload` (content, size,
inert PDFs, checked Office zips) with the report file's kinds as the default.
"""

from collections.abc import Iterable

from portal.uploads import DOCX, JPEG, PDF, PNG, XLSX, CheckedFile, UploadError
from portal.uploads import check_upload as _check_upload

__all__ = ["EVIDENCE_TYPES", "REPORT_TYPES", "CheckedFile", "UploadError", "check_upload"]

REPORT_TYPES = frozenset({PDF, DOCX})
EVIDENCE_TYPES = frozenset({PDF, DOCX, XLSX, JPEG, PNG})


def check_upload(
    upload,
    *,
    allowed: Iterable[str] = REPORT_TYPES,
    max_bytes: int | None = None,
    field: str = "file",
) -> CheckedFile:
    """What `upload` is by content; UploadError (with the field) when refused."""
    return _check_upload(upload, allowed=allowed, max_bytes=max_bytes, field=field)
