"""The national registry of service agencies and each organizer's recommendations (附件2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import TimeStampedModel
from portal.validators import validate_credit_code

# What an organizer declares about an agency in its 附件2 besides the identity (credit code, name)
# and its own numbers (enterprises to serve, remarks): the same fields as the registry profile.
DECLARED_FIELDS = (
    "nature",
    "location",
    "specialties",
    "technical_staff",
    "track_record",
    "contact_name",
    "contact_title",
    "phone",
    "email",
)
# The registry profile an agency is created with (from the first registration's values).
REGISTRY_FIELDS = ("name", *DECLARED_FIELDS)
# What an organizer may change on its own 附件2 row (services, serializers).
ROW_FIELDS = (*DECLARED_FIELDS, "planned_enterprises", "remarks")
# Personal data (a natural person's name, title, phone, e-mail): shown only to those who need it.
CONTACT_FIELDS = ("contact_name", "contact_title", "phone", "email")


class AgencyProfile(models.Model):
    """What describes an agency besides its identity: the registry's profile, and equally what an
    organizer declares about it in its 附件2 (DECLARED_FIELDS, in the same order)."""

    nature = models.CharField(
        _("nature"),
        max_length=64,
        blank=True,
        help_text=_("e.g. energy service company, research institute, testing body"),
    )
    location = models.CharField(_("location"), max_length=64, blank=True)
    specialties = models.CharField(_("industries / diagnosis fields"), max_length=255, blank=True)
    technical_staff = models.PositiveIntegerField(
        _("full-time technical staff"), null=True, blank=True
    )
    track_record = models.TextField(_("recent diagnosis / audit record"), blank=True)
    contact_name = models.CharField(_("contact"), max_length=64, blank=True)
    contact_title = models.CharField(_("job title"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        abstract = True


class Agency(AgencyProfile, TimeStampedModel):
    """A 节能诊断服务机构, one row nationally per 统一社会信用代码.

    The identity (credit code, name) and the registry profile, created from the values of the
    first registration. What each organizer declares about the agency in its 附件2 is kept on its
    `Recommendation`; no organizer's 附件2 writes this row after it exists (docs/organizer-workflow.md, "Agencies:
    the registry and what each organizer declares").
    """

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        # It also returns the normalised code, which Django ignores; the stubs want -> None.
        validators=[validate_credit_code],  # type: ignore[list-item]
    )
    name = models.CharField(_("name"), max_length=128, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service agency")
        verbose_name_plural = _("service agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Recommendation(AgencyProfile, TimeStampedModel):
    """One row of an organizer's 附件2 for one campaign: what this organizer declares about the
    agency (staff, 业绩, contacts, enterprises to serve …), whatever other organizers declare."""

    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.PROTECT, related_name="recommendations"
    )
    organizer = models.ForeignKey(
        "provinces.Organizer", on_delete=models.PROTECT, related_name="recommendations"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="recommendations")
    seq = models.PositiveIntegerField(_("No."), default=0)
    planned_enterprises = models.PositiveIntegerField(
        _("enterprises to serve"), null=True, blank=True
    )
    remarks = models.CharField(_("remarks"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agency recommendation")
        verbose_name_plural = _("agency recommendations")
        ordering = ["campaign", "organizer", "seq", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organizer", "agency"], name="one_recommendation_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organizer} · {self.campaign.year} · {self.agency}"
