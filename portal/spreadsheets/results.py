"""What a form parser hands back: clean rows, and every problem found (row, column, reason)."""

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .cells import FormulaWithoutValue, clean_text, is_blank, parse_decimal

RowT = TypeVar("RowT")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: `row` is the row's 序号 when it has one, else the spreadsheet row number."""

    row: int | str
    column: str
    reason: str
    sheet_row: int | None = None

    def __str__(self) -> str:
        return f"row {self.row}: {self.column}: {self.reason}"


@dataclass(frozen=True)
class Layout:
    """Where the table was found: its sheet, and each column's number (1-based) by every name
    an error may give it (the header as written and each alias), to mark an error's cell."""

    sheet_name: str = ""
    columns: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        sheet_name: str,
        spec: Mapping[str, Sequence[str]],
        headers: Mapping[str, str],
        positions: Mapping[str, int],
    ) -> "Layout":
        columns: dict[str, int] = {}
        for key, index in positions.items():
            for name in (*spec.get(key, ()), headers.get(key, "")):
                if name:
                    columns.setdefault(name, index + 1)
        return cls(sheet_name, columns)


@dataclass
class ParseResult(Generic[RowT]):
    """`rows` holds only rows without errors; nothing may be saved unless `errors` is empty."""

    rows: list[RowT] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    organizer_text: str | None = None
    layout: Layout = field(default_factory=Layout)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_seq(value: object) -> int | str | None:
    """A row's 序号: an integer when it is one, else its text; None when blank (or a formula
    without a value: the row is then named by its spreadsheet row)."""
    if is_blank(value) or isinstance(value, FormulaWithoutValue):
        return None
    try:
        number = parse_decimal(value)
    except ValidationError:
        return clean_text(value)
    return int(number) if number == number.to_integral_value() else clean_text(value)


class RowCheck:
    """Collects the errors of one row while its cells are cleaned, one column at a time."""

    def __init__(self, sheet_row: int, columns: dict[str, str], seq: int | str | None = None):
        self.label = sheet_row if seq is None else seq  # errors name the row by its 序号
        self.sheet_row = sheet_row
        self.columns = columns  # field key → the column's header text
        self.errors: list[RowError] = []

    def add(self, field_key: str, reason: object) -> None:
        self.errors.append(
            RowError(self.label, self.columns[field_key], str(reason), self.sheet_row)
        )

    def clean(
        self,
        field_key: str,
        value: Any,
        parse: Callable[[Any], T],
        *,
        required: bool = True,
    ) -> T | None:
        """`parse(value)`, recording its ValidationError (or a blank required cell) as errors."""
        if isinstance(value, FormulaWithoutValue):
            message = gettext(
                "Cell %(cell)s holds a formula but the file stores no value for it: enter the "
                "value itself as text or a number."
            )
            self.add(field_key, message % {"cell": value.coordinate})
            return None
        if is_blank(value):
            if required:
                self.add(field_key, gettext("This field is required."))
            return None
        try:
            return parse(value)
        except ValidationError as exc:
            for message in exc.messages:
                self.add(field_key, message)
            return None

    def unique(
        self, field_key: str, value: Hashable, seen: dict[Hashable, tuple[Any, int]]
    ) -> None:
        """Record an error if an earlier row (remembered in `seen`) had the same value here."""
        label, sheet_row = seen.setdefault(value, (self.label, self.sheet_row))
        if sheet_row != self.sheet_row:
            message = gettext("The same %(column)s is already on row %(row)s.")
            self.add(field_key, message % {"column": self.columns[field_key], "row": label})

    def text(self, field_key: str, value: Any, *, required: bool = True) -> str:
        return self.clean(field_key, value, clean_text, required=required) or ""


def column_labels(
    columns: Mapping[str, Sequence[str]], headers: Mapping[str, str]
) -> dict[str, str]:
    """Each field's column name for errors: its header as written in the file, else its first alias."""
    return {key: headers.get(key) or aliases[0] for key, aliases in columns.items()}


def only_numbered(values: Mapping[str, object], seq_key: str = "seq") -> bool:
    """Whether the row is empty but for its 序号 (templates come pre-numbered)."""
    return all(is_blank(v) for k, v in values.items() if k != seq_key)
