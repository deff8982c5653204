"""Grading equipment against a minimum energy performance standard held as data.

A grading table belongs to one standard edition, one equipment type and one metric (specific
power of an air compressor, no-load loss of a transformer, ...), says whether higher or lower
is better, and has rows: conditions on key parameters (rated power, cooling, ...) and the
threshold of each grade. Grade numbers run best first (1, 2, 3) and the last grade is the
limit (能效限定值): a value that misses it is below the limit. A value exactly on a threshold
meets it. With no table loaded for the equipment type the result is "no grading table"; with a
table that has no row for the parameters it is "no grading".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypedDict

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .decimals import Number, as_decimal


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class GradeStatus(StrEnum):
    GRADED = "graded"
    BELOW_LIMIT = "below_limit"
    NO_GRADING = "no_grading"
    NO_TABLE = "no_table"


GRADE_STATUS_LABELS = {
    GradeStatus.GRADED: _("Graded"),
    GradeStatus.BELOW_LIMIT: _("Below the limit value"),
    GradeStatus.NO_GRADING: _("No grading"),
    GradeStatus.NO_TABLE: _("No grading table"),
}

# The standard each equipment type is graded against (SPEC §4, §7).
KNOWN_STANDARDS = {
    "motor": ("GB 18613", "2020"),
    "pump": ("GB 19762", "2007"),
    "air_compressor": ("GB 19153", "2019"),
    "transformer": ("GB 20052", "2020"),
    "fan": ("GB 19761", "2020"),
    "boiler": ("GB 24500", "2020"),
}


@dataclass(frozen=True)
class Condition:
    """One key parameter of a row: a range (any bound may be open) or an exact text value."""

    param: str
    low: Decimal | None = None
    high: Decimal | None = None
    include_low: bool = True
    include_high: bool = True
    equals: str | None = None

    def matches(self, params: Mapping[str, Any]) -> bool:
        if params.get(self.param) in (None, ""):
            return False
        if self.equals is not None:
            return str(params[self.param]).strip() == self.equals
        value = as_decimal(params[self.param], field=self.param)
        if self.low is not None and (
            value < self.low or (value == self.low and not self.include_low)
        ):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.include_high))
        )


@dataclass(frozen=True)
class GradingRow:
    conditions: tuple[Condition, ...]
    thresholds: Mapping[int, Decimal]  # grade number → threshold of the metric

    def matches(self, params: Mapping[str, Any]) -> bool:
        return all(condition.matches(params) for condition in self.conditions)


@dataclass(frozen=True)
class GradingTable:
    standard: str
    edition: str
    equipment_type: str
    metric: str
    unit: str
    direction: Direction
    grades: tuple[int, ...]  # every grade the standard defines, best first
    rows: tuple[GradingRow, ...]


@dataclass(frozen=True)
class GradeResult:
    status: GradeStatus
    grade: int | None = None
    # True when better grades exist in the standard but have no thresholds loaded.
    at_least: bool = False
    value: Decimal | None = None
    metric: str = ""
    unit: str = ""
    thresholds: Mapping[int, Decimal] = field(default_factory=dict)
    standard: str = ""
    edition: str = ""
    equipment_type: str = ""
    parts: tuple["GradeResult", ...] = ()

    @property
    def below_limit(self) -> bool:
        return self.status == GradeStatus.BELOW_LIMIT

    @property
    def label(self) -> str:
        if self.status != GradeStatus.GRADED:
            return str(GRADE_STATUS_LABELS[self.status])
        if self.at_least:
            return gettext("Grade %(grade)s or better") % {"grade": self.grade}
        return gettext("Grade %(grade)s") % {"grade": self.grade}


class GradeContext(TypedDict):
    """What a result says about the value graded, whatever the grade (GradeResult's fields)."""

    value: Decimal
    metric: str
    unit: str
    standard: str
    edition: str
    equipment_type: str


class _CombinedContext(TypedDict):
    standard: str
    edition: str
    equipment_type: str
    parts: tuple[GradeResult, ...]


def grade_against(
    thresholds: Mapping[int, Decimal],
    value: Decimal,
    direction: Direction,
    grades: tuple[int, ...] = (),
) -> tuple[GradeStatus, int | None, bool]:
    """Best grade whose threshold ``value`` meets; below the limit when it meets none."""
    for number in sorted(thresholds):
        limit = thresholds[number]
        met = value >= limit if direction == Direction.HIGHER_IS_BETTER else value <= limit
        if met:
            # A floor only when no better grade could be checked at all (grade 1 not loaded).
            floor = number == min(thresholds) and any(g < number for g in grades)
            return GradeStatus.GRADED, number, floor
    return GradeStatus.BELOW_LIMIT, None, False


def grade(
    table: GradingTable, value: Number, params: Mapping[str, Any] | None = None
) -> GradeResult:
    """Grade ``value`` of ``table.metric`` for equipment with the key ``params``."""
    amount = as_decimal(value, field=table.metric)
    context: GradeContext = {
        "value": amount,
        "metric": table.metric,
        "unit": table.unit,
        "standard": table.standard,
        "edition": table.edition,
        "equipment_type": table.equipment_type,
    }
    row = next((row for row in table.rows if row.matches(params or {})), None)
    if row is None:
        return GradeResult(status=GradeStatus.NO_GRADING, **context)
    status, number, at_least = grade_against(row.thresholds, amount, table.direction, table.grades)
    return GradeResult(
        status=status, grade=number, at_least=at_least, thresholds=row.thresholds, **context
    )


def grade_equipment(
    tables: Iterable[GradingTable],
    equipment_type: str,
    values: Mapping[str, Number],
    params: Mapping[str, Any] | None = None,
) -> GradeResult:
    """Grade one piece of equipment on every loaded table of its type (all metrics must pass).

    A transformer is graded on no-load and load loss together: the result is the worse of the
    two. A metric with a table but no value gives "no grading".
    """
    own = [table for table in tables if table.equipment_type == equipment_type]
    if not own:
        standard, edition = KNOWN_STANDARDS.get(equipment_type, ("", ""))
        return GradeResult(
            status=GradeStatus.NO_TABLE,
            standard=standard,
            edition=edition,
            equipment_type=equipment_type,
        )
    parts = tuple(_grade_metric(table, values, params) for table in own)
    return combine(parts) if len(parts) > 1 else parts[0]


def _grade_metric(
    table: GradingTable, values: Mapping[str, Number], params: Mapping[str, Any] | None
) -> GradeResult:
    if values.get(table.metric) in (None, ""):
        return GradeResult(
            status=GradeStatus.NO_GRADING,
            metric=table.metric,
            unit=table.unit,
            standard=table.standard,
            edition=table.edition,
            equipment_type=table.equipment_type,
        )
    return grade(table, values[table.metric], params)


_STATUS_PRECEDENCE = (GradeStatus.NO_TABLE, GradeStatus.NO_GRADING, GradeStatus.BELOW_LIMIT)


def combine(parts: tuple[GradeResult, ...]) -> GradeResult:
    """The worse of several metric results: a missing grading or a miss outweighs any grade."""
    first = parts[0]
    common: _CombinedContext = {
        "standard": first.standard,
        "edition": first.edition,
        "equipment_type": first.equipment_type,
        "parts": parts,
    }
    for status in _STATUS_PRECEDENCE:
        if any(part.status == status for part in parts):
            return GradeResult(status=status, **common)
    worst = max(parts, key=lambda part: (part.grade or 0, part.at_least))
    return GradeResult(
        status=GradeStatus.GRADED,
        grade=worst.grade,
        at_least=any(part.at_least for part in parts if part.grade == worst.grade),
        **common,
    )
