"""The register's statistics over the national fixture against the bare SQL aggregate.

Data: bench/fixtures.build_national() (three campaigns), topped up here with two measures per
submitted bench report (rotating over the taxonomy's leaves) and, for the first campaign's
measures, a follow-up in the last campaign (implemented, verified, not adopted or in progress).

`floor` is the least SQL that answers the same question, written by hand through a raw cursor:
on PostgreSQL one statement with the same numbers per group (count, distinct enterprises, the
two medians, expected and realized savings, CO₂, followed up and implemented), keyed by the raw
taxonomy id, with medians by `percentile_cont` (floats) and each measure's latest follow-up by
id alone (no campaign join), so it does a little less than ours. SQLite has no ordered-set
aggregate, so there the floor is the sums per group and the follow-ups' states without medians
(it answers less than the page asks; the ratio there is an upper bound). Two rows, goal 1.5×:

- "as pages read them": `register_statistics_for` for the ministry as the register page, its
  API and the peer evidence call it, i.e. once per data version (portal.dataversion; the shared
  Redis cache with REDIS_URL, else this process's cache): between writes to the tables the
  statistics read, a read costs two cache look-ups and the kind and industry names.
- "computed": the same with `fresh=True`, the statement itself (medians, distinct enterprises,
  latest follow-ups), as the first read after a write pays it (docs/register.md has the
  breakdown of its cost).
"""

from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import override_settings

from bench.fixtures import build_national
from bench.fixtures_rows import ENTERPRISE_PREFIX
from bench.harness import Measurement
from enterprises.models import DiagnosisTask
from reports.choices import MeasureState, TaxonomyLevel
from reports.models import DiagnosisReport, FollowUp, Measure, MeasureCategory
from reports.register.selectors import RegisterFilters, register_statistics_for

STATES = [
    MeasureState.IMPLEMENTED,
    MeasureState.VERIFIED,
    MeasureState.NOT_ADOPTED,
    MeasureState.IN_PROGRESS,
]


def _top_up(campaigns: list[int]) -> int:
    """Two measures per bench report that has none; follow-ups of the first campaign's."""
    leaves = list(
        MeasureCategory.objects.filter(level=TaxonomyLevel.MEASURE, is_active=True).values_list(
            "pk", "category"
        )[:12]
    )
    reports = DiagnosisReport.objects.filter(
        task__enterprise__name__startswith=ENTERPRISE_PREFIX,
        submitted_at__isnull=False,
        measures__isnull=True,
    ).values_list("pk", flat=True)
    rows = []
    for i, report_id in enumerate(reports.iterator()):
        for j in range(2):
            leaf, category = leaves[(i + j) % len(leaves)]
            investment = Decimal((i * 7 + j) % 90 + 5)
            savings = Decimal((i * 3 + j) % 40 + 1)
            rows.append(
                Measure(
                    report_id=report_id,
                    taxonomy_id=leaf,
                    category=category or "technical",
                    title="基准措施",
                    investment_wan=investment,
                    savings_tce=savings,
                    savings_wan=savings / 2,
                    payback_years=(investment * 2 / savings).quantize(Decimal("0.01")),
                    co2_t=savings * Decimal("2.6"),
                )
            )
    with transaction.atomic():
        Measure.objects.bulk_create(rows, batch_size=2000)
        later = dict(
            DiagnosisTask.objects.filter(
                campaign__year=max(campaigns), enterprise__name__startswith=ENTERPRISE_PREFIX
            ).values_list("enterprise_id", "pk")
        )
        earlier = Measure.objects.filter(
            report__task__campaign__year=min(campaigns),
            report__task__enterprise__name__startswith=ENTERPRISE_PREFIX,
            follow_ups__isnull=True,
        ).values_list("pk", "report__task__enterprise_id", "savings_tce")
        follow_ups = []
        for i, (measure_id, enterprise_id, savings) in enumerate(earlier.iterator()):
            task_id = later.get(enterprise_id)
            if task_id is None:
                continue
            state = STATES[i % len(STATES)]
            realized = savings * Decimal("0.8") if state in STATES[:2] else None
            follow_ups.append(
                FollowUp(task_id=task_id, measure_id=measure_id, state=state, realized_tce=realized)
            )
        FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would after such a load
            cursor.execute("ANALYZE")
    return Measure.objects.filter(
        report__task__enterprise__name__startswith=ENTERPRISE_PREFIX
    ).count()


