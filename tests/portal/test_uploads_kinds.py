"""portal.uploads: a file is what its content says, whatever its name (SPEC §8)."""

import io
import zipfile

import pytest

from portal.uploads import UploadError, check_upload, detect_kind
from tests.enterprises.workflow_helpers import PDF, PNG, upload

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


def _ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (JPEG, "jpeg"),
        (_ooxml("word/document.xml"), "docx"),
        (_ooxml("xl/workbook.xml"), "xlsx"),
        (b"just text", None),
        (b"PK\x03\x04broken", None),
    ],
)
def test_kind_comes_from_the_content(content, kind):
    """Magic bytes (and the OOXML parts) decide the kind."""
    assert detect_kind(io.BytesIO(content)) == kind


def test_a_text_file_named_pdf_is_refused():
    """The name does not matter: a renamed text file is not a PDF."""
    with pytest.raises(UploadError) as exc:
        check_upload(upload("scan.pdf", b"hello"), allowed={"pdf"}, max_bytes=1000)
    assert exc.value.code == "kind"


def test_a_png_named_pdf_is_accepted_as_png():
    """The stored extension comes from the content."""
    checked = check_upload(upload("scan.pdf", PNG), allowed={"pdf", "png"}, max_bytes=1000)
    assert checked.kind.extension == "png"


def test_size_limit_and_empty_file():
    """Larger than the limit, or empty: refused with the reason."""
    with pytest.raises(UploadError) as exc:
        check_upload(upload("big.pdf", PDF + b"0" * 100), allowed={"pdf"}, max_bytes=50)
    assert exc.value.code == "too_large"
    with pytest.raises(UploadError) as exc:
        check_upload(upload("empty.pdf", b""), allowed={"pdf"}, max_bytes=50)
    assert exc.value.code == "empty"


def test_position_is_restored_after_detection():
    """Detection leaves the file where it was, so it can be stored afterwards."""
    fh = io.BytesIO(PDF)
    fh.seek(3)
    detect_kind(fh)
    assert fh.tell() == 3
