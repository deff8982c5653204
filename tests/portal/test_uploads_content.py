"""Uploaded report and evidence files are checked by content, size and emptiness."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from portal.uploads import EVIDENCE_TYPES, REPORT_TYPES, UploadError, check_upload
from tests.reports.reporting import PDF_BYTES, docx_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _file(content: bytes, name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_pdf_is_recognised_by_its_header():
    """A PDF passes with its size and SHA-256."""
    checked = check_upload(_file(PDF_BYTES), allowed=REPORT_TYPES)
    assert (checked.file_type, checked.size) == ("pdf", len(PDF_BYTES))
    assert len(checked.sha256) == 64


def test_docx_is_recognised_by_its_parts():
    """A zip holding word/document.xml and [Content_Types].xml is a DOCX, whatever its name."""
    assert check_upload(_file(docx_bytes(), "报告.bin"), allowed=REPORT_TYPES).file_type == "docx"


def test_renamed_executable_is_refused_with_a_clear_message():
    """An .exe renamed to .pdf is named for what it is."""
    with pytest.raises(UploadError, match="executable"):
        check_upload(_file(b"MZ\x90\x00\x03" + b"\x00" * 200, "report.pdf"), allowed=REPORT_TYPES)


def test_html_renamed_to_pdf_is_refused():
    """A web page is not a report, even with a BOM and leading blanks."""
    with pytest.raises(UploadError, match="HTML"):
        check_upload(
            _file(b"\xef\xbb\xbf  <!DOCTYPE html><html><script>x</script>", "a.pdf"),
            allowed=REPORT_TYPES,
        )


def test_empty_file_is_refused():
    """Zero bytes are refused before anything is read."""
    with pytest.raises(UploadError, match="empty"):
        check_upload(_file(b""), allowed=REPORT_TYPES)


def test_oversized_file_is_refused_with_both_sizes(settings):
    """Above UPLOAD_MAX_BYTES the message gives the file's size and the limit in MB."""
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(UploadError, match=r"2\.0 MB, larger than the limit of 1 MB"):
        check_upload(
            _file(PDF_BYTES + b"0" * (2 * 1024 * 1024 - len(PDF_BYTES))), allowed=REPORT_TYPES
        )


def test_zip_without_a_word_document_is_refused():
    """A zip that is not an Office document is not a report."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UploadError):
        check_upload(_file(buffer.getvalue(), "report.docx"), allowed=REPORT_TYPES)


def test_evidence_accepts_images_but_reports_do_not():
    """A PNG is valid evidence (a meter photo) but not a report file."""
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert check_upload(_file(png, "meter.png"), allowed=EVIDENCE_TYPES).file_type == "png"
    with pytest.raises(UploadError, match="PNG"):
        check_upload(_file(png, "report.pdf"), allowed=REPORT_TYPES)
