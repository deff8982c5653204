"""The print view of a submitted form (provinces' `submission-print`): 附件1–3 laid out as the
ministry's spreadsheet (the campaign's layout and the same rows, so screen, print and file agree),
附件4 as its narrative and figures. Registered in provinces.hooks from ReportsConfig.ready().
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from provinces.choices import Form
from provinces.hooks import SUBMISSION_PRINT, PrintContent
from provinces.models import Submission
from reports.documents.builders.forms import ROWS, form_layout
from reports.documents.render.layouts import Column, FormLayout, HeaderCell, header_rows
from reports.summary.dimensions import acceptance_outcomes, outcomes_context
from reports.summary.selectors import summary_content, summary_data

_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_AFTER_SEPARATOR = re.compile(r"(?<=[@.])")


@dataclass(frozen=True)
class Cell:
    text: str
    align: str = "center"

    @property
    def address_parts(self) -> tuple[str, ...]:
        """An e-mail address cut after its "@" and dots, where the print view lets it wrap
        (`<wbr>`; the cell itself never breaks a word); () for any other text."""
        if not _ADDRESS.fullmatch(self.text):
            return ()
        return tuple(part for part in _AFTER_SEPARATOR.split(self.text) if part)


@dataclass(frozen=True)
class FormSheet:
    """One form as it prints: heading, header rows, the rows, the total row, the notes."""

    label: str
    title: str
    organizer_line: str
    header_rows: list[list[HeaderCell]]
    rows: list[list[Cell]]
    total: list[Cell] | None
    notes: tuple[str, ...]
    width: int  # the number of columns


def cell_text(value: Any, column: Column) -> str:
    """A value as the spreadsheet shows it: numbers with their format's separators and
    decimals, dates as YYYY-MM-DD, nothing for a missing value."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        decimals = _decimals(column.number_format)
        grouped = "," if column.number_format and "," in column.number_format else ""
        return f"{value:{grouped}.{decimals}f}"
    return str(value)


def _decimals(number_format: str | None) -> int:
    if not number_format or "." not in number_format:
        return 0
    return len(number_format.split(".", 1)[1].rstrip("_)% "))


def form_sheet(layout: FormLayout, *, year: int, organizer: str, rows: list[dict]) -> FormSheet:
    body = []
    for number, row in enumerate(rows, 1):
        body.append(
            [
                Cell(str(number) if c.sequence else cell_text(row.get(c.key), c), c.align)
                for c in layout.columns
            ]
        )
    total = None
    if layout.total_label and len(rows) > 1:
        sums = [
            sum(float(row.get(c.key) or 0) for row in rows) if c.total else None
            for c in layout.columns
        ]
        total = [
            Cell(
                layout.total_label
                if index == 0
                else (cell_text(sums[index], c) if sums[index] is not None else ""),
                c.align,
            )
            for index, c in enumerate(layout.columns)
        ]
    return FormSheet(
        label=layout.label,
        title=layout.title_for(year),
        organizer_line=layout.organizer_line.format(organizer=organizer, year=year),
        header_rows=header_rows(layout),
        rows=body,
        total=total,
        notes=layout.notes,
        width=len(layout.columns),
    )


def _sheet_context(submission: Submission) -> dict:
    campaign, organizer = submission.campaign, submission.organizer
    rows = list(ROWS[submission.form][0](campaign, organizer))
    layout = form_layout(campaign, submission.form)
    return {
        "sheet": form_sheet(
            layout, year=campaign.year, organizer=organizer.official_name, rows=rows
        )
    }


def _summary_context(submission: Submission) -> dict:
    campaign, organizer = submission.campaign, submission.organizer
    summary = summary_data(campaign, organizer)
    return {
        "summary": summary,
        "summary_content": summary_content(campaign, organizer),
        **outcomes_context(summary, acceptance_outcomes(campaign, organizer)),
    }


def register() -> None:
    for form in (Form.PLAN, Form.RECOMMENDATION, Form.INTENT):
        SUBMISSION_PRINT[form] = PrintContent("reports/print_form_sheet.html", _sheet_context)
    SUBMISSION_PRINT[Form.SUMMARY] = PrintContent("reports/print_summary.html", _summary_context)
