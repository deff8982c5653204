"""Task letter scans: the portal's one upload check, answering as a form field error.

    kind = check_upload(request.FILES["scan"], allowed={"pdf", "jpeg", "png"},
                        max_bytes=settings.UPLOAD_MAX_BYTES)
    kind.extension  # "pdf", the one to store the file under (with a generated name)

Same rules as `portal.uploads.check_upload` (content, size, inert PDFs); raises
django.core.exceptions.ValidationError with the message and its code for the form.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from portal.uploads import KINDS, Kind, UploadError, detect_kind
from portal.uploads import check_upload as _check_upload

__all__ = ["KINDS", "UploadKind", "check_upload", "detect_kind"]

UploadKind = Kind


def check_upload(
    upload, *, allowed: Iterable[str], max_bytes: int, field: str = "scan"
) -> UploadKind:
    """The upload's kind if it is one of `allowed`, inert, and not larger than `max_bytes`."""
    try:
        return _check_upload(upload, allowed=allowed, max_bytes=max_bytes, field=field).kind
    except UploadError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc
