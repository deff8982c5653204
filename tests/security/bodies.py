"""The text of any response body, so exports and downloads can be searched for another tenant."""

import contextlib
import io
import zipfile


def _zip_text(data: bytes) -> str:
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist()[:500]:
            member = archive.read(info)
            parts.append(info.filename)
            parts.append(body_text(member))
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def body_text(data: bytes) -> str:
    """Text of HTML/JSON/CSV, of every member of xlsx/docx/zip files, and of PDF pages."""
    if data[:4] == b"PK\x03\x04":
        try:
            return _zip_text(data)
        except zipfile.BadZipFile:
            pass
    if data[:5] == b"%PDF-":
        from pypdf.errors import PdfReadError

        with contextlib.suppress(PdfReadError, ValueError):
            return _pdf_text(data)
    return data.decode("utf-8", errors="replace")


def response_bytes(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
