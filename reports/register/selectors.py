"""Register reads: measures across campaigns with their latest follow-up, and statistics.

A measure's implementation state is what its latest follow-up found (the follow-up of the latest
campaign, then the latest record); a measure never followed up is proposed. Realized savings are
that follow-up's measured amounts. Only measures of submitted reports are in the register.

Statistics are grouped by measure kind (the taxonomy node; the category when none) and industry
(the task's listed industry, else the enterprise's). The database aggregates them in one
statement: sums, counts, the latest follow-up of each measure, and exact medians (ordered-set
aggregates on PostgreSQL, the mean of the middle rows by window functions elsewhere). Its rows
are kept once per data version (portal.dataversion) of the tables it reads: pages, the API and
the measure form's peer evidence read them from the shared cache until one of those tables is
written.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connections
from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from enterprises.models import DiagnosisTask, Industry
from portal import dataversion
from portal.models import Campaign
from portal.scoping import scope
from reports.choices import REALIZED_STATES, MeasureKind, MeasureState
from reports.models import FollowUp, Measure, MeasureCategory

ZERO = Decimal(0)


@dataclass(frozen=True)
class RegisterFilters:
    """What the URL asks for; empty means every value."""

    year: int | None = None
    industry: str = ""  # GB/T 4754 code
    kind: str = ""  # taxonomy code, or a MeasureKind value for measures without one
    state: str = ""
    organizer: int | None = None


def min_group() -> int:
    return int(getattr(settings, "REGISTER_MIN_GROUP", 5))


def _submitted():
    return Measure.objects.filter(report__submitted_at__isnull=False)


def _filtered(qs: QuerySet, filters: RegisterFilters) -> QuerySet:
    if filters.year:
        qs = qs.filter(report__task__campaign__year=filters.year)
    if filters.organizer:
        qs = qs.filter(report__task__organizer_id=filters.organizer)
    if filters.industry:
        qs = qs.annotate(
            _industry=Coalesce(
                "report__task__industry__code", "report__task__enterprise__industry__code"
            )
        ).filter(_industry=filters.industry)
    if filters.kind in MeasureKind.values:
        qs = qs.filter(taxonomy__isnull=True, category=filters.kind)
    elif filters.kind:
        qs = qs.filter(taxonomy__code=filters.kind)
    return qs


def _latest(name: str):
    latest = FollowUp.objects.filter(measure=OuterRef("pk")).order_by(
        "-task__campaign__year", "-id"
    )
    return Subquery(latest.values(name)[:1])


def register_list_for(user, filters: RegisterFilters) -> QuerySet:
    """The measures `user` may see (ministry: all; organizers: their own), each annotated with
    its latest follow-up's state and realized savings; for the list page and the export."""
    qs = _filtered(scope(_submitted(), user), filters).annotate(
        follow_state=Coalesce(_latest("state"), Value(MeasureState.PROPOSED.value)),
        realized_tce=_latest("realized_tce"),
        realized_kwh=_latest("realized_kwh"),
        realized_wan=_latest("realized_wan"),
    )
    if filters.state:
        qs = qs.filter(follow_state=filters.state)
    return qs.select_related(
        "taxonomy",
        "equipment",
        "report__task__campaign",
        "report__task__organizer",
        "report__task__industry",
        "report__task__enterprise__industry",
    ).order_by("-report__task__campaign__year", "report__task__seq", "report__task_id", "id")


