"""The diagnosis report of one task: its file, its state of submission and its computed totals."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from reports.choices import FileType

ZERO = Decimal(0)


def report_file_path(instance: "DiagnosisReport", filename: str) -> str:
    """A generated storage name: never the uploader's file name (SPEC §8)."""
    extension = instance.file_type or "bin"
    return f"reports/{instance.task.campaign.year}/{uuid.uuid4().hex}.{extension}"


def _money(name):
    return models.DecimalField(name, max_digits=16, decimal_places=4, default=ZERO)


class DiagnosisReport(TimeStampedModel):
    """诊断报告: one per task. Totals are written by services whenever the data changes."""

    task = models.OneToOneField(
        "enterprises.DiagnosisTask",
        verbose_name=_("task"),
        on_delete=models.PROTECT,
        related_name="report",
    )
    diagnosis_year = models.PositiveSmallIntegerField(
        _("diagnosis year"),
        null=True,
        blank=True,
        help_text=_("The year the energy data describes."),
    )
    findings = models.TextField(_("main problems found"), blank=True)
    is_historical = models.BooleanField(
        _("entered for follow-up"),
        default=False,
        help_text=_("Measures of an earlier campaign entered during a follow-up."),
    )

    file = models.FileField(_("report file"), upload_to=report_file_path, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=8, choices=FileType.choices, blank=True)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file_uploaded_at = models.DateTimeField(_("uploaded at"), null=True, blank=True)

    energy_tce = _money(_("comprehensive energy consumption (tce)"))
    energy_tce_primary = models.DecimalField(
        _("with electricity on its primary-energy value (tce)"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
    )
    equipment_count = models.PositiveIntegerField(_("equipment rows"), default=0)
    below_limit_count = models.PositiveIntegerField(_("equipment below the limit"), default=0)
    upgrade_kwh = _money(_("upgrade saving (kWh/yr)"))
    upgrade_tce = _money(_("upgrade saving (tce/yr)"))
    measure_count = models.PositiveIntegerField(_("measures"), default=0)
    investment_wan = _money(_("investment (10k yuan)"))
    savings_tce = _money(_("annual savings (tce)"))
    savings_kwh = _money(_("annual savings (kWh)"))
    savings_wan = _money(_("annual savings (10k yuan)"))
    co2_t = _money(_("CO₂ reduction (t/yr)"))

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    submit_count = models.PositiveSmallIntegerField(_("times submitted"), default=0)
    is_late = models.BooleanField(_("late"), default=False)
    last_comment = models.TextField(_("organizer's last comment"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    is_excellent_case = models.BooleanField(
        _("recommended excellent case"), default=False, db_index=True
    )
    excellent_note = models.TextField(_("why it is an excellent case"), blank=True)
    excellent_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    excellent_marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("diagnosis report")
        verbose_name_plural = _("diagnosis reports")
        ordering = ["task__campaign", "task__organizer", "task__seq", "id"]
        constraints = [
            models.CheckConstraint(
                name="report_file_type_valid",
                condition=Q(file_type="") | Q(file_type__in=FileType.values),
            ),
            models.CheckConstraint(
                name="report_totals_non_negative",
                condition=Q(
                    energy_tce__gte=0,
                    investment_wan__gte=0,
                    savings_tce__gte=0,
                    savings_kwh__gte=0,
                    savings_wan__gte=0,
                    co2_t__gte=0,
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.task)

    @property
    def download_name(self) -> str:
        """序号-企业名称.ext: how packages and downloads name the file."""
        return f"{self.task.seq}-{self.task.enterprise_name}.{self.file_type or 'bin'}"
