"""Uploaded files checked by what they hold, not by their name (SPEC §8), with a size limit.

Independent of the rest of the portal so any app can use it:

    kind = check_upload(request.FILES["scan"], allowed={"pdf", "jpeg", "png"},
                        max_bytes=settings.UPLOAD_MAX_BYTES)
    kind.extension  # "pdf", the one to store the file under (with a generated name)

Raises django.core.exceptions.ValidationError with a message for the user.
"""

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class UploadKind:
    name: str  # "pdf", "jpeg", "png", "docx", "xlsx"
    extension: str
    content_type: str
    label: str


KINDS = {
    "pdf": UploadKind("pdf", "pdf", "application/pdf", "PDF"),
    "jpeg": UploadKind("jpeg", "jpg", "image/jpeg", "JPEG"),
    "png": UploadKind("png", "png", "image/png", "PNG"),
    "docx": UploadKind(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
    ),
    "xlsx": UploadKind(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (.xlsx)",
    ),
}
_MAGIC = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"))
# The part an Office Open XML package must hold to be that kind of document.
_OOXML_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))


def detect_kind(fileobj) -> str | None:
    """The kind of file the content is, or None; the file position is restored afterwards."""
    start = fileobj.tell() if hasattr(fileobj, "tell") else 0
    try:
        fileobj.seek(0)
        head = fileobj.read(8)
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                return kind
        if head.startswith(b"PK\x03\x04"):
            fileobj.seek(0)
            return _ooxml_kind(fileobj)
        return None
    finally:
        fileobj.seek(start)


def _ooxml_kind(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OOXML_PARTS if part in names), None)


def check_upload(upload, *, allowed: Iterable[str], max_bytes: int) -> UploadKind:
    """The upload's kind if it is one of `allowed` and not larger than `max_bytes`."""
    allowed = tuple(allowed)
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size).1f MB; at most %(limit).1f MB is accepted.")
            % {"size": size / 2**20, "limit": max_bytes / 2**20},
            code="too_large",
        )
    kind = detect_kind(upload)
    if kind not in allowed:
        names = "、".join(KINDS[k].label for k in allowed)
        raise ValidationError(
            _("This file is not a %(kinds)s file (its content was checked, not its name).")
            % {"kinds": names},
            code="kind",
        )
    return KINDS[kind]
