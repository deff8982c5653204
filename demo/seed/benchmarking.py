"""Demo product rows (能效对标) on the demo reports: computed by the benchmarking service's own
function, so each row's unit consumption, level and savings are what an agency would get.

Each report benchmarks the main product of the enterprise's trade (by its GB/T 4754 division),
the one its size makes plausible: a blast furnace only at a works of 150,000 tce and more, a
small plant's pellets or extrusions otherwise. The product takes 55–85 % of the report's
energy and its unit consumption is a share of the limit (leading … exceeding), so the output
follows from both and the grades are a mix. Trades without a loaded limit table (metal
products, textiles, electrical machinery) record their product as such, which the page shows.

Deterministic (the figures derive from each task's sequence number) and idempotent (a report
that has product rows is left alone).
"""

from decimal import Decimal
from typing import Any

from reports.benchmarking.selectors import entries_for_year
from reports.benchmarking.services import product_values
from reports.calculations.benchmarking import KGCE_PER_UNIT, parse_indicator
from reports.models import BenchmarkEntry, DiagnosisReport, ProductRow

# Division → (product, indicator unit, smallest enterprise energy in tce), largest first.
PRODUCTS: dict[str, list[tuple[str, str, int]]] = {
    "C31": [
        ("高炉工序", "kgce/t", 150_000),
        ("烧结工序（不配用稀土矿、钒钛磁铁矿、红土镍矿）", "kgce/t", 20_000),
        ("球团工序（不配用稀土矿、钒钛磁铁矿、红土镍矿）", "kgce/t", 0),
    ],
    "C32": [("电解铝", "kgce/t", 60_000), ("建筑型材/挤压（I类）", "kgce/t", 0)],
    "C25": [
        ("乙烯装置", "kgoe/t", 300_000),
        ("炼焦（捣固焦炉）", "kgce/t", 150_000),
        ("对二甲苯", "kgoe/t", 60_000),
        ("聚丙烯（连续气相法）", "kgoe/t", 0),
    ],
    "C26": [
        ("合成氨（粉煤，包括无烟粉煤、烟煤）", "kgce/t", 150_000),
        ("电石", "kgce/t", 60_000),
        ("液碱（质量分数≥30.0%）", "kgce/t", 0),
    ],
    "C30": [
        ("水泥熟料（厂区海拔≤1500 m）", "kgce/t", 20_000),
        ("烧结多孔砖和多孔砌块", "kgce/t", 0),
    ],
    "C22": [("化学机械浆及机械浆（自用浆）", "kgce/Adt", 0)],
    "C29": [("半钢子午线轮胎", "kgce/t", 0)],
}
# Division → (product, tce per tonne) of the trades no loaded table covers.
UNGRADED = {"C33": ("铸铁件", "0.42"), "C17": ("棉纱", "0.65"), "C38": ("电机定转子冲片", "0.12")}
DEFAULT_UNGRADED = ("铸铁件", "0.42")
# Unit consumption as a share of the limit, by task: leading … exceeding.
SHARES = [Decimal("0.80"), Decimal("0.92"), Decimal("0.97"), Decimal("1.06"), Decimal("1.15")]
# The product's part of the report's energy, by task.
ENERGY_PARTS = [Decimal("0.85"), Decimal("0.70"), Decimal("0.60"), Decimal("0.55"), Decimal("0.75")]


def _entry(entries: dict[tuple[str, str], BenchmarkEntry], code: str, tce: Decimal):
    """The benchmark of the trade's product for an enterprise of `tce`, or None."""
    for product, unit, smallest in PRODUCTS.get(code, []):
        entry = entries.get((product, unit))
        if entry is not None and tce >= smallest:
            return entry
    return None


def _graded(entry: BenchmarkEntry, energy_tce: Decimal, share: Decimal) -> dict[str, Any]:
    """Output and energy of a product using about `energy_tce` at `share` of its limit."""
    indicator = parse_indicator(entry.unit)
    kgce_per_unit = entry.limit_value * share * KGCE_PER_UNIT[indicator.energy]
    output = (energy_tce * 1000 / kgce_per_unit / 100).to_integral() * 100  # to 100 t
    return {
        "entry": entry.pk,
        "product": "",
        "output": output,
        "output_unit": indicator.per,
        "energy": (output * kgce_per_unit / 1000).quantize(Decimal("0.01")),
    }


def _ungraded(code: str, energy_tce: Decimal) -> dict[str, Any]:
    product, tce_per_t = UNGRADED.get(code, DEFAULT_UNGRADED)
    output = (energy_tce / Decimal(tce_per_t) / 100).to_integral() * 100
    return {
        "entry": None,
        "product": product,
        "output": max(output, Decimal(100)),
        "energy": energy_tce.quantize(Decimal("0.01")),
    }


def seed_benchmarking() -> None:
    _seed_product_rows()


def _seed_product_rows() -> None:
    reports = (
        DiagnosisReport.objects.filter(submitted_at__isnull=False, product_rows__isnull=True)
        .select_related("task__campaign")
        .order_by("pk")
    )
    entries_by_year: dict[int, dict[tuple[str, str], BenchmarkEntry]] = {}
    rows = []
    for report in reports:
        year = report.task.campaign.year
        if year not in entries_by_year:
            entries_by_year[year] = {}
            for e in entries_for_year(year):  # the first of a name and unit
                entries_by_year[year].setdefault((e.product, e.unit), e)
        seq = report.task.seq or report.pk
        code = report.task.industry_id or ""
        tce = report.energy_tce or report.task.energy_tce or Decimal(3000)
        energy = tce * ENERGY_PARTS[seq % len(ENERGY_PARTS)]
        entry = _entry(entries_by_year[year], code, tce)
        if entry is None:
            data = _ungraded(code, energy)
        else:
            data = _graded(entry, energy, SHARES[(seq // len(ENERGY_PARTS)) % len(SHARES)])
        rows.append(ProductRow(report=report, **product_values(report, data)))
    ProductRow.objects.bulk_create(rows)
