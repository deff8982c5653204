"""The ministry sets up a year: copy the last campaign, edit each piece of its data (checked,
never stored when wrong), grant per-organizer deadline extensions. Every write is audited and
refused in a closed or archived year (reopen it first: portal/campaigns.py)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal import campaign_data
from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.choices import Role
from portal.errors import DomainError
from portal.models import Campaign, CampaignExtension, default_campaign_name
from provinces.choices import Form
from provinces.models import Organizer
from reports.campaigns.layouts import layouts_check

DEADLINES = ("plan_due", "recommendation_due", "intent_due", "summary_due")
# Copied as they are from the source year (deadlines are given, shifted by the caller).
COPIED = (
    "min_enterprises_per_province",
    "key_threshold_tce",
    "electricity_equivalent_factor",
    "co2_per_tce",
    "grid_emission_factor",
    "reminder_days",
    "form_layouts",
    "obligations",
    "summary_outline",
    "acceptance_criteria",
    "diagnosis_types",
    "require_two_factor",
)
SETTINGS = (
    "name",
    "notice_ref",
    *DEADLINES,
    "min_enterprises_per_province",
    "key_threshold_tce",
    "electricity_equivalent_factor",
    "co2_per_tce",
    "grid_emission_factor",
    "reminder_days",
)
# Each piece of JSON data and the check it passes before it is stored.
PIECES: dict[str, Callable[[Any], Any]] = {
    "obligations": campaign_data.check_obligations,
    "summary_outline": campaign_data.check_summary_outline,
    "acceptance_criteria": campaign_data.check_acceptance_criteria,
    "diagnosis_types": campaign_data.check_diagnosis_types,
}


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def copy_defaults(source: Campaign, year: int) -> dict[str, Any]:
    """What the copy form starts with: the source's deadlines moved to `year`, name and notice."""
    years = year - source.year
    return {
        "source": source.pk,
        "year": year,
        "name": default_campaign_name(year),
        "notice_ref": "",
        **{name: shift_year(getattr(source, name), years) for name in DEADLINES},
    }


def deadlines_check(values: dict[str, dt.date]) -> None:
    """The notice's order: plan and recommendation, then the intent list, then the summary."""
    plan, recommendation, intent, summary = (values[name] for name in DEADLINES)
    if max(plan, recommendation) > intent:
        raise DomainError(
            _(
                "The intent list (Attachment 3) cannot be due before the plan and the recommendations."
            ),
            field="intent_due",
        )
    if intent > summary:
        raise DomainError(
            _("The summary (Attachment 4) cannot be due before the intent list."),
            field="summary_due",
        )


def _reminder_days_check(days: Any) -> list[int]:
    if not isinstance(days, list) or not all(isinstance(d, int) and 0 < d <= 60 for d in days):
        raise DomainError(
            _("Reminder days are whole working days between 1 and 60, e.g. [7, 1]."),
            field="reminder_days",
        )
    return sorted(set(days), reverse=True)


@transaction.atomic
def campaign_create_by_copy(
    *, source_id: int, year: int, name: str, notice_ref: str = "", actor, request=None, **deadlines
) -> Campaign:
    """A new open year with the source's settings and data; the deadlines are the caller's."""
    _require_ministry(actor)
    source = Campaign.objects.get(pk=source_id)
    if Campaign.objects.filter(year=year).exists():
        raise DomainError(
            _("A campaign for %(year)s exists already.") % {"year": year}, field="year"
        )
    values = {name: deadlines[name] for name in DEADLINES}
    deadlines_check(values)
    if any(day.year < year for day in values.values()):
        raise DomainError(
            _("The deadlines of %(year)s fall in %(year)s or later.") % {"year": year},
            field="plan_due",
        )
    campaign = Campaign(
        year=year,
        name=name.strip() or default_campaign_name(year),
        notice_ref=notice_ref.strip(),
        **values,
        **{field: getattr(source, field) for field in COPIED},
    )
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as exc:  # the same year created by a second request meanwhile
        raise DomainError(_("A campaign for %(year)s exists already.") % {"year": year}) from exc
    audit_record(
        actor=actor,
        action="campaign.create",
        obj=campaign,
        request=request,
        summary=f"{year} copied from {source.year}",
    )
    return campaign


def _require_ministry(actor) -> None:
    if actor is None or actor.role != Role.MINISTRY:
        raise PermissionDenied(_("Only the ministry sets up campaigns."))


def _locked_open(campaign_id: int, actor) -> Campaign:
    _require_ministry(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    campaign_require_open(campaign)
    return campaign


def _save(campaign: Campaign, fields: list[str], *, actor, request, what: str) -> Campaign:
    campaign.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="campaign.edit",
        obj=campaign,
        request=request,
        summary=f"{campaign.year}: {what}"[:300],
    )
    return campaign


