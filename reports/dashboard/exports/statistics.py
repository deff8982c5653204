"""The dashboard's statistics as a workbook: one sheet per table the dashboard shows.

`statistics_xlsx` is a pure renderer: it gets the Dashboard the selectors built (plain data) and
never touches the database. The tables are small (one row per organizer at most), so a normal
openpyxl workbook with styled header rows is enough.
"""

from collections.abc import Sequence
from os import PathLike
from typing import IO, Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from portal.spreadsheets.printing import lay_out_table
from portal.spreadsheets.writer import SafeWorkbook, new_workbook
from reports.dashboard.selectors.page import Dashboard

THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")
TCE = "#,##0.0"
MONEY = "#,##0.00"
STAGES = ["计划数", "列入意向名单", "已发布", "已提交报告", "已验收", "验收率"]


def _percent(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _stage_values(row) -> list[Any]:
    return [
        row.planned,
        row.listed,
        row.published,
        row.reported,
        row.accepted,
        _percent(row.accepted, row.listed),
    ]


def _sheet(
    book: SafeWorkbook,
    title: str,
    heading: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    percent_columns: Sequence[int] = (),
    number_formats: dict[int, str] | None = None,
) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append([heading])
    sheet["A1"].font = Font(name="黑体", size=14, bold=True)
    sheet.append(list(header))
    for cell in sheet[2]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in rows:
        sheet.append(["—" if v is None else v for v in values])
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.border = GRID
            if index in percent_columns and isinstance(cell.value, float):
                cell.number_format = "0.0%"
    lay_out_table(sheet, header_row=2, number_formats=number_formats)
    sheet.freeze_panes = "B3"


def _matrix_rows(board: Dashboard) -> list[list[Any]]:
    rows = []
    for group in board.matrix.groups:
        for row in group.rows:
            values: list[Any] = [group.label, row.name]
            for cell in row.cells:
                text = cell.label
                if cell.total:
                    text += f"（{cell.done}/{cell.total}）"
                values += [text, cell.date.strftime("%Y-%m-%d") if cell.date else ""]
            rows.append(values)
    return rows


def statistics_xlsx(board: Dashboard, *, scope_label: str, out: str | PathLike | IO[bytes]) -> None:
    """Write the workbook: progress by type, industry and organizer, deadlines, outcomes."""
    year, p, o = board.campaign.year, board.progress, board.outcomes
    book = new_workbook()
    book.remove(book.active)
    title = f"{year}年度工业节能诊断服务统计（{scope_label}）"
    pct = (6,)
    _sheet(
        book,
        "按诊断类型",
        title,
        ["节能诊断类型", *STAGES],
        [[r.label, *_stage_values(r)] for r in [*p.by_type, p.total]],
        pct,
    )
    _sheet(
        book,
        "按行业",
        title,
        ["行业", *STAGES],
        [[r.label, *_stage_values(r)] for r in p.by_sector],
        pct,
    )
    savings = {s.key: s for s in o.by_organizer}
    _sheet(
        book,
        "按组织单位",
        title,
        [
            "组织单位",
            *STAGES,
            "报告数",
            "预计年节能量（吨标准煤）",
            "预计年节约资金（万元）",
            "预计年减排二氧化碳（吨）",
            "预计投资（万元）",
        ],
        [
            [
                r.label,
                *_stage_values(r),
                savings[r.key].reports,
                savings[r.key].savings_tce,
                savings[r.key].savings_wan,
                savings[r.key].co2_t,
                savings[r.key].investment_wan,
            ]
            for r in p.by_organizer
        ],
        pct,
        {8: TCE, 9: MONEY, 10: TCE, 11: MONEY},
    )
    milestones = [
        header for m in board.matrix.milestones for header in (f"{m.short}状态", f"{m.short}日期")
    ]
    _sheet(book, "报送进度", title, ["类别", "组织单位", *milestones], _matrix_rows(board))
    _sheet(
        book,
        "企业评价",
        title,
        ["评分", "企业数"],
        [[f"{score}分", n] for score, n in o.ratings.items()]
        + [["平均分", float(o.rating_mean) if o.rating_mean is not None else None]],
    )
    book.save(out)
