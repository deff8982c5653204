"""Finding the header row of a form's table by the texts of its column headers.

A column spec maps each field key to the header texts accepted for it (aliases), e.g.
``{"credit_code": ["组织机构代码", "统一社会信用代码"]}``. Headers match after normalisation
(NFKC, no white space, any bracket style as round brackets, case-folded), so
"上年度综合能源消费量（吨标准煤）" and "上年度综合能源消费量 (吨标准煤)" are the same header.
"""

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .cells import clean_text, is_blank, normalize_text
from .errors import SpreadsheetError

ColumnSpec = Mapping[str, Sequence[str]]

_BRACKETS = str.maketrans("【〔〖[]〗〕】", "((((" + "))))")
_ORGANIZER_LABEL = "填报单位"
_LABEL_SPLIT_RE = re.compile(r"[:：]")


def normalize_header(value: object) -> str:
    return normalize_text(value).translate(_BRACKETS).casefold().strip("*※:")


def first_alias(columns: ColumnSpec, key: str) -> str:
    return columns[key][0]


@dataclass
class HeaderMatch:
    """Where each recognised field's column is (0-based) and the header text written there."""

    row: int = 0
    positions: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


class HeaderMatcher:
    def __init__(self, columns: ColumnSpec, required: Collection[str]) -> None:
        self.columns = columns
        self.required = [key for key in columns if key in required]
        self.aliases = {normalize_header(a): key for key, names in columns.items() for a in names}
        self.best = HeaderMatch()

    def match(self, values: Sequence[object], row: int) -> HeaderMatch | None:
        """The match if `values` names every required column; else remember the best so far."""
        found = HeaderMatch(row)
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            key = self.aliases.get(normalize_header(value))
            if key is not None and key not in found.positions:
                found.positions[key] = index
                found.texts[key] = clean_text(value)
        if all(key in found.positions for key in self.required):
            return found
        if len(found.positions) > len(self.best.positions):
            self.best = found
        return None

    def failure(self, scanned_rows: int) -> SpreadsheetError:
        """The file-level error when no scanned row named every required column."""
        if len(self.best.positions) >= 2:
            missing = [
                first_alias(self.columns, k) for k in self.required if k not in self.best.positions
            ]
            return SpreadsheetError(
                _("Column(s) not found in the header row (row %(row)d): %(columns)s."),
                code="missing_columns",
                params={"row": self.best.row, "columns": "、".join(missing)},
            )
        return SpreadsheetError(
            _(
                "No header row found in the first %(rows)d rows: it must name the columns %(columns)s."
            ),
            code="no_header",
            params={
                "rows": scanned_rows,
                "columns": "、".join(first_alias(self.columns, k) for k in self.required),
            },
        )


def organizer_text(rows: Sequence[Sequence[object]]) -> str | None:
    """The text after "填报单位（盖章）：" in the rows above the header, or in the cell after it."""
    for values in rows:
        for index, value in enumerate(values):
            if not isinstance(value, str) or not normalize_text(value).startswith(_ORGANIZER_LABEL):
                continue
            parts = _LABEL_SPLIT_RE.split(value, maxsplit=1)
            text = clean_text(parts[1]) if len(parts) > 1 else ""
            if text:
                return text
            rest = [clean_text(v) for v in values[index + 1 :] if not is_blank(v)]
            return rest[0] if rest else None
    return None
