"""Refusing uploads that are not xlsx, too large, or zip bombs — before any XML is parsed.

Everything here reads only the zip central directory (and the small [Content_Types].xml).
The sizes it checks are the declared ones; Python's zipfile never inflates a member past its
declared size (it stops there and fails the CRC check), so bounding them bounds what openpyxl
can be made to read.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

from portal.filesize import too_large_message

from .errors import SpreadsheetError

MiB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and .doc)
CONTENT_TYPES = "[Content_Types].xml"
XLSX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@dataclass(frozen=True)
class Limits:
    # The upload itself; imports pass settings.SPREADSHEET_MAX_BYTES (portal.imports.limits).
    max_bytes: int = 20 * MiB
    max_uncompressed_bytes: int = 100 * MiB  # all members together, inflated
    max_ratio: int = 100  # inflated / compressed, per member...
    ratio_floor_bytes: int = MiB  # ...counted only for members inflating past this
    max_shared_strings_bytes: int = 20 * MiB
    max_members: int = 500
    max_rows: int = 50_000


DEFAULT_LIMITS = Limits()


def check_xlsx(fileobj: BinaryIO, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise SpreadsheetError unless `fileobj` is, by its content, an xlsx within `limits`.

    Leaves the file positioned at its start.
    """
    size = fileobj.seek(0, 2)
    fileobj.seek(0)
    if size > limits.max_bytes:
        raise SpreadsheetError(too_large_message(size, limits.max_bytes), code="too_large")
    head = fileobj.read(8)
    fileobj.seek(0)
    if head == OLE_MAGIC:
        raise SpreadsheetError(
            _("This is an old-style .xls workbook: save it as .xlsx and upload it again."),
            code="legacy_xls",
        )
    if not head.startswith(ZIP_MAGIC):
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(fileobj) as archive:
            _check_archive(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _not_xlsx() from exc
    finally:
        fileobj.seek(0)


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise _bomb()
    total = 0
    for info in members:
        total += info.file_size
        inflated_past_floor = info.file_size > limits.ratio_floor_bytes
        if inflated_past_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise _bomb()
    if total > limits.max_uncompressed_bytes:
        raise _bomb()
    # openpyxl loads the shared strings whole (the sheets it streams), wherever the part is.
    shared = sum(i.file_size for i in members if i.filename.lower().endswith("sharedstrings.xml"))
    if shared > limits.max_shared_strings_bytes:
        raise SpreadsheetError(
            _("The workbook holds too much text to be read safely."), code="too_much_text"
        )
    content_types = next((i for i in members if i.filename == CONTENT_TYPES), None)
    if content_types is None or content_types.file_size > MiB:
        raise _not_xlsx()
    if XLSX_MAIN_TYPE not in archive.read(content_types):
        raise _not_xlsx()


def _not_xlsx() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file is not an Excel workbook (.xlsx), whatever its name says."), code="not_xlsx"
    )


def _bomb() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file unpacks to far more data than a form can hold; it was not opened."),
        code="zip_bomb",
    )
