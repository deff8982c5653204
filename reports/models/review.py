"""The enterprise's feedback on a report and the organizer's acceptance decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from reports.choices import Decision, FeedbackSource


class Feedback(TimeStampedModel):
    """The enterprise confirms the diagnosis took place and rates it (SPEC §5)."""

    report = models.OneToOneField(
        "reports.DiagnosisReport", on_delete=models.CASCADE, related_name="feedback"
    )
    confirmed = models.BooleanField(_("the diagnosis took place"), default=True)
    rating = models.PositiveSmallIntegerField(_("satisfaction (1–5)"))
    comments = models.TextField(_("comments"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=12,
        choices=FeedbackSource.choices,
        default=FeedbackSource.ENTERPRISE,
    )
    contact_name = models.CharField(_("person phoned"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enterprise feedback")
        verbose_name_plural = _("enterprise feedback")
        constraints = [
            models.CheckConstraint(
                name="feedback_rating_1_to_5", condition=Q(rating__gte=1) & Q(rating__lte=5)
            ),
            models.CheckConstraint(
                name="feedback_source_valid", condition=Q(source__in=FeedbackSource.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.rating}/5"

    @property
    def on_behalf(self) -> bool:
        return self.source == FeedbackSource.PHONE


class Acceptance(models.Model):
    """One acceptance decision with the notice's four criteria (数量、质量、数据完整性、企业反馈)."""

    report = models.ForeignKey(
        "reports.DiagnosisReport", on_delete=models.CASCADE, related_name="acceptances"
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    quantity_ok = models.BooleanField(_("diagnosis quantity"), default=False)
    quality_ok = models.BooleanField(_("completion quality"), default=False)
    data_ok = models.BooleanField(_("data completeness"), default=False)
    feedback_ok = models.BooleanField(_("enterprise feedback"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance decision")
        verbose_name_plural = _("acceptance decisions")
        ordering = ["report", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="acceptance_decision_valid", condition=Q(decision__in=Decision.values)
            ),
            # Accepting needs all four criteria met; a return only needs its comment.
            models.CheckConstraint(
                name="acceptance_accept_meets_criteria",
                condition=~Q(decision=Decision.ACCEPT)
                | Q(quantity_ok=True, quality_ok=True, data_ok=True, feedback_ok=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_decision_display()}"
