"""Three-phase asynchronous motors against GB 18613-2020 (minimum efficiency by kW and poles).

Grade 3 is the current limit (能效限定值, = IE3) and grade 2 the energy-saving level (= IE4);
grade 1 (IE5) values are not in the table, so an efficiency that meets grade 2 is reported as
"grade 2 or better".

Ratings between two table points: the minimum efficiency is interpolated linearly in
x = log10(kW) between the two neighbouring table ratings (the same axis IEC 60034-30-1 used to
build the table) and rounded half-up to 0.1 %, the table's precision. A rating on a table point
uses that point. Outside the standard's scope, below 0.12 kW or above 1000 kW (the table already
carries the flat "above 200 kW uses 200 kW" values up to 1000 kW), and for pole numbers other
than 2, 4, 6 and 8 there is no grading.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .datafiles import data_path, read_csv
from .decimals import Number, as_decimal, positive, round_half_up
from .grading import Direction, GradeContext, GradeResult, GradeStatus, grade_against
from .interpolation import interpolate, log10

METRIC = "efficiency"
UNIT = "%"
GRADES = (1, 2, 3)


@dataclass(frozen=True)
class MotorTable:
    standard: str
    edition: str
    # poles → ((rated_kw, {grade: minimum efficiency %}), ...) sorted by kW
    points: dict[int, tuple[tuple[Decimal, dict[int, Decimal]], ...]]


@dataclass(frozen=True)
class MotorLimits:
    rated_kw: Decimal
    poles: int
    minimum_pct: dict[int, Decimal]  # grade → minimum efficiency %, grades 2 and 3
    interpolated: bool
    standard: str
    edition: str

    @property
    def limit_pct(self) -> Decimal:
        """The current limit (grade 3)."""
        return self.minimum_pct[3]


@cache
def load_motor_table(path: Path | None = None) -> MotorTable:
    rows = read_csv(path or data_path("motor_efficiency_gb18613_2020.csv"))
    points: dict[int, list[tuple[Decimal, dict[int, Decimal]]]] = {}
    for row in rows:
        minimum = {
            3: as_decimal(row["grade3_min_efficiency_pct"], field="grade 3"),
            2: as_decimal(row["grade2_min_efficiency_pct"], field="grade 2"),
        }
        if row.get("grade1_min_efficiency_pct"):
            minimum[1] = as_decimal(row["grade1_min_efficiency_pct"], field="grade 1")
        kw = as_decimal(row["rated_kw"], field="rated_kw")
        points.setdefault(int(row["poles"]), []).append((kw, minimum))
    return MotorTable(
        standard=rows[0]["standard"],
        edition=rows[0]["edition"],
        points={
            poles: tuple(sorted(items, key=lambda item: item[0])) for poles, items in points.items()
        },
    )


def motor_min_efficiency(
    rated_kw: Number, poles: int, *, table: MotorTable | None = None
) -> MotorLimits | None:
    """Minimum efficiency of each grade for the rating, or None when there is no grading."""
    table = table or load_motor_table()
    kw = positive(rated_kw, field=_("rated power"))
    points = table.points.get(int(poles))
    if not points:
        return None
    minimum: dict[int, Decimal] = {}
    for number in points[0][1]:
        curve = [(point_kw, values[number]) for point_kw, values in points]
        value = interpolate(curve, kw, transform=log10)
        if value is None:
            return None
        minimum[number] = round_half_up(value)
    on_point = any(point_kw == kw for point_kw, _ in points)
    return MotorLimits(
        rated_kw=kw,
        poles=int(poles),
        minimum_pct=minimum,
        interpolated=not on_point,
        standard=table.standard,
        edition=table.edition,
    )


def motor_grade(
    efficiency_pct: Number, rated_kw: Number, poles: int, *, table: MotorTable | None = None
) -> GradeResult:
    """Grade a motor's actual efficiency: grade 1/2/3, below the limit, or no grading."""
    table = table or load_motor_table()
    value = as_decimal(efficiency_pct, field=_("efficiency"))
    context: GradeContext = {
        "value": value,
        "metric": METRIC,
        "unit": UNIT,
        "standard": table.standard,
        "edition": table.edition,
        "equipment_type": "motor",
    }
    limits = motor_min_efficiency(rated_kw, poles, table=table)
    if limits is None:
        return GradeResult(status=GradeStatus.NO_GRADING, **context)
    status, number, at_least = grade_against(
        limits.minimum_pct, value, Direction.HIGHER_IS_BETTER, GRADES
    )
    return GradeResult(
        status=status, grade=number, at_least=at_least, thresholds=limits.minimum_pct, **context
    )