@dataclass
class Group:
    """Statistics of one (measure kind, industry) group."""

    kind_code: str
    kind_name: str
    industry_code: str
    industry_name: str
    count: int = 0
    enterprise_count: int = 0
    median_investment: Decimal | None = None
    median_payback: Decimal | None = None  # over the measures that have one
    followed_up: int = 0
    implemented: int = 0
    expected_tce: Decimal = ZERO
    implemented_expected_tce: Decimal = ZERO
    realized_tce: Decimal = ZERO
    realized_kwh: Decimal = ZERO
    co2_t: Decimal = ZERO

    @property
    def implementation_rate(self) -> Decimal | None:
        """Implemented or verified over all measures of the group, in per cent."""
        return Decimal(self.implemented) * 100 / self.count if self.count else None

    @property
    def realized_ratio(self) -> Decimal | None:
        """Realized savings over the expected savings of the implemented measures, in per cent."""
        if not self.implemented_expected_tce:
            return None
        return self.realized_tce * 100 / self.implemented_expected_tce


PLACES = Decimal("0.0001")  # the amounts' decimal places (DecimalField(decimal_places=4))


def _decimal(value) -> Decimal | None:
    """A database number as a Decimal of four places: SQLite sums and averages decimals as
    floats, PostgreSQL as numerics; both round to the same value."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(PLACES)


# What every group sums, over `m` (the measures) joined to `f` (each one's latest follow-up; the
# portable statement's).
GROUP_COLUMNS = """
    COUNT(*) AS n, COUNT(DISTINCT m.enterprise) AS firms,
    SUM(m.tce) AS tce, SUM(m.co2) AS co2, COUNT(f.measure_id) AS followed,
    SUM(CASE WHEN f.state IN ({realized}) THEN 1 ELSE 0 END) AS done,
    SUM(CASE WHEN f.state IN ({realized}) THEN m.tce ELSE 0 END) AS done_expected,
    SUM(CASE WHEN f.state IN ({realized}) THEN COALESCE(f.realized_tce, 0) ELSE 0 END) AS done_tce,
    SUM(CASE WHEN f.state IN ({realized}) THEN COALESCE(f.realized_kwh, 0) ELSE 0 END) AS done_kwh
"""

# The statistics in one statement. `m` is the measures' own query from the ORM (the scope and the
# filters are in it). A measure's latest follow-up is that of the latest campaign, then the latest
# record. Medians are the mean of the one or two middle values of a group.
#
# PostgreSQL: the latest follow-ups come from one DISTINCT ON pass that keeps only what the sums
# need (realized or not, and the realized amounts of the realized ones), so the rows the GROUP BY
# sorts stay narrow. Each median is one ordered-set aggregate: percentile_disc over an array of
# two fractions sorts the group's values once and returns the rows ceil(n/2) and ceil(n/2 + ε)
# (n/2 + 1 when n is even, the same middle row when n is odd; ε·n < 1 for any n below 10⁹);
# their mean is the median, in exact numerics (percentile_cont would go through floats).
POSTGRES_SQL = """
WITH m AS ({measures}),
f AS (
    SELECT DISTINCT ON (fu.measure_id) fu.measure_id,
           fu.state IN ({realized}) AS done,
           CASE WHEN fu.state IN ({realized}) THEN COALESCE(fu.realized_tce, 0) END AS tce,
           CASE WHEN fu.state IN ({realized}) THEN COALESCE(fu.realized_kwh, 0) END AS kwh
      FROM {follow_up} fu
      JOIN {task} t ON t.id = fu.task_id
      JOIN {campaign} c ON c.id = t.campaign_id
     ORDER BY fu.measure_id, c.year DESC, fu.id DESC
),
g AS (
    SELECT m.kind, m.ind, COUNT(*) AS n, COUNT(DISTINCT m.enterprise) AS firms,
           SUM(m.tce) AS tce, SUM(m.co2) AS co2, COUNT(f.measure_id) AS followed,
           COUNT(*) FILTER (WHERE f.done) AS done,
           COALESCE(SUM(m.tce) FILTER (WHERE f.done), 0) AS done_expected,
           COALESCE(SUM(f.tce), 0) AS done_tce, COALESCE(SUM(f.kwh), 0) AS done_kwh,
           PERCENTILE_DISC(ARRAY[0.5, 0.500000001]) WITHIN GROUP (ORDER BY m.inv) AS inv,
           PERCENTILE_DISC(ARRAY[0.5, 0.500000001]) WITHIN GROUP (ORDER BY m.payback) AS payback
      FROM m LEFT JOIN f ON f.measure_id = m.m_id
     GROUP BY m.kind, m.ind
)
SELECT kind, ind, n, firms, tce, co2, followed, done, done_expected, done_tce, done_kwh,
       (inv[1] + inv[2]) / 2, (payback[1] + payback[2]) / 2
  FROM g
 ORDER BY kind, ind
