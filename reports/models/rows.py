"""The structured data of a report: energy use by carrier and key equipment.

The computed columns (tce, grading, upgrade saving) are written by the services with the
factor or table that was used, so a report always says which standard edition it relied on.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.choices import EquipmentType, FactorSource, Rating


def _number(name, *, digits: int = 18, places: int = 4, **kwargs):
    return models.DecimalField(name, max_digits=digits, decimal_places=places, **kwargs)


class EnergyUse(models.Model):
    """One carrier's consumption in the diagnosis year, converted to tce (GB/T 2589)."""

    report = models.ForeignKey(
        "reports.DiagnosisReport", on_delete=models.CASCADE, related_name="energy_uses"
    )
    carrier_code = models.CharField(_("carrier"), max_length=32)
    carrier_name = models.CharField(_("carrier name"), max_length=32)
    quantity = _number(_("quantity"))
    unit = models.CharField(_("unit"), max_length=8)
    measured_lhv = _number(
        _("measured net heating value (kJ per unit)"), digits=14, places=3, null=True, blank=True
    )
    factor_kgce = _number(_("factor used (kgce per unit)"), digits=16, places=8)
    factor_unit = models.CharField(_("factor unit"), max_length=8)
    factor_source = models.CharField(
        _("factor source"),
        max_length=12,
        choices=FactorSource.choices,
        default=FactorSource.DEFAULT,
    )
    factor_standard = models.CharField(_("standard"), max_length=32)
    factor_edition = models.CharField(_("edition"), max_length=8)
    tce = _number(_("tce"))
    primary_factor = _number(
        _("primary-energy factor (kgce/kWh)"), digits=8, places=4, null=True, blank=True
    )
    primary_tce = _number(_("tce on the primary-energy value"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # Not a column: the line's share of the total, set for the report page by
    # reports.diagnosis.selectors.report.report_data.
    share_pct: Decimal | None

    class Meta:
        verbose_name = _("energy use")
        verbose_name_plural = _("energy use")
        ordering = ["report", "id"]
        constraints = [
            models.CheckConstraint(
                name="energy_use_quantity_non_negative",
                condition=Q(quantity__gte=0) & Q(tce__gte=0),
            ),
            models.CheckConstraint(
                name="energy_use_lhv_positive",
                condition=Q(measured_lhv__isnull=True) | Q(measured_lhv__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carrier_name} {self.quantity} {self.unit}"


class Equipment(models.Model):
    """A line of key equipment (count identical units), graded where a table exists."""

    report = models.ForeignKey(
        "reports.DiagnosisReport", on_delete=models.CASCADE, related_name="equipment"
    )
    equipment_type = models.CharField(_("type"), max_length=16, choices=EquipmentType.choices)
    name = models.CharField(_("name"), max_length=128)
    model = models.CharField(_("model"), max_length=64, blank=True)
    rating = _number(_("rating"), digits=14, places=3)
    rating_unit = models.CharField(_("rating unit"), max_length=12, default="kW")
    count = models.PositiveIntegerField(_("count"), default=1)
    annual_hours = _number(_("hours per year"), digits=8, places=1, default=0)
    efficiency_pct = _number(_("efficiency (%)"), digits=6, places=2, null=True, blank=True)
    load_factor = _number(_("load factor"), digits=4, places=2, null=True, blank=True)
    poles = models.PositiveSmallIntegerField(_("poles"), null=True, blank=True)
    flow_m3h = _number(_("flow (m³/h)"), digits=12, places=2, null=True, blank=True)
    head_m = _number(_("head (m)"), digits=10, places=2, null=True, blank=True)
    speed_rpm = _number(_("speed (r/min)"), digits=8, places=1, null=True, blank=True)
    stages = models.PositiveSmallIntegerField(_("stages"), default=1)
    double_suction = models.BooleanField(_("double suction"), default=False)
    metrics = models.JSONField(
        _("other metric values"),
        default=dict,
        blank=True,
        help_text=_('Values graded by loaded tables, e.g. {"specific_power": "7.2"}.'),
    )
    params = models.JSONField(_("grading parameters"), default=dict, blank=True)

    rating_status = models.CharField(
        _("grading"), max_length=16, choices=Rating.choices, default=Rating.NO_TABLE
    )
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    grade_at_least = models.BooleanField(_("or better"), default=False)
    limit_value = _number(_("limit value"), digits=10, places=3, null=True, blank=True)
    target_value = _number(_("target value"), digits=10, places=3, null=True, blank=True)
    grading_standard = models.CharField(_("standard"), max_length=32, blank=True)
    grading_edition = models.CharField(_("edition"), max_length=8, blank=True)
    below_limit = models.BooleanField(_("below the limit"), default=False)
    saving_kwh = _number(_("upgrade saving (kWh/yr)"), null=True, blank=True)
    saving_tce = _number(_("upgrade saving (tce/yr)"), null=True, blank=True)
    grading_note = models.CharField(_("grading note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["report", "id"]
        constraints = [
            models.CheckConstraint(
                name="equipment_type_valid", condition=Q(equipment_type__in=EquipmentType.values)
            ),
            models.CheckConstraint(
                name="equipment_numbers_non_negative",
                condition=Q(rating__gt=0)
                & Q(annual_hours__gte=0)
                & (Q(efficiency_pct__isnull=True) | Q(efficiency_pct__gt=0)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_equipment_type_display()} {self.name}"

    @property
    def grade_label(self) -> str:
        if self.rating_status != Rating.GRADED:
            return str(self.get_rating_status_display())
        if self.grade_at_least:
            return gettext("Grade %(grade)s or better") % {"grade": self.grade}
        return gettext("Grade %(grade)s") % {"grade": self.grade}
