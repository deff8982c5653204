"""The kernel: users and their roles, campaigns, the base models, jobs, notices and the audit log."""

from decimal import Decimal
from typing import ClassVar, Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS as KNOX_CONSTANTS
from simple_history.models import HistoricalRecords

from . import campaign_data
from .choices import CampaignState, DocumentKind, Duty, JobState, Role
from .notifications.kinds import DeliveryMode, NoticeKind
from .security.append_only import AppendOnlyModelMixin, AppendOnlyQuerySet
from .security.duties import duty_errors


class Tenant(Protocol):
    """What the kernel knows of a user's organizer, agency or enterprise (apps own the models)."""

    pk: int
    name: str


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class EventBase(models.Model):
    """One row per state change: who moved what, when, from which state to which, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class PortalUserManager(UserManager):
    """`createsuperuser` makes a ministry system administrator: the only kind of superuser."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.MINISTRY)
        extra_fields.setdefault("duty", Duty.SYSTEM)
        return super().create_superuser(username, email, password, **extra_fields)


# knox (no types) declares ApiToken.user with related_name="auth_token_set": the plugin
# cannot see it.
class User(AbstractUser):  # type: ignore[django-manager-missing]
    """A person; belongs to exactly one of the ministry, an organizer, an agency, an enterprise."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    organizer = models.ForeignKey(
        "provinces.Organizer",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    job_title = models.CharField(_("job title"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    duty = models.CharField(
        _("administrative duty"),
        max_length=16,
        choices=Duty.choices,
        default=Duty.NONE,
        help_text=_("Ministry staff only; one duty per account (separation of duties)."),
    )
    # An organizer's or an agency's administrator: invites and manages its own tenant's people
    # (portal/security/account_admin.py). The ministry's counterpart is the security duty.
    tenant_admin = models.BooleanField(
        _("administrator of the organizer or agency"),
        default=False,
        help_text=_("Invites and manages the accounts of the user's own organizer or agency."),
    )

    objects: ClassVar[PortalUserManager] = PortalUserManager()

    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_role_valid",
                condition=Q(role__in=Role.values),
                violation_error_message=_("Choose one of the listed roles."),
            ),
            models.CheckConstraint(
                name="user_role_matches_tenant",
                violation_error_message=_(
                    "The role needs its unit, and only that one: an organizer user needs an "
                    "organizer, an agency user an agency, an enterprise user an enterprise, "
                    "and a ministry user none of them."
                ),
                condition=(
                    Q(
                        role=Role.MINISTRY,
                        organizer__isnull=True,
                        agency__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        role=Role.ORGANIZER,
                        organizer__isnull=False,
                        agency__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        role=Role.AGENCY,
                        agency__isnull=False,
                        organizer__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        role=Role.ENTERPRISE,
                        enterprise__isnull=False,
                        organizer__isnull=True,
                        agency__isnull=True,
                    )
                ),
            ),
            # Separation of duties (portal/security/duties.py): one duty per account, held only
            # by ministry staff, and the Django admin flags only with the system duty.
            models.CheckConstraint(name="user_duty_valid", condition=Q(duty__in=Duty.values)),
            models.CheckConstraint(
                name="user_duty_ministry_only",
                condition=Q(duty=Duty.NONE) | Q(role=Role.MINISTRY),
            ),
            models.CheckConstraint(
                name="user_admin_flags_system_only",
                condition=Q(is_staff=False, is_superuser=False) | Q(duty=Duty.SYSTEM),
            ),
            models.CheckConstraint(
                name="user_tenant_admin_roles",
                condition=Q(tenant_admin=False) | Q(role__in=[Role.ORGANIZER, Role.AGENCY]),
            ),
        ]

    def clean(self):
        super().clean()
        errors = duty_errors(self)
        if self.tenant_admin and self.role not in {Role.ORGANIZER, Role.AGENCY}:
            errors["tenant_admin"] = _("Only an organizer's or an agency's user administers it.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_ministry(self) -> bool:
        return self.role == Role.MINISTRY

    @property
    def is_organizer(self) -> bool:
        return self.role == Role.ORGANIZER

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def tenant(self) -> Tenant | None:
        tenants: dict[str, Tenant | None] = {
            Role.ORGANIZER: self.organizer,
            Role.AGENCY: self.agency,
            Role.ENTERPRISE: self.enterprise,
        }
        return tenants.get(self.role)

    @property
    def tenant_name(self) -> str:
        tenant = self.tenant
        return tenant.name if tenant else str(_("MIIT Department of Energy Saving"))


def default_campaign_name(year: int) -> str:
    """A new campaign's name unless the ministry types another: the notice's words."""
    return f"{year}年工业节能诊断服务"


class Campaign(TimeStampedModel):
    """One year of the programme with its deadlines and per-campaign settings (SPEC §3)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=128)
    notice_ref = models.CharField(_("notice reference"), max_length=64, blank=True)
    plan_due = models.DateField(_("work plan due"))
    recommendation_due = models.DateField(_("agency recommendation due"))
    intent_due = models.DateField(_("intent list due"))
    summary_due = models.DateField(_("summary due"))
    min_enterprises_per_province = models.PositiveIntegerField(
        _("minimum enterprises per province"),
        default=200,
        help_text=_(
            "A province planning fewer must give a written reason (a warning, not a block)."
        ),
    )
    key_threshold_tce = models.DecimalField(
        _("key-industry threshold (tce/yr)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("5000"),
    )
    electricity_equivalent_factor = models.DecimalField(
        _("electricity primary-energy factor (kgce/kWh)"),
        max_digits=8,
        decimal_places=4,
        default=Decimal("0.3050"),
        help_text=_("等价值: the year's average coal consumption of thermal power supply."),
    )
    co2_per_tce = models.DecimalField(
        _("CO₂ emission factor (tCO₂/tce)"),
        max_digits=8,
        decimal_places=4,
        default=Decimal("2.6600"),
    )
    grid_emission_factor = models.DecimalField(
        _("grid emission factor (tCO₂/MWh)"),
        max_digits=8,
        decimal_places=4,
        default=Decimal("0.5703"),
    )
    reminder_days = models.JSONField(
        _("reminder days before deadlines"),
        default=list,
        blank=True,
        help_text=_("Working days before each deadline on which reminders go out, e.g. [7, 1]."),
    )
    form_layouts = models.JSONField(
        _("form layouts"),
        default=dict,
        blank=True,
        help_text=_("Column definitions of the attachment forms for this year (data, not code)."),
    )
    require_two_factor = models.BooleanField(
        _("two-factor login required for staff"),
        default=False,
    )
    # The year's set-up as data, checked by portal/campaign_data.py and edited on the
    # ministry's campaign pages (reports/campaigns); the defaults follow the 2021 notice.
    obligations = models.JSONField(
        _("forms owed by organizer kind"),
        default=campaign_data.default_obligations,
        help_text=_("Per organizer kind: each form required, optional or none; task letters."),
    )
    summary_outline = models.JSONField(
        _("附件4 outline"), default=campaign_data.default_summary_outline
    )
    acceptance_criteria = models.JSONField(
        _("acceptance criteria"), default=campaign_data.default_acceptance_criteria
    )
    diagnosis_types = models.JSONField(
        _("diagnosis types offered"), default=campaign_data.default_diagnosis_types
    )
    # Open: forms, lists, letters and reports of the year take writes. Closed: read-only for
    # pages and the API (only the import_* commands load history into it). Deadlines never
    # close a year: late submissions are accepted and marked late. Moved by campaign_move().
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=CampaignState.choices,
        default=CampaignState.OPEN,
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                name="campaign_state_valid", condition=Q(state__in=CampaignState.values)
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.year}"

    @property
    def display_name(self) -> str:
        """The name for pages: the default name in the page's language, a chosen name as typed."""
        if not self.name or self.name == default_campaign_name(self.year):
            return gettext("Industrial energy-saving diagnosis service %(year)s") % {
                "year": self.year
            }
        return self.name

    def due_date(self, form: int):
        return {
            1: self.plan_due,
            2: self.recommendation_due,
            3: self.intent_due,
            4: self.summary_due,
        }[int(form)]

    @property
    def is_open(self) -> bool:
        """Takes writes (a closed or archived year is read-only)."""
        return self.state == CampaignState.OPEN

    def duty(self, kind: str, form: int) -> str:
        """What an organizer of `kind` owes for `form`: "required", "optional" or "none"."""
        entry = (self.obligations or {}).get(kind) or campaign_data.default_obligations()[kind]
        return entry["forms"].get(str(int(form)), campaign_data.REQUIRED)

    def signs_letters(self, kind: str) -> bool:
        """Whether organizers of `kind` sign task letters with their agencies before their
        附件3 is submitted (notice: provinces do; associations and groups list their
        enterprises and agencies without letters)."""
        entry = (self.obligations or {}).get(kind) or campaign_data.default_obligations()[kind]
        return bool(entry.get("task_letters", False))