"""

# Any other database (SQLite: CTEs and window functions): each measure carries the id of its latest
# follow-up (one index lookup per measure) and `g` joins it by its key; `mi` and `mp` number the
# rows of each group by value and average the middle ones.
PORTABLE_SQL = """
WITH m AS ({measures}),
g AS (
    SELECT m.kind, m.ind, {columns}
      FROM m LEFT JOIN {follow_up} f ON f.id = m.latest
     GROUP BY m.kind, m.ind
),
mi AS (
    SELECT kind, ind, AVG(v) AS v FROM (
        SELECT kind, ind, inv AS v,
               ROW_NUMBER() OVER (PARTITION BY kind, ind ORDER BY inv) AS rn,
               COUNT(*) OVER (PARTITION BY kind, ind) AS c
          FROM m) ranked
     WHERE rn IN ((c + 1) / 2, (c + 2) / 2)
     GROUP BY kind, ind
),
mp AS (
    SELECT kind, ind, AVG(v) AS v FROM (
        SELECT kind, ind, payback AS v,
               ROW_NUMBER() OVER (PARTITION BY kind, ind ORDER BY payback) AS rn,
               COUNT(*) OVER (PARTITION BY kind, ind) AS c
          FROM m WHERE payback IS NOT NULL) ranked
     WHERE rn IN ((c + 1) / 2, (c + 2) / 2)
     GROUP BY kind, ind
)
SELECT g.kind, g.ind, g.n, g.firms, g.tce, g.co2,
       g.followed, g.done, g.done_expected, g.done_tce, g.done_kwh, mi.v, mp.v
  FROM g
  LEFT JOIN mi ON mi.kind = g.kind AND mi.ind = g.ind
  LEFT JOIN mp ON mp.kind = g.kind AND mp.ind = g.ind
 ORDER BY g.kind, g.ind
