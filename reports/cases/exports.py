"""The excellent cases as an xlsx workbook: the case list that the summary package carries
(portal.spreadsheets.tables)."""

from django.utils.translation import gettext_lazy as _

from portal.spreadsheets.tables import Column, Table, number, table_workbook

TCE = "#,##0.0"
MONEY = "#,##0.00"
KWH = "#,##0"

CASE_COLUMNS = [
    Column(_("No."), "0"),
    Column(_("Case")),
    Column(_("Campaign"), "0"),
    Column(_("Organizer")),
    Column(_("Enterprise")),
    Column(_("Industry")),
    Column(_("Agency")),
    Column(_("Problem found by the diagnosis")),
    Column(_("Why it is an excellent case")),
    Column(_("Measures")),
    Column(_("Investment (10k yuan)"), MONEY),
    Column(_("Expected savings (tce/yr)"), TCE),
    Column(_("Savings (kWh/yr)"), KWH),
    Column(_("Savings (10k yuan/yr)"), MONEY),
    Column(_("CO₂ (t/yr)"), TCE),
    Column(_("Measures implemented or verified"), "0"),
    Column(_("Realized savings (tce/yr)"), TCE),
    Column(_("Verified savings (tce/yr)"), TCE),
]


def _case_row(n: int, case) -> list:
    report, task = case.report, case.report.task
    return [
        n,
        case.title,
        task.campaign.year,
        task.organizer.name,
        task.enterprise_name,
        f"{case.industry.code} {case.industry.name}" if case.industry else "",
        task.agency.name,
        case.findings,
        case.note,
        "；".join(m.title for m in case.measures),
        number(report.investment_wan),
        number(report.savings_tce),
        number(report.savings_kwh),
        number(report.savings_wan),
        number(report.co2_t),
        case.implemented,
        number(case.realized_tce),
        number(case.verified_tce),
    ]


def cases_workbook(cases) -> bytes:
    """One row per case: where, what was found, the measures, the investment and the savings
    (expected, realized and verified by the follow-ups)."""
    return table_workbook(
        Table(
            _("Excellent cases"),
            CASE_COLUMNS,
            (_case_row(n, case) for n, case in enumerate(cases, start=1)),
        )
    )
