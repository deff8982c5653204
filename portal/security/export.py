"""Writers of the audit-log export: CSV streamed row by row, xlsx through a temporary file.

CSV has no cell types, so a value that a spreadsheet would read as a formula gets a leading
apostrophe there (OWASP); the xlsx stores every value as a text cell (portal.spreadsheets.writer)
and keeps the text exactly as recorded.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from portal.spreadsheets.writer import new_workbook

# Excel opens a CSV as UTF-8 only with a byte-order mark.
BOM = "\ufeff"
XLSX_MAX_ROWS = 1_048_575  # one sheet's rows less the header


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ is a formula in Excel: a summary could carry one (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_chunks(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([_safe_cell(str(cell)) for cell in row])


def xlsx_file(header: list[str], rows: Iterable[list[str]]):
    """A write-only workbook in a temporary file (rewound), at most one sheet of rows."""
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    sheet.append(header)
    for count, row in enumerate(rows):
        if count >= XLSX_MAX_ROWS:
            break
        sheet.append([str(cell) for cell in row])  # text cells, never formulas
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(out)
    out.seek(0)
    return out
