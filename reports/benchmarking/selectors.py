"""Reads of benchmarking: the tables, the entries a campaign year uses, a report's product rows,
and the figures of the dashboard panel and of 附件4."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from enterprises.choices import TaskState
from portal.scoping import get_scoped_or_404, scope
from reports.models import BenchmarkEntry, BenchmarkTable, ProductRow
from reports.models.benchmarking import BenchmarkLevel


def benchmark_table_list_for(user) -> QuerySet[BenchmarkTable]:
    return scope(BenchmarkTable.objects.all(), user).annotate(entry_count=Count("entries"))


def benchmark_table_get_for(user, pk: int) -> BenchmarkTable:
    return get_scoped_or_404(BenchmarkTable.objects.select_related("uploaded_by"), user, pk=pk)


def benchmark_entry_list_for(user) -> QuerySet[BenchmarkEntry]:
    return scope(BenchmarkEntry.objects.select_related("table"), user)


def editions_for_year(tables, year: int) -> dict[str, tuple[BenchmarkTable, bool]]:
    """Per document, the edition a campaign of `year` uses: the latest in force in that year,
    else the earliest at hand (flagged True: only a later edition exists)."""
    chosen: dict[str, tuple[BenchmarkTable, bool]] = {}
    for table in sorted(tables, key=lambda t: (t.effective_year, t.edition)):
        current = chosen.get(table.code)
        if current is None:
            chosen[table.code] = (table, table.effective_year > year)
        elif table.effective_year <= year:
            chosen[table.code] = (table, False)
    return chosen


def entries_for_year(year: int) -> list[BenchmarkEntry]:
    """The entries an agency may compare a product with in a campaign of `year` (one query)."""
    entries = list(BenchmarkEntry.objects.select_related("table").order_by("table__code", "id"))
    chosen = editions_for_year({e.table for e in entries}, year)
    usable = {table.pk: later for table, later in chosen.values()}
    result = []
    for entry in entries:
        if entry.table_id in usable:
            entry.later_edition = usable[entry.table_id]
            result.append(entry)
    return result


def entry_for_year(entry_id: int, year: int) -> BenchmarkEntry | None:
    """The entry `entry_id` if a campaign of `year` may compare with it (its table is the
    edition that year uses), flagged as `entries_for_year` flags it; else None. Two small
    queries: the entry, and the editions of its document."""
    entry = BenchmarkEntry.objects.select_related("table").filter(pk=entry_id).first()
    if entry is None:
        return None
    editions = BenchmarkTable.objects.filter(code=entry.table.code)
    table, later = editions_for_year(list(editions), year)[entry.table.code]
    if table.pk != entry.table_id:
        return None
    entry.later_edition = later
    return entry


def product_rows_of(report) -> list[ProductRow]:
    """A report's product rows with the entry they were compared with (one query)."""
    if report is None:
        return []
    return list(report.product_rows.select_related("entry__table"))


def _tally(rows) -> dict:
    counts = dict.fromkeys(BenchmarkLevel.values, 0)
    for row in rows:
        counts[row["level"]] += row["n"]
    graded = sum(n for level, n in counts.items() if level != BenchmarkLevel.NO_TABLE)
    exceeding = counts[BenchmarkLevel.EXCEEDS_LIMIT]
    return {
        "counts": counts,
        "total": sum(counts.values()),
        "graded": graded,
        "exceeding": exceeding,
        "exceeding_pct": Decimal(exceeding * 100) / graded if graded else None,
    }


def exceeding_by_industry(campaign, organizer_id: int | None = None) -> list[dict]:
    """The dashboard panel: per industry of the benchmark, products graded and the share
    exceeding the limit (submitted reports of the campaign, of one organizer if given; one
    query)."""
    products = ProductRow.objects.filter(
        report__task__campaign=campaign, report__submitted_at__isnull=False
    )
    if organizer_id is not None:
        products = products.filter(report__task__organizer_id=organizer_id)
    rows = (
        products.values("entry__industry", "level")
        .annotate(n=Count("id"))
        .order_by("entry__industry", "level")
    )
    by_industry: dict[str, list] = defaultdict(list)
    for row in rows:
        by_industry[row["entry__industry"] or ""].append(row)
    return [{"industry": name, **_tally(items)} for name, items in sorted(by_industry.items())]


def benchmarking_summary(campaign, organizer) -> dict:
    """附件4's benchmarking section for one organizer (nationally when None), from the accepted
    reports as the rest of 附件4: products by level, the share exceeding the limit, the saving
    needed to reach the limits and the leading values, and each product exceeding its limit
    with the enterprise and the standard cited (two queries)."""
    rows = ProductRow.objects.filter(
        report__task__campaign=campaign, report__task__state=TaskState.ACCEPTED
    )
    if organizer is not None:
        rows = rows.filter(report__task__organizer=organizer)
    levels = list(
        rows.values("level")
        .annotate(
            n=Count("id"),
            to_limit=Sum("saving_to_limit_tce"),
            to_leading=Sum("saving_to_leading_tce"),
        )
        .order_by("level")
    )
    exceeding = list(
        rows.filter(level=BenchmarkLevel.EXCEEDS_LIMIT)
        .select_related("report__task")
        .order_by("report__task__enterprise_name", "id")
    )
    return {
        **_tally(levels),
        "saving_to_limit_tce": sum((r["to_limit"] or 0 for r in levels), Decimal(0)),
        "saving_to_leading_tce": sum((r["to_leading"] or 0 for r in levels), Decimal(0)),
        "exceeding_rows": [
            {
                "enterprise": row.report.task.enterprise_name,
                "product": row.product,
                "value": row.unit_consumption,
                "unit": row.indicator_unit,
                "standard": row.standard_cited,
                "saving_to_limit_tce": row.saving_to_limit_tce,
            }
            for row in exceeding
        ],
    }
