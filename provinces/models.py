"""Organizers, their per-form submissions with the audit trail, and the content of 附件1 and 附件4."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import EventBase, TimeStampedModel

from .choices import Form, OrganizerKind, SubmissionState


class Organizer(models.Model):
    """A provincial-level department, planning city, the corps, an association or a group."""

    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("GB/T 2260 code for regions; XPCC for the corps."),
    )
    name = models.CharField(_("name"), max_length=128, unique=True)
    # The competent department's full official name, printed on every document's 填报单位 line
    # and as the task letter's 甲方 (河北省工业和信息化厅); blank for associations and groups,
    # whose own name is their official name. Loaded for the 37 regional ones by a migration.
    department = models.CharField(
        _("official name"),
        max_length=128,
        blank=True,
        help_text=_(
            "The department's full name as printed on documents, e.g. 河北省工业和信息化厅."
        ),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OrganizerKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                name="organizer_kind_valid", condition=Q(kind__in=OrganizerKind.values)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def official_name(self) -> str:
        """What documents print as 填报单位 and 甲方: the department's full name, else the name."""
        return self.department or self.name

    @property
    def is_regional(self) -> bool:
        """Provinces, planning cities and the corps carry the 200-enterprise expectation."""
        return self.kind in {
            OrganizerKind.PROVINCE,
            OrganizerKind.PLANNING_CITY,
            OrganizerKind.CORPS,
        }


class Submission(TimeStampedModel):
    """One organizer's copy of one attachment form in one campaign, and where it stands."""

    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="submissions")
    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.PROTECT, related_name="submissions"
    )
    form = models.PositiveSmallIntegerField(_("form"), choices=Form.choices)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    last_comment = models.TextField(_("ministry comment"), blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["campaign", "organizer__sort_order", "form"]
        constraints = [
            models.UniqueConstraint(
                fields=["organizer", "campaign", "form"],
                name="one_submission_per_organizer_campaign_form",
            ),
            models.CheckConstraint(
                name="submission_state_valid", condition=Q(state__in=SubmissionState.values)
            ),
            models.CheckConstraint(name="submission_form_valid", condition=Q(form__in=Form.values)),
        ]

    def __str__(self) -> str:
        return f"{self.organizer} · {self.campaign.year} · {self.get_form_display()}"

    @property
    def is_editable(self) -> bool:
        """Content changes only while a draft or after the ministry returned it."""
        return self.state in {SubmissionState.DRAFT, SubmissionState.RETURNED}


class SubmissionEvent(EventBase):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")

    class Meta(EventBase.Meta):
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")


class PlanContent(TimeStampedModel):
    """附件1 工作计划表: what one organizer plans for one campaign."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="plan")
    key_industry = models.PositiveIntegerField(_("key industries"), default=0)
    sme = models.PositiveIntegerField(_("SMEs"), default=0)
    key_equipment = models.PositiveIntegerField(_("key energy-using equipment"), default=0)
    regional = models.PositiveIntegerField(_("regional (industrial parks)"), default=0)
    follow_up = models.PositiveIntegerField(_("follow-up"), default=0)
    agencies_planned = models.PositiveIntegerField(_("agencies to recommend"), default=0)
    completion_date = models.DateField(_("planned completion date"), null=True, blank=True)
    below_minimum_reason = models.TextField(_("reason for planning below the minimum"), blank=True)
    contact_name = models.CharField(_("contact"), max_length=64, blank=True)
    contact_title = models.CharField(_("job title"), max_length=64, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Optimistic lock for concurrent edits."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    @property
    def total(self) -> int:
        return self.key_industry + self.sme + self.key_equipment + self.regional + self.follow_up


class SummaryContent(TimeStampedModel):
    """附件4 工作总结: the narrative the organizer writes; the figures come from the data."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="summary")
    work_done = models.TextField(_("1. How the work was carried out"), blank=True)
    results_commentary = models.TextField(_("2. Results (commentary)"), blank=True)
    good_practices = models.TextField(_("3. Good practices and excellent cases"), blank=True)
    problems = models.TextField(_("4. Problems"), blank=True)
    next_steps = models.TextField(_("5. Next steps and suggestions"), blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work summary")
        verbose_name_plural = _("work summaries")
