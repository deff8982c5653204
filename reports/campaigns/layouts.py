"""A candidate set of form layouts (附件1–3) is stored only if it renders.

The check parses the layouts (reports/documents/render/layouts.py), keeps every column the
portal's data and imports are keyed by, and then renders each form — per organizer and national,
with a sample row — to an in-memory workbook. Any failure is refused with its reason, and the
HTML preview the ministry sees is built from the very layouts that passed.
"""

import io
import string
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from portal.campaign_data import CampaignDataError
from reports.documents.render.layouts import (
    FormLayout,
    HeaderCell,
    LayoutError,
    header_rows,
    layouts_from_dict,
    load_default_layouts,
)
from reports.documents.render.xlsx import render_form_xlsx

FORM_NUMBERS = ("1", "2", "3")
SAMPLE_ORGANIZER = "示例填报单位"


def _sample_row(layout: FormLayout) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in layout.columns:
        row[column.key] = 1 if column.number_format or column.total else f"示例{column.header}"
    row["organizer"] = SAMPLE_ORGANIZER
    return row


def _render(layout: FormLayout, year: int) -> None:
    for national in (False, True):
        render_form_xlsx(
            layout,
            year=year,
            organizer_name=SAMPLE_ORGANIZER,
            rows=[_sample_row(layout)],
            out=io.BytesIO(),
            national=national,
        )


def _parse(stored: Any) -> dict[int, FormLayout]:
    if not isinstance(stored, dict) or not isinstance(stored.get("forms"), dict):
        raise CampaignDataError(_('The layouts must be an object with “forms”: {"1": …}.'))
    unknown = sorted(set(map(str, stored["forms"])) - set(FORM_NUMBERS))
    if unknown:
        raise CampaignDataError(
            _("Only Attachments 1–3 have layouts; unknown form: %(forms)s.")
            % {"forms": ", ".join(unknown)}
        )
    try:
        return layouts_from_dict(stored)
    except (LayoutError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise CampaignDataError(
            _("The layout cannot be read: %(reason)s") % {"reason": exc}
        ) from exc


def layouts_check(stored: Any, year: int) -> dict[int, FormLayout]:
    """The campaign's layouts (bundled ones for forms `stored` leaves out) once they render;
    CampaignDataError with the reason otherwise."""
    own = _parse(stored)
    defaults = load_default_layouts(year)
    layouts = {**defaults, **own}
    for number, layout in sorted(own.items()):
        missing = [key for key in defaults[number].keys if key not in layout.keys]
        if missing:
            raise CampaignDataError(
                _("%(label)s must keep the columns the portal's data fills: %(keys)s.")
                % {"label": layout.label, "keys": ", ".join(missing)}
            )
    for layout in layouts.values():
        _placeholders(layout)
        try:
            layout.title_for(year)
            _render(layout, year)
        except Exception as exc:
            raise CampaignDataError(
                _("%(label)s cannot be rendered: %(reason)s")
                % {"label": layout.label, "reason": f"{type(exc).__name__}: {exc}"}
            ) from exc
    return layouts


def _placeholders(layout: FormLayout) -> None:
    """Only {year} in the title and {organizer} in the 填报单位 line are filled in."""
    for text, allowed in ((layout.title, "year"), (layout.organizer_line, "organizer")):
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:  # a lone brace
            raise CampaignDataError(
                _("%(label)s: “%(text)s” cannot be filled in: %(reason)s.")
                % {"label": layout.label, "text": text, "reason": exc}
            ) from exc
        if names - {allowed}:
            raise CampaignDataError(
                _("%(label)s: “%(text)s” uses {%(names)s}; only {%(allowed)s} is filled in.")
                % {
                    "label": layout.label,
                    "text": text,
                    "names": ", ".join(sorted(names - {allowed})),
                    "allowed": allowed,
                }
            )


@dataclass(frozen=True)
class FormPreview:
    """One form as the ministry previews it: the printed heading, header rows, a sample row."""

    label: str
    title: str
    organizer_line: str
    header_rows: list[list[HeaderCell]]
    sample: list[str]
    notes: tuple[str, ...]


def layouts_preview(layouts: dict[int, FormLayout], year: int) -> list[FormPreview]:
    """The forms as they print, for the ministry's preview (pure: no database)."""
    previews = []
    for number in sorted(layouts):
        layout = layouts[number]
        sample = _sample_row(layout)
        previews.append(
            FormPreview(
                label=layout.label,
                title=layout.title_for(year),
                organizer_line=layout.organizer_line.replace("{organizer}", SAMPLE_ORGANIZER),
                header_rows=header_rows(layout),
                sample=["1" if c.sequence else str(sample[c.key]) for c in layout.columns],
                notes=layout.notes,
            )
        )
    return previews
