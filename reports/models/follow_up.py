"""跟踪服务: what a later campaign's task found about one measure of an earlier report."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from reports.choices import EnterpriseProgress, MeasureState


def evidence_path(instance: "FollowUp", filename: str) -> str:
    """A generated storage name; the uploader's name is kept in evidence_name only."""
    return f"evidence/{instance.task.campaign.year}/{uuid.uuid4().hex}.{instance.evidence_type}"


AMOUNT_FIELDS = ("actual_investment_wan", "realized_tce", "realized_kwh", "realized_wan")


def _amount(name):
    return models.DecimalField(name, max_digits=16, decimal_places=4, null=True, blank=True)


class FollowUp(TimeStampedModel):
    task = models.ForeignKey(
        "enterprises.DiagnosisTask",
        verbose_name=_("follow-up task"),
        on_delete=models.CASCADE,
        related_name="follow_up_records",
    )
    measure = models.ForeignKey(
        "reports.Measure",
        verbose_name=_("earlier measure"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    # How far the measure has come, as this follow-up found it. It lives here, in the
    # follow-up's own campaign: the earlier report's measure (and its closed year) is never
    # written, and two follow-ups of the same measure each keep their own finding.
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
    actual_investment_wan = _amount(_("actual investment (10k yuan)"))
    realized_tce = _amount(_("realized savings (tce/yr)"))
    realized_kwh = _amount(_("realized savings (kWh/yr)"))
    realized_wan = _amount(_("realized savings (10k yuan/yr)"))
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence type"), max_length=8, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the enterprise reports itself (it may, beside the agency's findings).
    progress = models.CharField(
        _("progress reported by the enterprise"),
        max_length=16,
        choices=EnterpriseProgress.choices,
        blank=True,
    )
    progress_note = models.TextField(_("enterprise's note"), blank=True)
    progress_reported_at = models.DateTimeField(_("progress reported at"), null=True, blank=True)
    progress_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The organizer's verification (核实) of an implemented measure; the agency never verifies.
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up record")
        verbose_name_plural = _("follow-up records")
        ordering = ["task", "measure_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "measure"], name="one_follow_up_per_task_measure"
            ),
            models.CheckConstraint(
                name="follow_up_state_valid", condition=Q(state__in=MeasureState.values)
            ),
            models.CheckConstraint(
                name="follow_up_progress_valid",
                condition=Q(progress="") | Q(progress__in=EnterpriseProgress.values),
            ),
            models.CheckConstraint(
                name="follow_up_amounts_non_negative",
                condition=(Q(actual_investment_wan__isnull=True) | Q(actual_investment_wan__gte=0))
                & (Q(realized_tce__isnull=True) | Q(realized_tce__gte=0))
                & (Q(realized_kwh__isnull=True) | Q(realized_kwh__gte=0))
                & (Q(realized_wan__isnull=True) | Q(realized_wan__gte=0)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.measure}"

    @property
    def has_findings(self) -> bool:
        """Whether the agency recorded anything beyond the measure's move."""
        amounts = [getattr(self, name) for name in AMOUNT_FIELDS]
        return any(a is not None for a in amounts) or bool(self.evidence or self.note)
