"""Uploaded files, checked by what they hold and never by their name (SPEC §8; issue 11 item 8).

The one upload check of the portal (task letter scans, report files, follow-up evidence):

    checked = check_upload(request.FILES["scan"], allowed={"pdf", "jpeg", "png"}, field="scan")
    checked.kind.extension  # "pdf": store the file under a generated name with it

Size and emptiness first, then the kind by the first bytes; a PDF is parsed and must be inert
(`pdf.py`), a Word or Excel file is a zip checked entry by entry (`archives.py`). Raises
UploadError (a DomainError: pages and the API answer 400) whose message names the field and says
why. Nothing is stored here; callers store the file only after the check passed.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.filesize import too_large_message

from .archives import archive_names, check_archive
from .errors import Refused, UploadError
from .kinds import (
    DOCX,
    EXECUTABLE_MAGIC,
    HTML_STARTS,
    JPEG,
    KINDS,
    PDF,
    PDF_MAGIC,
    PNG,
    XLSX,
    Kind,
    kind_by_magic,
    ooxml_kind,
)
from .pdf import check_pdf

__all__ = [
    "DOCX",
    "EVIDENCE_TYPES",
    "JPEG",
    "KINDS",
    "PDF",
    "PNG",
    "REPORT_TYPES",
    "SCAN_TYPES",
    "XLSX",
    "CheckedFile",
    "Kind",
    "UploadError",
    "check_upload",
    "detect_kind",
]
# What each upload field takes: a signed task letter scan, a report file, follow-up evidence.
SCAN_TYPES = frozenset({PDF, JPEG, PNG})
REPORT_TYPES = frozenset({PDF, DOCX})
EVIDENCE_TYPES = frozenset({PDF, DOCX, XLSX, JPEG, PNG})
# What the messages call each upload field; any other field is "the file".
FIELD_LABELS = {
    "scan": _("Signed task letter scan"),
    "file": _("Report file"),
    "evidence": _("Evidence file"),
}


@dataclass(frozen=True)
class CheckedFile:
    kind: Kind
    size: int
    sha256: str
    name: str  # as the user named it, at most 255 characters

    @property
    def file_type(self) -> str:
        return self.kind.extension


def check_upload(
    upload, *, allowed: Iterable[str], max_bytes: int | None = None, field: str = "file"
) -> CheckedFile:
    """What `upload` (a Django UploadedFile) is, if one of `allowed` kinds and inert."""
    allowed = frozenset(allowed)
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    try:
        kind = _checked_kind(upload, allowed, limit)
    except Refused as refused:
        label = FIELD_LABELS.get(field, _("The file"))
        message = gettext("%(field)s: %(reason)s") % {"field": label, "reason": refused.reason}
        raise UploadError(message, field=field, code=refused.code) from refused
    finally:
        upload.seek(0)
    return CheckedFile(
        kind=KINDS[kind],
        size=upload.size,
        sha256=_sha256(upload),
        name=(upload.name or "")[-255:],
    )


def detect_kind(fileobj) -> str | None:
    """The kind the content is by its first bytes (and a zip's parts), or None; position kept."""
    start = fileobj.tell()
    try:
        fileobj.seek(0)
        kind = kind_by_magic(fileobj.read(8))
        if kind == "zip":
            fileobj.seek(0)
            names = archive_names(fileobj)
            return ooxml_kind(names) if names is not None else None
        return kind
    finally:
        fileobj.seek(start)


def _checked_kind(upload, allowed: frozenset[str], limit: int) -> str:
    size = upload.size or 0
    if size == 0:
        raise Refused(_("The file is empty."), code="empty")
    if size > limit:
        raise Refused(too_large_message(size, limit), code="too_large")
    upload.seek(0)
    head = upload.read(1024)
    kind = detect_kind(upload)
    if kind not in allowed:
        raise Refused(_refusal(kind, head, allowed), code=_refusal_code(kind, head, allowed))
    stream = getattr(upload, "file", upload)
    if kind == PDF:
        check_pdf(stream)
    elif kind in (DOCX, XLSX):
        check_archive(stream)
    return kind


def _refusal_code(kind: str | None, head: bytes, allowed: frozenset[str]) -> str:
    if PDF in allowed and PDF_MAGIC in head:
        return "pdf_leading_data"
    return "kind"


def _refusal(kind: str | None, head: bytes, allowed: frozenset[str]) -> str:
    if PDF in allowed and PDF_MAGIC in head:
        return gettext(
            "the file has other data before the PDF header; a file that is a PDF and something "
            "else at once is refused."
        )
    expected = gettext(" or ").join(KINDS[k].label for k in sorted(allowed))
    if head.startswith(EXECUTABLE_MAGIC):
        what = gettext("an executable program")
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(HTML_STARTS):
        what = gettext("a web page (HTML) or other markup")
    elif kind:
        what = KINDS[kind].label
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
