"""What kinds of file the portal accepts, and recognising them by their first bytes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # "pdf", "jpeg", "png", "docx", "xlsx"
    extension: str  # the one the file is stored under
    content_type: str
    label: str


PDF, JPEG, PNG, DOCX, XLSX = "pdf", "jpeg", "png", "docx", "xlsx"
KINDS = {
    PDF: Kind(PDF, "pdf", "application/pdf", "PDF"),
    JPEG: Kind(JPEG, "jpg", "image/jpeg", "JPEG"),
    PNG: Kind(PNG, "png", "image/png", "PNG"),
    DOCX: Kind(
        DOCX,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
    ),
    XLSX: Kind(
        XLSX,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (.xlsx)",
    ),
}
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
MAGIC = ((PDF_MAGIC, PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
# The part an Office Open XML package must hold to be that kind of document.
OOXML_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
CONTENT_TYPES = "[Content_Types].xml"

EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
HTML_STARTS = (
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


def kind_by_magic(head: bytes) -> str | None:
    """pdf, jpeg or png by the first bytes; "zip" for any zip; None otherwise."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(ZIP_MAGIC):
        return "zip"
    return None


def ooxml_kind(names: set[str]) -> str | None:
    """docx or xlsx by the parts a zip holds, None for any other zip."""
    if CONTENT_TYPES not in names:
        return None
    return next((kind for part, kind in OOXML_PARTS if part in names), None)