class CampaignExtension(TimeStampedModel):
    """A later deadline for one organizer's form, granted by the ministry with a reason."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="extensions")
    organizer = models.ForeignKey(
        "provinces.Organizer",
        verbose_name=_("organizer"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    form = models.PositiveSmallIntegerField(_("form"))
    due = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["campaign", "organizer", "form"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organizer", "form"], name="extension_once_per_form"
            ),
            models.CheckConstraint(
                name="extension_form_valid", condition=Q(form__gte=1, form__lte=4)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.organizer_id}/附件{self.form} → {self.due}"


class CampaignEvent(EventBase):
    """One row per opening or closing of a campaign (who, when, from, to, why)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")

    class Meta(EventBase.Meta):
        verbose_name = _("campaign event")
        verbose_name_plural = _("campaign events")

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.from_state} → {self.to_state}"


class DocumentJob(TimeStampedModel):
    """A file rendered by a worker: who asked, what, its progress and its output."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="document_jobs",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="document_jobs"
    )
    organizer = models.ForeignKey(
        "provinces.Organizer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_jobs",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_jobs",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, db_index=True)
    state = models.CharField(
        _("state"), max_length=16, choices=JobState.choices, default=JobState.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    output = models.FileField(_("output"), upload_to="documents/%Y/%m/", blank=True)
    output_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="documentjob_state_valid", condition=Q(state__in=JobState.values)
            ),
            models.CheckConstraint(
                name="documentjob_progress_range", condition=Q(progress__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Notice(models.Model):
    """An in-portal notice (a reminder, a move of someone else...) for one user.

    `kind` and `event_key` make it exactly once: one notice per (recipient, kind, event).
    E-mail and SMS follow (portal/notifications): `delivered_at` is stamped when they went out,
    or when there was nothing to send; `digest` notices wait for the daily digest.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices, blank=True)
    event_key = models.CharField(_("event"), max_length=150, blank=True, default="")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digest = models.BooleanField(_("in the daily digest"), default=False)
    delivered_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    delivery_claim = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["digest", "delivered_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"],
                condition=~Q(event_key=""),
                name="notice_once_per_event_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NoticePreference(models.Model):
    """How one user takes one kind of notice: at once or in the daily digest, and by SMS too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    mode = models.CharField(
        _("e-mail"), max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.IMMEDIATE
    )
    sms = models.BooleanField(_("also by SMS"), default=False)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_notice_preference_per_kind"),
            models.CheckConstraint(
                name="notice_preference_mode_valid", condition=Q(mode__in=DeliveryMode.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.kind}: {self.mode}"


class AuditLog(AppendOnlyModelMixin, models.Model):
    """Who did what to which object, when: state changes, imports, exports, downloads.

    Rows are only ever added: the ORM refuses to update or delete them (portal.security).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organizer = models.ForeignKey(
        "provinces.Organizer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=32, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords: refused for reuse, and the age of the current one.

    A row is added on every password change (`portal.security.passwords`); the newest row's
    time is when the current password was set.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(_("password hash"), max_length=128)
    created_at = models.DateTimeField(_("set at"), db_index=True)

    class Meta:
        verbose_name = _("password history entry")
        verbose_name_plural = _("password history")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="passwordhistory_user_new")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"


