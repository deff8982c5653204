"""Reference data read from the database and shaped for reports.calculations.

The database holds the tables with their standard and edition (loaded by migrations 0002 and
0004, extendable in the admin); these functions turn the current edition of each into the plain
dataclasses the calculation library works on.
"""

from decimal import Decimal

from django.utils.translation import gettext

from reports.calculations.energy import ELECTRICITY
from reports.calculations.energy import EnergyFactor as FactorValues
from reports.calculations.grading import GradingTable as ThresholdTable
from reports.calculations.grading_data import grading_table_from_dict
from reports.calculations.motors import MotorTable
from reports.calculations.pumps import PumpTable
from reports.calculations.pumps_2025 import pump_formula_table
from reports.calculations.units import normalise_unit
from reports.choices import GradingFormat, TaxonomyLevel
from reports.models import EnergyFactor, GradingTable, MeasureCategory

ENERGY_STANDARD = "GB/T 2589"
# The reference 等价值 row: the campaign's own factor is used instead, so it is not a carrier.
NOT_A_CARRIER = frozenset({"electricity_primary"})


def energy_factors() -> dict[str, FactorValues]:
    """The latest edition's factor of each carrier, by carrier code."""
    rows = EnergyFactor.objects.filter(standard=ENERGY_STANDARD).order_by("edition", "id")
    factors = {}
    for row in rows:  # a later edition overwrites an earlier one
        if row.carrier_code in NOT_A_CARRIER:
            continue
        factors[row.carrier_code] = FactorValues(
            carrier_code=row.carrier_code,
            carrier_zh=row.name,
            unit=normalise_unit(row.unit),
            kgce_per_unit=row.kgce_per_unit,
            basis=row.basis,
            standard=row.standard,
            edition=row.edition,
            note=row.note,
        )
    return factors


def carrier_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{factor.carrier_zh}（{factor.unit}）") for code, factor in energy_factors().items()
    ]


def is_electricity(carrier_code: str) -> bool:
    return carrier_code == ELECTRICITY


def current_grading_tables() -> list[GradingTable]:
    return list(GradingTable.objects.filter(is_current=True))


def tables_for_year(
    rows: list[GradingTable], year: int
) -> tuple[list[GradingTable], dict[str, str]]:
    """The edition of each equipment metric that a campaign of ``year`` grades with.

    The latest edition in force in that year; where every edition at hand is later, the
    earliest of them, with a note per equipment type saying the campaign's year predates it.
    """
    groups: dict[tuple[str, str], list[GradingTable]] = {}
    for row in rows:
        groups.setdefault((row.equipment_type, row.metric), []).append(row)
    chosen, notes = [], {}
    for (kind, _metric), editions in groups.items():
        editions.sort(key=lambda r: (r.in_force_from or 0, r.edition))
        in_force = [r for r in editions if (r.in_force_from or 0) <= year]
        if in_force:
            chosen.append(in_force[-1])
            continue
        row = editions[0]
        chosen.append(row)
        notes[kind] = gettext(
            "%(standard)s-%(edition)s is the edition at hand: it applies from %(start)s, "
            "the campaign's year %(year)s predates it."
        ) % {
            "standard": row.standard,
            "edition": row.edition,
            "start": row.in_force_from,
            "year": year,
        }
    return chosen, notes


def motor_table(row: GradingTable) -> MotorTable:
    points: dict[int, list[tuple[Decimal, dict[int, Decimal]]]] = {}
    for point in row.data["points"]:
        minimum = {int(grade): Decimal(str(value)) for grade, value in point["grades"].items()}
        points.setdefault(int(point["poles"]), []).append((Decimal(point["rated_kw"]), minimum))
    return MotorTable(
        standard=row.standard,
        edition=row.edition,
        points={
            poles: tuple(sorted(items, key=lambda item: item[0])) for poles, items in points.items()
        },
    )


def _segments(raw) -> tuple[tuple[tuple[Decimal, Decimal], ...], ...]:
    return tuple(
        tuple(sorted((Decimal(str(p["x"])), Decimal(str(p["value"]))) for p in segment))
        for segment in raw
    )


def pump_table(row: GradingTable) -> PumpTable:
    data = row.data
    return PumpTable(
        standard=row.standard,
        edition=row.edition,
        coverage=row.coverage,
        base_efficiency={
            kind: _segments(segments) for kind, segments in data["base_efficiency"].items()
        },
        efficiency_correction=_segments(data["efficiency_correction"]),
        limit_offset_pct=Decimal(str(data["limit_offset_pct"])),
        evaluation_offset_pct=Decimal(str(data["evaluation_offset_pct"])),
    )


def threshold_table(row: GradingTable) -> ThresholdTable:
    return grading_table_from_dict(
        {
            "standard": row.standard,
            "edition": row.edition,
            "equipment_type": row.equipment_type,
            "metric": row.metric,
            "unit": row.unit,
            "direction": row.direction,
            "grades": row.data.get("grades", [1, 2, 3]),
            "rows": row.data.get("rows", []),
        }
    )


class GradingTables:
    """The current tables by equipment type, converted once per request or service call."""

    def __init__(self, rows: list[GradingTable] | None = None, *, year: int | None = None):
        self.edition_notes: dict[str, str] = {}
        if year is not None:
            every = list(GradingTable.objects.all()) if rows is None else rows
            rows, self.edition_notes = tables_for_year(every, year)
        rows = current_grading_tables() if rows is None else rows
        self.motor = next((motor_table(r) for r in rows if r.format == GradingFormat.MOTOR), None)
        self.pump = next((pump_table(r) for r in rows if r.format == GradingFormat.PUMP), None)
        self.thresholds = [threshold_table(r) for r in rows if r.format == GradingFormat.THRESHOLDS]
        self.types_with_table = {r.equipment_type for r in rows}
        # (type label, "standard-edition") of each table graded with, once per type and edition
        self.standards = list(
            dict.fromkeys(
                (str(r.get_equipment_type_display()), f"{r.standard}-{r.edition}")
                for r in sorted(rows, key=lambda r: (r.equipment_type, r.standard))
            )
        )
        self.pump_formula = next(
            (
                pump_formula_table(r.standard, r.edition, r.data)
                for r in rows
                if r.format == GradingFormat.PUMP_FORMULA
            ),
            None,
        )
        self.pump_coverage = next((r.coverage for r in rows if r.format == GradingFormat.PUMP), "")


def taxonomy_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Leaf measures grouped by "system · subsystem" for a <select> with optgroups."""
    leaves = (
        MeasureCategory.objects.filter(level=TaxonomyLevel.MEASURE, is_active=True)
        .select_related("parent__parent")
        .order_by("sort_order", "code")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for leaf in leaves:
        subsystem = leaf.parent
        path = (subsystem.parent, subsystem) if subsystem else ()
        label = " · ".join(node.name for node in path if node is not None)
        groups.setdefault(label, []).append((leaf.pk, f"{leaf.code} {leaf.name}"))
    return list(groups.items())
