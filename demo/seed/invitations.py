"""Pending invitations of the live year: people Hebei's administrator invited who never signed
in, so the people page shows "never signed in", resend and the invitation link can be tried.

Invited through the same service as the people page (`invitations_create`): a colleague, two
enterprise contacts from the live 附件3 and one agency's contact from its 附件2 row. A second run
invites nobody (the service leaves out addresses that have an account).
"""

from agencies.models import Recommendation
from enterprises.models import DiagnosisTask
from portal.choices import Role
from portal.models import Campaign, Invitation, User
from portal.security.invitations import Invitee, invitations_create

COLLEAGUE = Invitee(
    email="hebei-colleague@example.cn",
    role=Role.ORGANIZER,
    full_name="河北省工信厅 孙科员",
    phone="0311-87654321",
    job_title="科员",
)


def _enterprise_contacts(campaign: Campaign, organizer) -> list[Invitee]:
    tasks = (
        DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer)
        .exclude(enterprise__users__isnull=False)
        .select_related("enterprise")
        .order_by("seq", "pk")[:2]
    )
    return [
        Invitee(
            email=t.contact_email or f"contact-{t.enterprise.credit_code.lower()}@example.cn",
            role=Role.ENTERPRISE,
            full_name=t.contact_name or t.enterprise.contact_name or "能源管理员",
            phone=t.contact_phone or t.enterprise.contact_phone,
            enterprise_id=t.enterprise_id,
            label=t.enterprise_name,
        )
        for t in tasks
    ]


def _agency_contacts(campaign: Campaign, organizer) -> list[Invitee]:
    rows = (
        Recommendation.objects.filter(campaign=campaign, organizer=organizer)
        .exclude(agency__users__isnull=False)
        .select_related("agency")
        .order_by("seq", "pk")[:1]
    )
    return [
        Invitee(
            email=r.email or f"agency-{r.agency.credit_code.lower()}@example.cn",
            role=Role.AGENCY,
            full_name=r.contact_name or "联系人",
            phone=r.phone,
            agency_id=r.agency_id,
            tenant_admin=True,
            label=r.agency.name,
        )
        for r in rows
    ]


def seed_pending_invitations(campaign: Campaign, organizers) -> list[User]:
    """Invitations sent by `hebei` that nobody has used yet; returns the invited accounts."""
    hebei = organizers["130000"]
    actor = User.objects.get(username="hebei")
    if Invitation.objects.filter(invited_by=actor).exists():
        return []
    colleague = Invitee(**{**COLLEAGUE.__dict__, "organizer_id": hebei.pk})
    invitees = [
        colleague,
        *_enterprise_contacts(campaign, hebei),
        *_agency_contacts(campaign, hebei),
    ]
    return invitations_create(actor=actor, invitees=invitees).invited