class Invitation(models.Model):
    """The one-time link that lets an invited user set a password (portal/security/invitations).

    One per user: a resend gives it a new nonce (so a new link; the old one is dead). The link's
    token is derived from the nonce with SECRET_KEY and only its SHA-256 is stored, so neither
    the database nor the token alone opens it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The inviting organizer (its administrator invited agency and enterprise contacts too).
    organizer = models.ForeignKey(
        "provinces.Organizer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nonce = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox): only a hash of the key is stored, with an expiry.

    `second_factor`: issued after a current authenticator code; `password_mark`: the user's
    password fingerprint when issued (`User.get_session_auth_hash`, as for sessions), so a token
    never outlives a password change, whichever way the password was changed.
    """

    # knox ships no types, so each field is annotated (mypy cannot infer over an untyped base).
    id: models.BigAutoField = models.BigAutoField(primary_key=True)
    digest: models.CharField = models.CharField(
        max_length=KNOX_CONSTANTS.DIGEST_LENGTH, unique=True
    )
    name: models.CharField = models.CharField(_("name"), max_length=100, blank=True)
    second_factor: models.BooleanField = models.BooleanField(
        _("issued with a second factor"), default=False
    )
    password_mark: models.CharField = models.CharField(max_length=128, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.token_key[:8]}…"
