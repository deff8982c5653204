"""Data checks: the ministry's settings of each check per campaign, and the written reasons.

The checks themselves are code (reports/checks/evaluate.py) with default thresholds; a CheckRule
row changes a check's severity or thresholds for one campaign. A CheckReason is the agency's
(for a report) or the organizer's (for an intent-list row) explanation of a flagged figure: a
warning with a reason may be submitted, and the organizer and the ministry read the reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from reports.choices import CheckCode, CheckSeverity


class CheckRule(TimeStampedModel):
    """One check's severity and thresholds in one campaign (the defaults apply without a row)."""

    campaign = models.ForeignKey(
        "portal.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="check_rules",
    )
    code = models.CharField(_("check"), max_length=24, choices=CheckCode.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=CheckSeverity.choices)
    low = models.DecimalField(
        _("lower bound"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    high = models.DecimalField(
        _("upper bound"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("data check rule")
        verbose_name_plural = _("data check rules")
        ordering = ["campaign", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "code"], name="check_rule_once_per_campaign"
            ),
            models.CheckConstraint(
                name="check_rule_code_valid", condition=Q(code__in=CheckCode.values)
            ),
            models.CheckConstraint(
                name="check_rule_severity_valid", condition=Q(severity__in=CheckSeverity.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.code}"


class CheckReason(models.Model):
    """Why a flagged figure is right: one per task, check and flagged row (target)."""

    task = models.ForeignKey(
        "enterprises.DiagnosisTask",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="check_reasons",
    )
    code = models.CharField(_("check"), max_length=24, choices=CheckCode.choices)
    target = models.CharField(
        _("flagged row"), max_length=48, blank=True, help_text=_('e.g. "measure:12"')
    )
    reason = models.TextField(_("reason"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(_("given at"), auto_now=True)

    class Meta:
        verbose_name = _("data check reason")
        verbose_name_plural = _("data check reasons")
        ordering = ["task", "code", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "code", "target"], name="check_reason_once_per_target"
            ),
            models.CheckConstraint(name="check_reason_not_empty", condition=~Q(reason="")),
        ]

    def __str__(self) -> str:
        return f"{self.task_id}/{self.code}/{self.target}"
