"""Enterprises, the diagnosis tasks of the intent lists (附件3), and task letters (任务书)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.models import EventBase, TimeStampedModel
from portal.validators import validate_credit_code

from .choices import DiagnosisType, LetterState, SmeClass, TaskState


class Industry(models.Model):
    """A GB/T 4754-2017 division; key_sector names the programme's five key sectors."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    key_sector = models.CharField(_("key sector"), max_length=8, blank=True)
    standard = models.CharField(_("standard"), max_length=32, default="GB/T 4754-2017")

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Enterprise(TimeStampedModel):
    """The national record of an enterprise: an identity (credit code) with a description.

    Written only through enterprises.services.registry, which says who may describe it.
    """

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        # It also returns the normalised code, which Django ignores; the stubs want -> None.
        validators=[validate_credit_code],  # type: ignore[list-item]
    )
    name = models.CharField(_("name"), max_length=128, db_index=True)
    province_code = models.CharField(_("province code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=64, blank=True)
    county = models.CharField(_("county"), max_length=64, blank=True)
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
    )
    is_sme = models.BooleanField(_("SME"), default=False)
    sme_class = models.CharField(_("SME class"), max_length=8, choices=SmeClass.choices, blank=True)
    energy_tce = models.DecimalField(
        _("energy use last year (tce)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    contact_name = models.CharField(_("contact"), max_length=64, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Where the contact's account invitation goes (portal/security/invitations.py).
    contact_email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaskLetter(TimeStampedModel):
    """任务书 between one organizer and one agency for one campaign, covering its enterprises."""

    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.PROTECT, related_name="task_letters"
    )
    organizer = models.ForeignKey(
        "provinces.Organizer", on_delete=models.PROTECT, related_name="task_letters"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="task_letters"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=LetterState.choices, default=LetterState.DRAFT
    )
    signed_scan = models.FileField(_("signed scan"), upload_to="letters/%Y/", blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set once, when the letter is first issued (generated or signed), and never changed: its
    # number (gap-free per organizer and campaign, LetterCounter) and the parties' names as
    # printed then, so a later rename never changes a letter already generated or signed.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    organizer_name = models.CharField(_("party A"), max_length=128, blank=True, editable=False)
    agency_name = models.CharField(_("party B"), max_length=128, blank=True, editable=False)
    agency_credit_code = models.CharField(
        _("party B's credit code"), max_length=18, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("task letter")
        verbose_name_plural = _("task letters")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organizer", "agency"], name="one_letter_per_organizer_agency"
            ),
            models.UniqueConstraint(
                fields=["campaign", "organizer", "number"], name="one_letter_per_number"
            ),
        ]

    @property
    def reference(self) -> str:
        """The printed number, e.g. 2021-130000-0001 ("" before the letter is issued)."""
        if self.number is None:
            return ""
        return f"{self.campaign.year}-{self.organizer.code}-{self.number:04d}"


class LetterCounter(models.Model):
    """The last letter number an organizer issued in a campaign: the row locked to take the
    next one, so two letters issued at the same instant never share or skip a number."""

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="+")
    organizer = models.ForeignKey("provinces.Organizer", on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter counter")
        verbose_name_plural = _("letter counters")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organizer"], name="one_letter_counter_per_organizer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organizer_id}/{self.campaign_id}: {self.last}"


class DiagnosisTask(TimeStampedModel):
    """One enterprise's diagnosis in one campaign: its 附件3 row and everything after it."""

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.PROTECT, related_name="tasks")
    organizer = models.ForeignKey(
        "provinces.Organizer", on_delete=models.PROTECT, related_name="tasks"
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="tasks")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="tasks")
    diagnosis_type = models.CharField(
        _("diagnosis type"), max_length=16, choices=DiagnosisType.choices
    )
    seq = models.PositiveIntegerField(_("No."), default=0)
    # What the organizer declared about the enterprise for this campaign (its 附件3 row): the
    # name as listed and the columns below belong to the listing, not to the shared Enterprise.
    enterprise_name = models.CharField(_("enterprise name as listed"), max_length=128)
    city = models.CharField(_("city"), max_length=64, blank=True)
    county = models.CharField(_("county"), max_length=64, blank=True)
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    energy_tce = models.DecimalField(
        _("energy use last year (tce)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_sme = models.BooleanField(_("SME"), default=False)
    sme_class = models.CharField(_("SME class"), max_length=8, choices=SmeClass.choices, blank=True)
    remarks = models.CharField(
        _("remarks"),
        max_length=255,
        blank=True,
        help_text=_("The industrial park for a regional diagnosis."),
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=TaskState.choices,
        default=TaskState.MATCHED,
        db_index=True,
    )
    previous_task = models.ForeignKey(
        "self",
        verbose_name=_("earlier task followed up"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The enterprise's contact as the organizer knows it (the account invitation goes here,
    # portal/security/contacts.py): the organizer's own, changed by `task_contact_update`.
    contact_name = models.CharField(_("contact"), max_length=64, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("diagnosis task")
        verbose_name_plural = _("diagnosis tasks")
        ordering = ["campaign", "organizer", "seq", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "enterprise"], name="one_task_per_enterprise_per_campaign"
            ),
            models.CheckConstraint(
                name="task_state_valid", condition=Q(state__in=TaskState.values)
            ),
            models.CheckConstraint(
                name="task_type_valid", condition=Q(diagnosis_type__in=DiagnosisType.values)
            ),
            models.CheckConstraint(
                name="task_regional_needs_park",
                condition=~Q(diagnosis_type=DiagnosisType.REGIONAL) | ~Q(remarks=""),
            ),
            models.CheckConstraint(
                name="task_energy_non_negative",
                condition=Q(energy_tce__isnull=True) | Q(energy_tce__gte=0),
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "organizer", "agency"]),
            # The lists' order within a campaign: a page's keys are an index walk.
            models.Index(
                fields=["campaign", "organizer", "seq", "id"],
                name="task_list_order",
            ),
            # The API's keyset pages of a campaign (ordered by id): the first page of the
            # latest year is an index walk, not a scan past every earlier year's rows.
            models.Index(fields=["campaign", "id"], name="task_campaign_keyset"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.year} · {self.enterprise_name}"


class TaskEvent(EventBase):
    task = models.ForeignKey(DiagnosisTask, on_delete=models.CASCADE, related_name="events")
    # Not a column: the label of to_state, set by reports.diagnosis.selectors.report.task_events.
    to_label: StrOrPromise

    class Meta(EventBase.Meta):
        verbose_name = _("task event")
        verbose_name_plural = _("task events")


class PublishedList(models.Model):
    """One publication of a campaign's national list; earlier ones stay as history."""

    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.PROTECT, related_name="published_lists"
    )
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(_("current"), default=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey("portal.User", on_delete=models.PROTECT, related_name="+")
    entry_count = models.PositiveIntegerField(_("enterprises"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("published list")
        verbose_name_plural = _("published lists")
        ordering = ["campaign", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "version"], name="one_published_list_per_version"
            ),
            models.UniqueConstraint(
                fields=["campaign"], condition=Q(is_current=True), name="one_current_published_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.year} v{self.version}"


class PublishedEntry(models.Model):
    """One enterprise of a published list, copied so the snapshot never changes afterwards."""

    published_list = models.ForeignKey(
        PublishedList, on_delete=models.CASCADE, related_name="entries"
    )
    seq = models.PositiveIntegerField(_("No."))
    task = models.ForeignKey(
        DiagnosisTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enterprise_name = models.CharField(_("enterprise"), max_length=128)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    city = models.CharField(_("city"), max_length=64, blank=True)
    organizer_name = models.CharField(_("organizer"), max_length=128)
    organizer_code = models.CharField(_("organizer code"), max_length=32)
    agency_name = models.CharField(_("service agency"), max_length=128)
    diagnosis_type = models.CharField(
        _("diagnosis type"), max_length=16, choices=DiagnosisType.choices
    )

    class Meta:
        verbose_name = _("published entry")
        verbose_name_plural = _("published entries")
        ordering = ["published_list", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["published_list", "seq"], name="published_entry_seq_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.enterprise_name
