"""Workbooks for the bulk-entry tests: the portal's template, read and changed with openpyxl."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def load(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def save(wb, name: str = "批量填报.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def rows_of(ws) -> list[dict]:
    """The sheet's data rows as {header: value}."""
    headers = [c.value for c in ws[1]]
    return [
        dict(zip(headers, row, strict=False))
        for row in ws.iter_rows(min_row=2, values_only=True)
        if any(v is not None for v in row)
    ]


def append(ws, values: dict) -> int:
    """A row with `values` by header; returns its row number."""
    headers = [c.value for c in ws[1]]
    unknown = set(values) - set(headers)
    assert not unknown, unknown
    row = ws.max_row + 1
    for header, value in values.items():
        ws.cell(row=row, column=headers.index(header) + 1, value=value)
    return row
