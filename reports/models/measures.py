"""Measures (节能建议) of a report and the history of their lifecycle."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import EventBase, TimeStampedModel
from reports.choices import MeasureKind, MeasureState


def _amount(name, **kwargs):
    return models.DecimalField(name, max_digits=16, decimal_places=4, **kwargs)


class Measure(TimeStampedModel):
    """One measure: what to do, its cost and savings, and how far the enterprise got."""

    report = models.ForeignKey(
        "reports.DiagnosisReport", on_delete=models.CASCADE, related_name="measures"
    )
    taxonomy = models.ForeignKey(
        "reports.MeasureCategory",
        verbose_name=_("measure code"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    category = models.CharField(_("category"), max_length=12, choices=MeasureKind.choices)
    equipment = models.ForeignKey(
        "reports.Equipment",
        verbose_name=_("equipment concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    investment_wan = _amount(_("investment (10k yuan)"), default=Decimal(0))
    savings_tce = _amount(_("annual savings (tce)"), default=Decimal(0))
    savings_kwh = _amount(_("annual savings (kWh)"), default=Decimal(0))
    savings_wan = _amount(_("annual savings (10k yuan)"), default=Decimal(0))
    payback_years = models.DecimalField(
        _("simple payback (years)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    co2_t = _amount(_("CO₂ reduction (t/yr)"), default=Decimal(0))
    state = models.CharField(
        _("status"),
        max_length=16,
        choices=MeasureState.choices,
        default=MeasureState.PROPOSED,
        db_index=True,
    )
    state_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the enterprise did not adopt it.")
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["report", "id"]
        constraints = [
            models.CheckConstraint(
                name="measure_state_valid", condition=Q(state__in=MeasureState.values)
            ),
            models.CheckConstraint(
                name="measure_category_valid", condition=Q(category__in=MeasureKind.values)
            ),
            models.CheckConstraint(
                name="measure_amounts_non_negative",
                condition=Q(
                    investment_wan__gte=0,
                    savings_tce__gte=0,
                    savings_kwh__gte=0,
                    savings_wan__gte=0,
                    co2_t__gte=0,
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MeasureEvent(EventBase):
    """One lifecycle move of a measure, made during a follow-up."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="events")
    follow_up = models.ForeignKey(
        "reports.FollowUp", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )

    class Meta(EventBase.Meta):
        verbose_name = _("measure event")
        verbose_name_plural = _("measure events")
