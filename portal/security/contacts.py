"""The contact people an organizer's administrator may invite: its 附件2 and 附件3 rows.

An 附件2 row (agencies.Recommendation) names the agency's contact person, title, phone and
e-mail as the organizer declared them; an 附件3 row (enterprises.DiagnosisTask) points at the
enterprise whose record holds its contact (name, phone, e-mail). The models are looked up by
name: the kernel imports no app.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from portal.choices import Role
from portal.models import Campaign, User

from .account_admin import account_admin_check
from .invitations import Invitee

AGENCIES, ENTERPRISES = "agencies", "enterprises"
SOURCES = (AGENCIES, ENTERPRISES)


@dataclass(frozen=True)
class ContactRow:
    """One row of the invite page: whose contact, and whether an invitation can go out."""

    id: int
    seq: int
    name: str
    contact_name: str
    phone: str
    email: str
    has_account: bool


def _organizer_check(actor) -> None:
    account_admin_check(actor)
    if actor.role != Role.ORGANIZER:
        raise Http404


def _recommendations(actor, campaign_id: int | None) -> QuerySet:
    model = apps.get_model("agencies", "Recommendation")
    qs = model.objects.filter(organizer_id=actor.organizer_id).select_related("agency")
    has_account = User.objects.filter(agency_id=OuterRef("agency_id"))
    qs = qs.annotate(has_account=Exists(has_account))
    return qs.filter(campaign_id=campaign_id) if campaign_id else qs


def _tasks(actor, campaign_id: int | None) -> QuerySet:
    model = apps.get_model("enterprises", "DiagnosisTask")
    qs = model.objects.filter(organizer_id=actor.organizer_id).select_related("enterprise")
    has_account = User.objects.filter(enterprise_id=OuterRef("enterprise_id"))
    qs = qs.annotate(has_account=Exists(has_account))
    return qs.filter(campaign_id=campaign_id) if campaign_id else qs


def contact_rows_for(actor, *, source: str, campaign: Campaign) -> list[ContactRow]:
    """The organizer's 附件2 (agencies) or 附件3 (enterprises) rows of `campaign`, one query."""
    _organizer_check(actor)
    if source == AGENCIES:
        return [
            ContactRow(r.pk, r.seq, r.agency.name, r.contact_name, r.phone, r.email, r.has_account)
            for r in _recommendations(actor, campaign.pk).order_by("seq", "pk")
        ]
    return [
        ContactRow(
            t.pk,
            t.seq,
            t.enterprise_name,
            t.contact_name or t.enterprise.contact_name,
            t.contact_phone or t.enterprise.contact_phone,
            t.contact_email or t.enterprise.contact_email,
            t.has_account,
        )
        for t in _tasks(actor, campaign.pk).order_by("seq", "pk")
    ]


def contact_invitees(
    actor, *, source: str, ids: list[int], emails: dict[int, str] | None = None
) -> list[Invitee]:
    """Invitees from the chosen rows (name, phone and e-mail from the row); 404 for a row that
    is not the organizer's. An agency's contact becomes the agency's administrator.

    `emails` gives an address for rows that have none (it goes on the invitation only: the
    national enterprise record is not the organizer's to write)."""
    _organizer_check(actor)
    wanted = set(ids)
    typed = {k: v.strip() for k, v in (emails or {}).items()}
    if source == AGENCIES:
        rows = list(_recommendations(actor, None).filter(pk__in=wanted))
        invitees = [
            Invitee(
                email=r.email or typed.get(r.pk, ""),
                role=Role.AGENCY,
                full_name=r.contact_name,
                phone=r.phone,
                job_title=r.contact_title,
                agency_id=r.agency_id,
                tenant_admin=True,
                label=r.agency.name,
            )
            for r in rows
        ]
    else:
        rows = list(_tasks(actor, None).filter(pk__in=wanted))
        invitees = [
            Invitee(
                # The organizer's own row first (task_contact_update), then the national record.
                email=t.contact_email or t.enterprise.contact_email or typed.get(t.pk, ""),
                role=Role.ENTERPRISE,
                full_name=t.contact_name or t.enterprise.contact_name,
                phone=t.contact_phone or t.enterprise.contact_phone,
                enterprise_id=t.enterprise_id,
                label=t.enterprise_name,
            )
            for t in rows
        ]
    if len(rows) != len(wanted):
        raise Http404
    return invitees
