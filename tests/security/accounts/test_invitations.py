"""Invitations: who invites whom, one set of accounts per agency, the one-time link."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone, translation

from portal.choices import Role
from portal.errors import DomainError
from portal.models import AuditLog, Invitation, Notice, User
from portal.security import contacts, invitations
from portal.security.invitations import Invitee
from tests.factories import RecommendationFactory, UserFactory

from .conftest import link_in_mail

pytestmark = pytest.mark.django_db
PASSWORD = "Invited-pass-2021!"


@pytest.fixture(autouse=True)
def _english():
    """The reasons are matched in English (the page shows them in Chinese)."""
    with translation.override("en"):
        yield


def _invite(actor, capture, **fields) -> invitations.InviteOutcome:
    fields.setdefault("role", Role.ORGANIZER)
    if fields["role"] == Role.ORGANIZER:
        fields.setdefault("organizer_id", actor.organizer_id)
    with capture(execute=True):
        return invitations.invitations_create(actor=actor, invitees=[Invitee(**fields)])


def _token(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def test_organizer_admin_invites_a_colleague(organizer_admin, django_capture_on_commit_callbacks):
    """The colleague's account exists without a password; the e-mail carries the link."""
    outcome = _invite(
        organizer_admin, django_capture_on_commit_callbacks, email="Li@Example.cn", full_name="李"
    )
    user = outcome.invited[0]
    user.refresh_from_db()
    assert (user.username, user.organizer_id, user.has_usable_password()) == (
        "li@example.cn",
        organizer_admin.organizer_id,
        False,
    )
    assert mail.outbox[0].to == ["li@example.cn"]
    assert user.invitation.sent_at is not None
    assert AuditLog.objects.filter(action="account.invite", object_id=str(user.pk)).exists()


def test_token_is_stored_hashed(organizer_admin, django_capture_on_commit_callbacks):
    """The database holds no link: only the SHA-256 of the token."""
    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    token = _token(link_in_mail())
    invitation = Invitation.objects.get()
    assert token not in {invitation.nonce, invitation.token_hash}
    assert invitations.invitation_for_token(token) == invitation


def test_link_works_once(organizer_admin, django_capture_on_commit_callbacks):
    """Accepting sets the password; the same link then says it was used."""
    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    token = _token(link_in_mail())
    user = invitations.invitation_accept(token=token, password=PASSWORD, full_name="王五")
    assert user.check_password(PASSWORD) and user.full_name == "王五"
    with pytest.raises(DomainError, match="used"):
        invitations.invitation_accept(token=token, password=PASSWORD + "x")


def test_expired_link_is_refused(organizer_admin, django_capture_on_commit_callbacks):
    """After INVITATION_TTL_HOURS the link no longer sets a password."""
    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DomainError, match="expired"):
        invitations.invitation_accept(token=_token(link_in_mail()), password=PASSWORD)
    assert not User.objects.get(username="a@example.cn").has_usable_password()


def test_weak_password_is_refused_and_link_stays(
    organizer_admin, django_capture_on_commit_callbacks
):
    """The password policy applies; a refused password leaves the link usable."""
    from django.core.exceptions import ValidationError

    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    token = _token(link_in_mail())
    with pytest.raises(ValidationError):
        invitations.invitation_accept(token=token, password="12345678901")
    assert invitations.invitation_problem(invitations.invitation_for_token(token)) is None


def test_resend_kills_the_old_link(organizer_admin, django_capture_on_commit_callbacks):
    """A resend mails a new link; the old one is unknown from then on."""
    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    old = _token(link_in_mail())
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_resend(
            actor=organizer_admin, invitation_id=Invitation.objects.get().pk
        )
    new = _token(link_in_mail())
    assert len(mail.outbox) == 2 and new != old
    assert invitations.invitation_for_token(old) is None
    invitations.invitation_accept(token=new, password=PASSWORD)


