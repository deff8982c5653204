"""成果应用名单: the enterprises that implemented recommendations, for priority support.

One row per enterprise with at least one measure whose latest follow-up found it implemented or
verified (the register's rule, `register_list_for`): its implemented measures, their expected
savings, the realized savings the follow-ups measured, and the part the organizer verified.
Filters: the diagnosis campaign, the organizer (province, ministry only), the industry.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from reports.choices import REALIZED_STATES, MeasureState
from reports.register.selectors import RegisterFilters, register_list_for

ZERO = Decimal(0)


@dataclass
class ResultMeasure:
    pk: int
    year: int
    title: str
    kind: str
    state: str
    state_label: str
    expected_tce: Decimal
    realized_tce: Decimal | None


@dataclass
class ResultRow:
    enterprise_id: int
    enterprise_name: str
    credit_code: str
    organizer: str
    industry_code: str
    industry_name: str
    years: set[int] = field(default_factory=set)
    measures: list[ResultMeasure] = field(default_factory=list)
    expected_tce: Decimal = ZERO
    realized_tce: Decimal = ZERO
    realized_kwh: Decimal = ZERO
    realized_wan: Decimal = ZERO
    verified: int = 0
    verified_tce: Decimal = ZERO

    @property
    def campaigns(self) -> list[int]:
        return sorted(self.years)


def results_list_for(user, filters: RegisterFilters) -> list[ResultRow]:
    """The enterprises `user` may see that implemented measures (ministry: all; organizers:
    their own tasks), the largest realized savings first. One query."""
    base = RegisterFilters(
        year=filters.year, industry=filters.industry, organizer=filters.organizer
    )
    measures = register_list_for(user, base).filter(follow_state__in=list(REALIZED_STATES))
    rows: dict[int, ResultRow] = {}
    for m in measures.select_related("report__task__enterprise"):
        task = m.report.task
        enterprise = task.enterprise
        industry = task.industry or enterprise.industry
        row = rows.get(enterprise.pk)
        if row is None:
            row = rows[enterprise.pk] = ResultRow(
                enterprise_id=enterprise.pk,
                enterprise_name=enterprise.name,
                credit_code=enterprise.credit_code,
                organizer=task.organizer.name,
                industry_code=industry.code if industry else "",
                industry_name=industry.name if industry else "",
            )
        row.years.add(task.campaign.year)
        row.measures.append(
            ResultMeasure(
                pk=m.pk,
                year=task.campaign.year,
                title=m.title,
                kind=m.taxonomy.code if m.taxonomy else m.category,
                state=m.follow_state,
                state_label=str(MeasureState(m.follow_state).label),
                expected_tce=m.savings_tce,
                realized_tce=m.realized_tce,
            )
        )
        row.expected_tce += m.savings_tce
        row.realized_tce += m.realized_tce or ZERO
        row.realized_kwh += m.realized_kwh or ZERO
        row.realized_wan += m.realized_wan or ZERO
        if m.follow_state == MeasureState.VERIFIED:
            row.verified += 1
            row.verified_tce += m.realized_tce or ZERO
    return sorted(rows.values(), key=lambda r: (-r.realized_tce, r.enterprise_name))
