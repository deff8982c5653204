"""Pending invitations of the live year: people Hebei's administrator invited who never signed
in, so the people page shows "never signed in", resend and the invitation link can be tried.

Invited through the same service as the people page (`invitations_create`): Hebei's administrator
invites a colleague and two enterprise contacts from the live 附件3; the agency's administrator
(`agency`) invites an engineer. (Every agency of the demo has its accounts already, as the
agencies that wrote its reports must, so no agency's first administrator is waiting.) A second
run invites nobody (the service leaves out addresses that have an account).
"""

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


ENGINEER = Invitee(
    email="agency-engineer@example.cn",
    role=Role.AGENCY,
    full_name="节能诊断工程师 吴工",
    phone="0311-80000001",
    job_title="工程师",
)


def seed_pending_invitations(campaign: Campaign, organizers) -> list[User]:
    """Invitations sent by `hebei` and by the agency's administrator (`agency`) that nobody has
    used yet; returns the invited accounts."""
    hebei = organizers["130000"]
    actor = User.objects.get(username="hebei")
    agency_admin = User.objects.get(username="agency")
    if Invitation.objects.filter(invited_by__in=[actor, agency_admin]).exists():
        return []
    colleague = Invitee(**{**COLLEAGUE.__dict__, "organizer_id": hebei.pk})
    invitees = [colleague, *_enterprise_contacts(campaign, hebei)]
    invited = invitations_create(actor=actor, invitees=invitees).invited
    engineer = Invitee(**{**ENGINEER.__dict__, "agency_id": agency_admin.agency_id})
    return invited + invitations_create(actor=agency_admin, invitees=[engineer]).invited
