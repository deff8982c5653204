"""The totals a report carries, recomputed from its rows after every change."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from reports.calculations.energy import energy_totals
from reports.diagnosis.selectors.report import conversions
from reports.diagnosis.services.compute import q
from reports.models import DiagnosisReport

ZERO = Decimal(0)
TOTAL_FIELDS = [
    "energy_tce",
    "energy_tce_primary",
    "equipment_count",
    "below_limit_count",
    "upgrade_kwh",
    "upgrade_tce",
    "measure_count",
    "investment_wan",
    "savings_tce",
    "savings_kwh",
    "savings_wan",
    "co2_t",
    "updated_at",
]


def report_totals_refresh(report: DiagnosisReport) -> DiagnosisReport:
    """Energy totals (GB/T 2589, electricity on 当量值), equipment flags and measure sums."""
    energy = energy_totals(conversions(report))
    equipment = report.equipment.aggregate(
        n=Count("id"),
        below=Count("id", filter=Q(below_limit=True)),
        kwh=Sum("saving_kwh"),
        tce=Sum("saving_tce"),
    )
    measures = report.measures.aggregate(
        n=Count("id"),
        investment=Sum("investment_wan"),
        tce=Sum("savings_tce"),
        kwh=Sum("savings_kwh"),
        wan=Sum("savings_wan"),
        co2=Sum("co2_t"),
    )
    report.energy_tce = q(energy.total_tce)
    report.energy_tce_primary = q(energy.total_tce_primary)
    report.equipment_count = equipment["n"]
    report.below_limit_count = equipment["below"]
    report.upgrade_kwh = equipment["kwh"] or ZERO
    report.upgrade_tce = equipment["tce"] or ZERO
    report.measure_count = measures["n"]
    report.investment_wan = measures["investment"] or ZERO
    report.savings_tce = measures["tce"] or ZERO
    report.savings_kwh = measures["kwh"] or ZERO
    report.savings_wan = measures["wan"] or ZERO
    report.co2_t = measures["co2"] or ZERO
    report.save(update_fields=TOTAL_FIELDS)
    return report