@transaction.atomic
def campaign_settings_update(*, campaign_id: int, data: dict, actor, request=None) -> Campaign:
    """Deadlines, thresholds, factors and reminder days (only the keys given change)."""
    campaign = _locked_open(campaign_id, actor)
    unknown = set(data) - set(SETTINGS)
    if unknown:
        raise DomainError(_("Unknown setting: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    if "reminder_days" in data:
        data = {**data, "reminder_days": _reminder_days_check(data["reminder_days"])}
    changed = [name for name in data if getattr(campaign, name) != data[name]]
    for name in changed:
        setattr(campaign, name, data[name])
    deadlines_check({name: getattr(campaign, name) for name in DEADLINES})
    if not changed:
        return campaign
    return _save(campaign, changed, actor=actor, request=request, what=", ".join(changed))


@transaction.atomic
def campaign_layouts_update(*, campaign_id: int, layouts: Any, actor, request=None) -> Campaign:
    """Store 附件1–3 layouts once they render (else CampaignDataError, nothing stored)."""
    campaign = _locked_open(campaign_id, actor)
    layouts_check(layouts, campaign.year)
    campaign.form_layouts = layouts
    return _save(campaign, ["form_layouts"], actor=actor, request=request, what="form_layouts")


@transaction.atomic
def campaign_data_update(
    *, campaign_id: int, piece: str, value: Any, actor, request=None
) -> Campaign:
    """Store one checked piece: obligations, 附件4 outline, acceptance criteria, types."""
    check = PIECES.get(piece)
    if check is None:
        raise DomainError(_("Unknown campaign data: %(piece)s.") % {"piece": piece}, field="piece")
    campaign = _locked_open(campaign_id, actor)
    setattr(campaign, piece, check(value))
    return _save(campaign, [piece], actor=actor, request=request, what=piece)


@transaction.atomic
def campaign_update(*, campaign_id: int, data: dict, actor, request=None) -> Campaign:
    """Several pieces at once (the API's PATCH): all stored, or none when one is refused."""
    settings = {k: v for k, v in data.items() if k in SETTINGS}
    if settings:
        campaign_settings_update(
            campaign_id=campaign_id, data=settings, actor=actor, request=request
        )
    if "form_layouts" in data:
        campaign_layouts_update(
            campaign_id=campaign_id, layouts=data["form_layouts"], actor=actor, request=request
        )
    for piece in PIECES:
        if piece in data:
            campaign_data_update(
                campaign_id=campaign_id,
                piece=piece,
                value=data[piece],
                actor=actor,
                request=request,
            )
    campaign = Campaign.objects.get(pk=campaign_id)
    if not data:
        campaign_require_open(campaign)
    return campaign


@transaction.atomic
def extension_grant(
    *,
    campaign_id: int,
    organizer_id: int,
    form: int,
    due: dt.date,
    reason: str,
    actor,
    request=None,
) -> CampaignExtension:
    """A later due date for one organizer's form, with the reason (replaces an earlier one)."""
    campaign = _locked_open(campaign_id, actor)
    organizer = Organizer.objects.get(pk=organizer_id)
    if int(form) not in Form.values:
        raise DomainError(_("Choose one of the forms 1–4."), field="form")
    if not reason.strip():
        raise DomainError(_("Give the reason for the extension."), field="reason")
    published = campaign.due_date(form)
    if due <= published:
        raise DomainError(
            _("The new date must be after the published deadline, %(date)s.")
            % {"date": published.isoformat()},
            field="due",
        )
    extension, _created = CampaignExtension.objects.update_or_create(
        campaign=campaign,
        organizer=organizer,
        form=int(form),
        defaults={"due": due, "reason": reason.strip(), "granted_by": actor},
    )
    audit_record(
        actor=actor,
        action="campaign.extend",
        obj=extension,
        organizer=organizer,
        request=request,
        summary=f"{campaign.year} 附件{form} {organizer.name}: {published} → {due}",
    )
    return extension


@transaction.atomic
def extension_revoke(*, extension_id: int, actor, request=None) -> None:
    """Back to the published deadline for that organizer's form."""
    extension = CampaignExtension.objects.select_related("organizer").get(pk=extension_id)
    _locked_open(extension.campaign_id, actor)
    audit_record(
        actor=actor,
        action="campaign.unextend",
        obj=extension,
        organizer=extension.organizer,
        request=request,
        summary=f"附件{extension.form} {extension.organizer.name}: {extension.due} withdrawn",
    )
    extension.delete()