# SQLite: counts and sums per group, and the follow-ups' states (no medians: see above).
FLOOR_SUMS = [
    """SELECT m.taxonomy_id, COALESCE(t.industry_id, e.industry_id), COUNT(*),
              SUM(m.investment_wan), SUM(m.savings_tce), SUM(m.co2_t)
         FROM reports_measure m
         JOIN reports_diagnosisreport r ON r.id = m.report_id
         JOIN enterprises_diagnosistask t ON t.id = r.task_id
         JOIN enterprises_enterprise e ON e.id = t.enterprise_id
        WHERE r.submitted_at IS NOT NULL
        GROUP BY m.taxonomy_id, COALESCE(t.industry_id, e.industry_id)""",
    """SELECT f.measure_id, f.state, f.realized_tce FROM reports_followup f
        ORDER BY f.measure_id, f.id""",
]

# PostgreSQL: every number the register shows per group, in one statement.
FLOOR_POSTGRES = [
    """WITH latest AS (
           SELECT DISTINCT ON (measure_id) measure_id,
                  state IN ('implemented', 'verified') AS done, realized_tce, realized_kwh
             FROM reports_followup
            ORDER BY measure_id, id DESC
       )
       SELECT m.taxonomy_id, COALESCE(t.industry_id, e.industry_id) AS ind,
              COUNT(*), COUNT(DISTINCT t.enterprise_id),
              PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.investment_wan),
              PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.payback_years),
              SUM(m.savings_tce), SUM(m.co2_t), COUNT(l.measure_id),
              COUNT(*) FILTER (WHERE l.done), SUM(m.savings_tce) FILTER (WHERE l.done),
              SUM(l.realized_tce) FILTER (WHERE l.done), SUM(l.realized_kwh) FILTER (WHERE l.done)
         FROM reports_measure m
         JOIN reports_diagnosisreport r ON r.id = m.report_id
         JOIN enterprises_diagnosistask t ON t.id = r.task_id
         JOIN enterprises_enterprise e ON e.id = t.enterprise_id
         LEFT JOIN latest l ON l.measure_id = m.id
        WHERE r.submitted_at IS NOT NULL
        GROUP BY m.taxonomy_id, ind""",
]


def measurements() -> list[Measurement]:
    data = build_national()
    count = _top_up(data["campaigns"])
    user = data["user"]

    def computed():
        groups = register_statistics_for(user, RegisterFilters(), fresh=True)
        assert sum(g.count for g in groups) >= count

    def as_pages_read_them():
        with override_settings(DATAVERSION_LOCAL=True):  # a per-process cache without Redis
            groups = register_statistics_for(user, RegisterFilters())
        assert sum(g.count for g in groups) >= count

    statements = FLOOR_POSTGRES if connection.vendor == "postgresql" else FLOOR_SUMS
    vs = (
        "one hand-written statement, medians included"
        if statements is FLOOR_POSTGRES
        else ("GROUP BY sums without medians (SQLite)")
    )

    def floor():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    name = f"register: statistics per kind and industry ({count} measures)"
    return [
        Measurement(
            name=f"{name}, as pages read them",
            ours=as_pages_read_them,
            floor=floor,
            goal=1.5,
            repeat=5,
            note=f"register_statistics_for, once per data version (no write between reads) vs {vs}",
        ),
        Measurement(
            name=f"{name}, computed",
            ours=computed,
            floor=floor,
            goal=1.5,
            repeat=5,
            note="register_statistics_for(fresh=True): one statement, medians included, as the "
            f"first read after a write vs {vs}",
        ),
    ]
