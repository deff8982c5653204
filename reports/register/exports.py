"""The register as xlsx workbooks: the measures and their statistics, and the results
application list (portal.spreadsheets.tables)."""

from django.utils.translation import gettext_lazy as _

from portal.spreadsheets.tables import Column, Table, number, table_workbook
from reports.choices import MeasureState

TCE = "#,##0.0"
MONEY = "#,##0.00"
KWH = "#,##0"
WHOLE = "0"
ONE_PLACE = "0.0"

MEASURE_COLUMNS = [
    Column(_("Campaign"), WHOLE),
    Column(_("Organizer")),
    Column(_("Enterprise")),
    Column(_("Industry")),
    Column(_("Measure code")),
    Column(_("Measure")),
    Column(_("Equipment")),
    Column(_("Investment (10k yuan)"), MONEY),
    Column(_("Savings (tce/yr)"), TCE),
    Column(_("Savings (kWh/yr)"), KWH),
    Column(_("Savings (10k yuan/yr)"), MONEY),
    Column(_("Payback (yr)"), ONE_PLACE),
    Column(_("CO₂ (t/yr)"), TCE),
    Column(_("Status")),
    Column(_("Realized (tce/yr)"), TCE),
    Column(_("Realized (kWh/yr)"), KWH),
]
STATISTICS_COLUMNS = [
    Column(_("Measure code")),
    Column(_("Measure kind")),  # its name; "Measures" (节能建议) is the count
    Column(_("Industry")),
    Column(_("Measures"), WHOLE),
    Column(_("Median investment (10k yuan)"), MONEY),
    Column(_("Median payback (yr)"), ONE_PLACE),
    Column(_("Implemented or verified"), WHOLE),
    Column(_("Implementation rate (%)"), ONE_PLACE),
    Column(_("Expected savings (tce/yr)"), TCE),
    Column(_("Realized savings (tce/yr)"), TCE),
    Column(_("Realized vs expected (%)"), ONE_PLACE),
]
RESULTS_COLUMNS = [
    Column(_("No."), WHOLE),
    Column(_("Enterprise")),
    Column(_("Unified social credit code")),
    Column(_("Organizer")),
    Column(_("Industry")),
    Column(_("Years taking part")),
    Column(_("Implemented measures")),
    Column(_("Measures implemented or verified"), WHOLE),
    Column(_("Verified measures"), WHOLE),
    Column(_("Expected savings (tce/yr)"), TCE),
    Column(_("Realized savings (tce/yr)"), TCE),
    Column(_("Realized (kWh/yr)"), KWH),
    Column(_("Realized (10k yuan/yr)"), MONEY),
    Column(_("Verified savings (tce/yr)"), TCE),
]


def _measure_row(m) -> list:
    task = m.report.task
    industry = task.industry or task.enterprise.industry
    return [
        task.campaign.year,
        task.organizer.name,
        task.enterprise_name,
        industry.code if industry else "",
        m.taxonomy.code if m.taxonomy else m.category,
        m.title,
        m.equipment.name if m.equipment else "",
        number(m.investment_wan),
        number(m.savings_tce),
        number(m.savings_kwh),
        number(m.savings_wan),
        number(m.payback_years),
        number(m.co2_t),
        str(MeasureState(m.follow_state).label),
        number(m.realized_tce),
        number(m.realized_kwh),
    ]


def _group_row(g) -> list:
    return [
        g.kind_code,
        g.kind_name,
        g.industry_code,
        g.count,
        number(g.median_investment),
        number(g.median_payback),
        g.implemented,
        number(g.implementation_rate),
        number(g.expected_tce),
        number(g.realized_tce),
        number(g.realized_ratio),
    ]


def register_workbook(measures, groups) -> bytes:
    """Sheet 1 the measures (`register_list_for`), sheet 2 the statistics per kind and
    industry (`register_statistics_for`)."""
    return table_workbook(
        Table(_("Measures"), MEASURE_COLUMNS, map(_measure_row, measures)),
        Table(_("Statistics"), STATISTICS_COLUMNS, map(_group_row, groups)),
    )


def _result_row(n: int, row) -> list:
    return [
        n,
        row.enterprise_name,
        row.credit_code,
        row.organizer,
        f"{row.industry_code} {row.industry_name}".strip(),
        "、".join(str(y) for y in row.campaigns),
        "；".join(f"{m.title}（{m.state_label}）" for m in row.measures),
        len(row.measures),
        row.verified,
        number(row.expected_tce),
        number(row.realized_tce),
        number(row.realized_kwh),
        number(row.realized_wan),
        number(row.verified_tce),
    ]


def results_workbook(rows) -> bytes:
    """成果应用名单: one row per enterprise, its implemented measures in one cell."""
    return table_workbook(
        Table(
            _("Results application list"),
            RESULTS_COLUMNS,
            (_result_row(n, row) for n, row in enumerate(rows, start=1)),
        )
    )
