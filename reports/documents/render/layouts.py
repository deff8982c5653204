"""The attachment forms (附件1–3) described as data: columns, headers, notes under the table.

A campaign keeps its layouts as a dict in `Campaign.form_layouts` (the same shape as the JSON
files in `reports/data/forms/<year>.json`), so a new year's form is a data change, not a code
change. `layouts_for(stored, year)` turns what a campaign holds into `FormLayout` objects, falling
back to the bundled defaults for forms the campaign does not define.
"""

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

FORMS_DIR = Path(__file__).resolve().parents[2] / "data" / "forms"
ALIGNMENTS = ("left", "center", "right")
_SPACES = re.compile(r"\s+")


class LayoutError(ValueError):
    """A layout dict that cannot describe a form (missing key, duplicate column, …)."""


def normalize_header(text: object) -> str:
    """Header text for matching: NFKC (full-width to half-width), no white space at all."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(text or "")))


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: float = 8  # minimum width in Excel character units; content may widen it
    number_format: str | None = None
    aliases: tuple[str, ...] = ()  # other header texts that mean this column (imports)
    group: str | None = None  # a group header above this column (two-level headers)
    sequence: bool = False  # 序号: numbered 1, 2, 3 … by the renderer
    total: bool = False  # summed in the total row, when the layout has one
    align: str = "center"

    @property
    def header_names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True, slots=True)
class FormLayout:
    form: int
    label: str  # "附件3"
    title: str  # "{year}年度节能诊断服务意向企业名单"
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = ()
    organizer_line: str = "填报单位（盖章）：{organizer}"
    sheet_name: str = ""
    total_label: str | None = None  # "合计": adds a total row summing the `total` columns
    max_width: float = 40
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later year may add

    def title_for(self, year: int) -> str:
        return self.title.format(year=year)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)

    @property
    def has_groups(self) -> bool:
        return any(column.group for column in self.columns)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def header_lookup(self) -> dict[str, str]:
        """Normalized header text (and every alias) → column key, for reading spreadsheets."""
        return {
            normalize_header(name): column.key
            for column in self.columns
            for name in column.header_names
        }

    def column_for_header(self, text: object) -> Column | None:
        key = self.header_lookup().get(normalize_header(text))
        return None if key is None else self.column(key)

    def with_organizer_column(self, header: str = "填报单位") -> "FormLayout":
        """The national variant: a 填报单位 column (key `organizer`) after 序号, if not there."""
        if "organizer" in self.keys:
            return self
        position = 1 if self.columns and self.columns[0].sequence else 0
        added = Column(key="organizer", header=header, width=16, align="left")
        columns = (*self.columns[:position], added, *self.columns[position:])
        return _replace_columns(self, columns)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["columns"] = [
            {k: (list(v) if isinstance(v, tuple) else v) for k, v in column.items()}
            for column in data["columns"]
        ]
        data["notes"] = list(self.notes)
        data.update(data.pop("extra"))
        return data


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a form's header as HTML prints it (the spreadsheet merges the same cells)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


def header_rows(layout: FormLayout) -> list[list[HeaderCell]]:
    """The header as one row, or two when columns are grouped (the group spans its columns,
    an ungrouped column spans both rows), as in the printed form."""
    if not layout.has_groups:
        return [[HeaderCell(c.header) for c in layout.columns]]
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    index = 0
    columns = layout.columns
    while index < len(columns):
        group = columns[index].group
        if not group:
            top.append(HeaderCell(columns[index].header, rowspan=2))
            index += 1
            continue
        span = 0
        while index + span < len(columns) and columns[index + span].group == group:
            bottom.append(HeaderCell(columns[index + span].header))
            span += 1
        top.append(HeaderCell(group, colspan=span))
        index += span
    return [top, bottom]


def _replace_columns(layout: FormLayout, columns: tuple[Column, ...]) -> FormLayout:
    data = {name: getattr(layout, name) for name in FormLayout.__dataclass_fields__}
    data["columns"] = columns
    return FormLayout(**data)


def column_from_dict(data: Mapping[str, Any]) -> Column:
    unknown = set(data) - set(Column.__dataclass_fields__)
    if unknown:
        raise LayoutError(f"unknown column keys: {sorted(unknown)}")
    if not data.get("key") or not data.get("header"):
        raise LayoutError(f"a column needs 'key' and 'header': {dict(data)}")
    values = dict(data)
    values["aliases"] = tuple(values.get("aliases") or ())
    if values.get("align", "center") not in ALIGNMENTS:
        raise LayoutError(f"column {values['key']}: align must be one of {ALIGNMENTS}")
    return Column(**values)


def layout_from_dict(data: Mapping[str, Any]) -> FormLayout:
    """Parse and check one form's layout dict (see reports/data/forms/2021.json)."""
    for required in ("form", "label", "title", "columns"):
        if required not in data:
            raise LayoutError(f"a layout needs '{required}'")
    known = set(FormLayout.__dataclass_fields__) - {"extra"}
    values = {name: data[name] for name in known if name in data}
    values["columns"] = tuple(column_from_dict(column) for column in data["columns"])
    values["notes"] = tuple(data.get("notes") or ())
    values["extra"] = {k: v for k, v in data.items() if k not in known}
    layout = FormLayout(**values)
    _check(layout)
    return layout


def _check(layout: FormLayout) -> None:
    keys = layout.keys
    if not keys:
        raise LayoutError(f"{layout.label}: no columns")
    if len(set(keys)) != len(keys):
        raise LayoutError(f"{layout.label}: duplicate column keys")
    if "{year}" not in layout.title:
        raise LayoutError(f"{layout.label}: the title must contain {{year}}")
    seen: list[str] = []
    for column in layout.columns:
        if column.group and column.group in seen and seen[-1] != column.group:
            raise LayoutError(
                f"{layout.label}: the columns of group {column.group} must be adjacent"
            )
        seen.append(column.group or "")


def layouts_from_dict(data: Mapping[str, Any]) -> dict[int, FormLayout]:
    """A campaign's layouts: `{"forms": {"1": {...}, "2": {...}, "3": {...}}}` → by form number."""
    forms = data.get("forms", {})
    layouts = {int(number): layout_from_dict(form) for number, form in forms.items()}
    for number, layout in layouts.items():
        if layout.form != number:
            raise LayoutError(f"form {number} holds the layout of form {layout.form}")
    return layouts


def available_years() -> list[int]:
    return sorted(int(path.stem) for path in FORMS_DIR.glob("*.json") if path.stem.isdigit())


@cache
def default_layouts_dict(year: int) -> dict[str, Any]:
    """The bundled layout file for `year`, else the nearest earlier year's, else the first one.

    Campaigns 2019 and 2020 (imported history) and a new year without its own file use the
    closest bundled layout; the title carries {year}, so the right year is printed.
    """
    years = available_years()
    if not years:
        raise LayoutError(f"no layout files in {FORMS_DIR}")
    earlier = [y for y in years if y <= year]
    chosen = earlier[-1] if earlier else years[0]
    return json.loads((FORMS_DIR / f"{chosen}.json").read_text(encoding="utf-8"))


def load_default_layouts(year: int) -> dict[int, FormLayout]:
    return layouts_from_dict(default_layouts_dict(year))


def layouts_for(stored: Mapping[str, Any] | None, year: int) -> dict[int, FormLayout]:
    """A campaign's own layouts (its `form_layouts`) over the bundled defaults for its year."""
    layouts = load_default_layouts(year)
    if stored:
        layouts.update(layouts_from_dict(stored))
    return layouts