def test_resend_of_another_tenants_invitation_is_404(
    organizer_admin, other_organizer_admin, django_capture_on_commit_callbacks
):
    _invite(other_organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    with pytest.raises(Http404):
        invitations.invitation_resend(
            actor=organizer_admin, invitation_id=Invitation.objects.get().pk
        )


def test_staff_without_admin_flag_cannot_invite(organizer_user, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        _invite(organizer_user, django_capture_on_commit_callbacks, email="a@example.cn")


def test_organizer_admin_cannot_invite_into_another_organizer(
    organizer_admin, shandong, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError):
        _invite(
            organizer_admin,
            django_capture_on_commit_callbacks,
            email="a@example.cn",
            organizer_id=shandong.pk,
        )
    assert not User.objects.filter(username="a@example.cn").exists()


def test_security_admin_invites_organizer_admin_and_ministry_staff(
    security_admin, hebei, django_capture_on_commit_callbacks
):
    outcome = _invite(
        security_admin,
        django_capture_on_commit_callbacks,
        email="boss@hebei.cn",
        organizer_id=hebei.pk,
        tenant_admin=True,
    )
    assert outcome.invited[0].tenant_admin
    outcome = _invite(
        security_admin, django_capture_on_commit_callbacks, email="staff@miit.cn", role="ministry"
    )
    assert outcome.invited[0].role == Role.MINISTRY


def test_taken_email_is_skipped_with_the_reason(
    organizer_admin, organizer_user, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=organizer_user.pk).update(email="Taken@example.cn")
    outcome = _invite(organizer_admin, django_capture_on_commit_callbacks, email="taken@example.cn")
    assert not outcome.invited and "exists already" in outcome.skipped[0]


def test_agency_contact_becomes_its_administrator(
    organizer_admin, agency, campaign, django_capture_on_commit_callbacks
):
    """From 附件2: name, phone and e-mail come from the row; the contact administers the agency."""
    row = RecommendationFactory(
        campaign=campaign,
        organizer=organizer_admin.organizer,
        agency=agency,
        contact_name="赵工",
        phone="13800000000",
        email="zhao@agency.cn",
    )
    invitees = contacts.contact_invitees(organizer_admin, source="agencies", ids=[row.pk])
    with django_capture_on_commit_callbacks(execute=True):
        outcome = invitations.invitations_create(actor=organizer_admin, invitees=invitees)
    user = outcome.invited[0]
    assert (user.role, user.agency_id, user.tenant_admin, user.full_name, user.phone) == (
        Role.AGENCY,
        agency.pk,
        True,
        "赵工",
        "13800000000",
    )
    assert Invitation.objects.get(user=user).organizer_id == organizer_admin.organizer_id


def test_agency_serving_two_provinces_gets_one_account_set(
    organizer_admin, other_organizer_admin, agency, campaign, django_capture_on_commit_callbacks
):
    """The second province's invitation of the same agency creates nothing and says why."""
    first = RecommendationFactory(
        campaign=campaign, organizer=organizer_admin.organizer, agency=agency, email="a@ag.cn"
    )
    second = RecommendationFactory(
        campaign=campaign, organizer=other_organizer_admin.organizer, agency=agency, email="b@ag.cn"
    )
    for actor, row in ((organizer_admin, first), (other_organizer_admin, second)):
        invitees = contacts.contact_invitees(actor, source="agencies", ids=[row.pk])
        with django_capture_on_commit_callbacks(execute=True):
            outcome = invitations.invitations_create(actor=actor, invitees=invitees)
    assert not outcome.invited
    assert "has its accounts already" in outcome.skipped[0]
    assert User.objects.filter(agency=agency).count() == 1


def test_rows_of_another_organizer_are_404(organizer_admin, other_organizer_admin, campaign):
    row = RecommendationFactory(campaign=campaign, organizer=other_organizer_admin.organizer)
    with pytest.raises(Http404):
        contacts.contact_invitees(organizer_admin, source="agencies", ids=[row.pk])


def test_agency_admin_invites_its_engineers_only(
    agency_admin, other_agency, django_capture_on_commit_callbacks
):
    outcome = _invite(
        agency_admin,
        django_capture_on_commit_callbacks,
        email="eng@agency.cn",
        role=Role.AGENCY,
        agency_id=agency_admin.agency_id,
    )
    assert outcome.invited[0].agency_id == agency_admin.agency_id
    with pytest.raises(DomainError):
        _invite(
            agency_admin,
            django_capture_on_commit_callbacks,
            email="x@agency.cn",
            role=Role.AGENCY,
            agency_id=other_agency.pk,
        )


def test_deactivated_account_link_is_refused(organizer_admin, django_capture_on_commit_callbacks):
    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    User.objects.filter(username="a@example.cn").update(is_active=False)
    with pytest.raises(DomainError, match="deactivated"):
        invitations.invitation_accept(token=_token(link_in_mail()), password=PASSWORD)


def test_mail_task_is_safe_to_run_twice(organizer_admin, django_capture_on_commit_callbacks):
    """Running the send task again for the same ids sends nothing more."""
    from portal.tasks import invitations_send

    _invite(organizer_admin, django_capture_on_commit_callbacks, email="a@example.cn")
    assert invitations_send([Invitation.objects.get().pk]) == 0
    assert len(mail.outbox) == 1


def test_enterprise_user_is_never_an_admin_in_the_database(db, enterprise):
    """The constraint refuses an enterprise administrator on every path."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        UserFactory(role=Role.ENTERPRISE, enterprise=enterprise, tenant_admin=True)


def test_the_new_account_finds_a_notice_and_gets_only_the_invitation_email(
    organizer_admin, django_capture_on_commit_callbacks
):
    """The "account invited" notice (SPEC §6) waits for the first sign-in, naming who invited;
    the invitation e-mail is its delivery, so no second e-mail goes out."""
    outcome = _invite(
        organizer_admin, django_capture_on_commit_callbacks, email="wang@example.cn", full_name="王"
    )
    notice = Notice.objects.get(recipient=outcome.invited[0])
    assert notice.kind == "account_invited"
    assert organizer_admin.display_name in notice.title
    assert notice.url == "/"
    assert [m.to for m in mail.outbox] == [["wang@example.cn"]]
    assert not Notice.objects.exclude(pk=notice.pk).filter(kind="account_invited").exists()
