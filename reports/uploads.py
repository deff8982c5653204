"""Checking uploaded report and evidence files by their content, never by their name (SPEC §8).

`check_upload(file, allowed=...)` reads the first bytes (and, for Office files, the zip's central
directory) and returns what the file really is with its size and SHA-256, or raises UploadError
with a message for the user. Nothing is stored here: the caller saves the file under a
generated name only after the check passed.
"""

import hashlib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError

MiB = 1024 * 1024
PDF, DOCX, XLSX, JPEG, PNG = "pdf", "docx", "xlsx", "jpg", "png"
REPORT_TYPES = frozenset({PDF, DOCX})
EVIDENCE_TYPES = frozenset({PDF, DOCX, XLSX, JPEG, PNG})
TYPE_NAMES = {PDF: "PDF", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)", JPEG: "JPEG", PNG: "PNG"}
# Office files inflating past this many times the upload limit are treated as zip bombs.
MAX_INFLATION = 20
MAX_MEMBERS = 5000

_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
_HTML_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<?xml",
    b"<svg",
    b"<iframe",
    b"<meta",
)


class UploadError(DomainError):
    def __init__(self, message, *, field: str = "file"):
        super().__init__(message, field=field)


@dataclass(frozen=True)
class CheckedFile:
    file_type: str
    size: int
    sha256: str
    name: str


def check_upload(
    upload,
    *,
    allowed: Iterable[str] = REPORT_TYPES,
    max_bytes: int | None = None,
    field: str = "file",
) -> CheckedFile:
    """What `upload` (a Django UploadedFile) is by content; UploadError when refused."""
    allowed = frozenset(allowed)
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    size = upload.size or 0
    if size == 0:
        raise UploadError(_("The file is empty."), field=field)
    if size > limit:
        raise UploadError(
            gettext("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(size / MiB, 1), "limit": round(limit / MiB, 1)},
            field=field,
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    detected = _detect(head, upload, limit)
    if detected not in allowed:
        raise UploadError(_refusal(detected, head, allowed), field=field)
    return CheckedFile(
        file_type=detected, size=size, sha256=_sha256(upload), name=(upload.name or "")[-255:]
    )


def _detect(head: bytes, upload, limit: int) -> str:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload, limit)
    return ""


def _office_kind(upload, limit: int) -> str:
    """docx or xlsx by the parts the zip holds; "" for any other or a suspicious zip."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""
    finally:
        upload.seek(0)
    inflated = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or inflated > limit * MAX_INFLATION:
        return "zipbomb"
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        return ""
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return ""


def _refusal(detected: str, head: bytes, allowed: frozenset[str]) -> str:
    expected = gettext(" or ").join(TYPE_NAMES[kind] for kind in sorted(allowed))
    if detected == "zipbomb":
        return gettext("The file unpacks to far more than its size allows and was refused.")
    if head.startswith(_EXECUTABLE_MAGIC):
        what = gettext("an executable program")
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_HTML_STARTS):
        what = gettext("a web page (HTML) or other markup")
    elif detected:
        what = TYPE_NAMES[detected]
    else:
        what = gettext("not a recognised document")
    return gettext(
        "Only %(expected)s files are accepted; by its content this file is "
        "%(what)s, whatever its name says."
    ) % {"expected": expected, "what": what}


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
