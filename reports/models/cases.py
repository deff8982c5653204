"""典型案例库: what the organizer writes about an excellent case beyond the report's own data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel

TITLE_MAX = 120
SUMMARY_MAX = 4000


class CaseStory(TimeStampedModel):
    """The editorial title and summary of a case page; the case itself is the report (its
    findings, measures and follow-ups). Blank fields fall back to the report's."""

    report = models.OneToOneField(
        "reports.DiagnosisReport",
        verbose_name=_("diagnosis report"),
        on_delete=models.CASCADE,
        related_name="case_story",
    )
    title = models.CharField(_("case title"), max_length=TITLE_MAX, blank=True)
    summary = models.TextField(_("case summary"), max_length=SUMMARY_MAX, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("case page")
        verbose_name_plural = _("case pages")

    def __str__(self) -> str:
        return self.title or str(self.report)
