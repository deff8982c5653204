"""Blank attachment forms in the ministry's layout, for organizers to fill in and import back.

Pure (no database): title rows, the 填报单位 line, the header row with the exact texts the
importers read, numbered empty rows and the notes under the table.
"""

import io
from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from portal.spreadsheets.writer import new_workbook

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def blank_form(
    *,
    label: str,
    title: str,
    organizer: str,
    headers: Sequence[str],
    notes: Sequence[str] = (),
    rows: int = 20,
) -> bytes:
    """An xlsx: 附件N, the title, 填报单位, the headers, `rows` numbered rows, the notes."""
    wb = new_workbook()
    ws = wb.active
    ws.title = label
    width = len(headers)
    ws.append([label])
    ws.append([title])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A2"].font = Font(size=16, bold=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append([f"填报单位（盖章）：{organizer}"])
    ws.append(list(headers))
    for cell in ws[4]:
        cell.font, cell.border = Font(bold=True), _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for n in range(1, rows + 1):
        ws.append([n] + [None] * (width - 1))
        for cell in ws[ws.max_row]:
            cell.border = _BOX
    ws.append([])
    for note in notes:
        ws.append([note])
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(40, len(header) * 2 + 2))
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