"""


def _rows(measures: QuerySet, columns: dict, *, fresh: bool = False) -> list[tuple]:
    """The statement's rows, read from the shared cache while no table it reads was written
    (portal.dataversion): the measures' own query (scope and filters are in its SQL and
    parameters, so no two users or filters share a value) with each measure's latest follow-up,
    which names every table the statement reads (measures, reports, tasks, enterprises, the
    taxonomy, follow-ups and campaigns). Any write to one of them, committed, is a new version:
    the next read computes again, so the numbers are always those of the data."""
    connection = connections[measures.db]
    postgres = connection.vendor == "postgresql"
    read = measures.order_by().values(**columns, latest=_latest("id"))

    def compute() -> list[tuple]:
        query = read if not postgres else measures.order_by().values(**columns)
        inner, params = query.query.sql_with_params()
        realized = ", ".join(f"'{state}'" for state in sorted(REALIZED_STATES))
        sql = (POSTGRES_SQL if postgres else PORTABLE_SQL).format(
            measures=inner,
            realized=realized,
            columns=GROUP_COLUMNS.format(realized=realized),
            follow_up=FollowUp._meta.db_table,
            task=DiagnosisTask._meta.db_table,
            campaign=Campaign._meta.db_table,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    if fresh:
        return compute()
    return dataversion.cached(read, compute, f"register-statistics:{connection.vendor}")


def _groups(measures: QuerySet, *, by_industry: bool = True, fresh: bool = False) -> list[Group]:
    """Statistics per (kind, industry), aggregated by the database in one statement, once per
    data version of the tables it reads (see `_rows`); `fresh` computes them regardless."""
    industry = (
        Coalesce("report__task__industry_id", "report__task__enterprise__industry_id", Value(""))
        if by_industry
        else Value("")
    )
    columns = {
        "m_id": F("pk"),
        "kind": Coalesce("taxonomy__code", "category"),
        "ind": industry,
        "enterprise": F("report__task__enterprise_id"),
        "inv": F("investment_wan"),
        "payback": F("payback_years"),
        "tce": F("savings_tce"),
        "co2": F("co2_t"),
    }
    found = _rows(measures, columns, fresh=fresh)
    kinds = {
        **dict(MeasureKind.choices),
        **dict(
            MeasureCategory.objects.filter(code__in={row[0] for row in found}).values_list(
                "code", "name"
            )
        ),
    }
    industries = dict(
        Industry.objects.filter(code__in={row[1] for row in found}).values_list("code", "name")
    )
    return [
        Group(
            kind_code=kind,
            kind_name=str(kinds.get(kind, kind)),
            industry_code=ind or "",
            industry_name=industries.get(ind, ""),
            count=n,
            enterprise_count=firms,
            median_investment=_decimal(median_inv),
            median_payback=_decimal(median_payback),
            followed_up=followed,
            implemented=done or 0,
            expected_tce=_decimal(tce) or ZERO,
            implemented_expected_tce=_decimal(done_expected) or ZERO,
            realized_tce=_decimal(done_tce) or ZERO,
            realized_kwh=_decimal(done_kwh) or ZERO,
            co2_t=_decimal(co2) or ZERO,
        )
        for (kind, ind, n, firms, tce, co2, followed, done,
             done_expected, done_tce, done_kwh, median_inv, median_payback) in found
    ]  # fmt: skip


def register_statistics_for(user, filters: RegisterFilters, *, fresh: bool = False) -> list[Group]:
    """Per measure kind and industry over the measures `user` may see, once per data version
    of the tables they are computed from; `fresh` computes them now (the bench's cold run)."""
    measures = _filtered(scope(_submitted(), user), filters)
    if filters.state:
        ids = register_list_for(user, filters).values("pk")
        measures = measures.filter(pk__in=ids)
    return _groups(measures, fresh=fresh)


def register_public_statistics(filters: RegisterFilters) -> tuple[list[Group], int]:
    """Anonymised national statistics: only groups of at least REGISTER_MIN_GROUP enterprises
    (and as many measures). Returns the shown groups and the minimum; nothing about the groups
    left out is returned, not even how many there are."""
    size = min_group()
    public = RegisterFilters(year=filters.year, industry=filters.industry, kind=filters.kind)
    groups = _groups(_filtered(_submitted(), public))
    return [g for g in groups if g.enterprise_count >= size and g.count >= size], size


@dataclass
class PeerEvidence:
    same_industry: Group | None  # None when the group is below the minimum or empty
    all_industries: Group | None
    min_group: int


def peer_evidence(*, taxonomy_code: str, category: str, industry_code: str) -> PeerEvidence:
    """What the national register says about one measure kind: in the same industry and in
    all industries, each only when it holds enough enterprises to stay anonymous."""
    size = min_group()
    kind = taxonomy_code or category

    def shown(groups: list[Group]) -> Group | None:
        group = groups[0] if groups else None
        if group is None or group.enterprise_count < size or group.count < size:
            return None
        return group

    if not kind:
        return PeerEvidence(None, None, size)
    same = (
        shown(_groups(_filtered(_submitted(), RegisterFilters(kind=kind, industry=industry_code))))
        if industry_code
        else None
    )
    every = shown(_groups(_filtered(_submitted(), RegisterFilters(kind=kind)), by_industry=False))
    return PeerEvidence(same, every, size)
