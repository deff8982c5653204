"""Locked means locked for task letters too (issue 11, item 3).

Signing is one service for the page and the API: the organizer's or the agency's staff only,
while the campaign is open and 附件3 is a draft or returned. After 附件3 is submitted or
approved (and its tasks published) a signed scan cannot be replaced; the ministry reopens 附件3
first. Every replacement is audited with the old file's name, and the old file stays stored.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from enterprises.services import letter_sign, letters_sync
from portal.models import AuditLog
from provinces.choices import Form, SubmissionState
from provinces.services import submission_reopen
from tests.enterprises.workflow_helpers import PDF, PNG, upload
from tests.factories import SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db

LOCKED = (
    "The intent list (Attachment 3) is %(state)s, so its task letters are locked: the signed "
    "scan cannot be replaced. The ministry can reopen the intent list."
)


@pytest.fixture
def signed(campaign, hebei, agency, agency_user):
    """A letter signed by the agency, with its two tasks."""
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    letter = TaskLetter.objects.get(agency=agency)
    return letter_sign(letter_id=letter.pk, scan=upload("first.pdf", PDF), actor=agency_user)


@pytest.fixture
def published(signed, campaign, hebei):
    """附件3 approved and the letter's tasks published (the national list is out)."""
    submission = SubmissionFactory(
        campaign=campaign, organizer=hebei, form=Form.INTENT, approved=True
    )
    DiagnosisTask.objects.filter(campaign=campaign).update(state=TaskState.PUBLISHED)
    return submission


def stored(letter) -> tuple:
    """The letter as the database has it."""
    return TaskLetter.objects.values_list("state", "signed_scan", "signed_at", "signed_by").get(
        pk=letter.pk
    )


def locked_reason() -> str:
    with translation.override("zh-hans"):
        return translation.gettext(LOCKED) % {"state": str(SubmissionState.APPROVED.label)}


def test_ministry_cannot_sign_through_the_api(signed, ministry_user, api_for):
    """POST /letters/{id}/sign/ as the ministry: 403, as on the page; the letter is unchanged."""
    before = stored(signed)
    response = api_for(ministry_user).post(
        f"/api/v1/letters/{signed.pk}/sign/", {"scan": upload("m.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 403
    assert stored(signed) == before
    page = reverse("enterprises:letter-sign", args=[signed.pk])
    from django.test import Client

    client = Client()
    client.force_login(ministry_user, backend="portal.security.backends.TenantModelBackend")
    assert client.post(page, {"scan": upload("m.pdf", PDF)}).status_code == 403
    assert stored(signed) == before


def test_ministry_cannot_sign_a_draft_letter_either(
    campaign, hebei, agency, ministry_user, api_for
):
    """A letter nobody signed yet: the ministry's upload is 403 and its tasks stay matched."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    letter = TaskLetter.objects.get(agency=agency)
    response = api_for(ministry_user).post(
        f"/api/v1/letters/{letter.pk}/sign/", {"scan": upload("m.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 403
    assert stored(letter)[0] == LetterState.DRAFT
    assert set(DiagnosisTask.objects.values_list("state", flat=True)) == {TaskState.MATCHED}


def test_replacing_after_approval_is_refused_through_the_api(
    published, signed, agency_user, organizer_user, api_for
):
    """409 with the reason for the agency and the organizer; the stored scan is the same."""
    before = stored(signed)
    for user in (agency_user, organizer_user):
        response = api_for(user).post(
            f"/api/v1/letters/{signed.pk}/sign/",
            {"scan": upload("new.png", PNG)},
            format="multipart",
        )
        assert (response.status_code, response.json()["detail"]) == (409, locked_reason())
    assert stored(signed) == before
    assert not AuditLog.objects.filter(action="letter.replace_scan").exists()


def test_replacing_after_approval_is_refused_on_the_page(
    published, signed, agency_user, client_for
):
    """The page hides the upload, shows why, and refuses a forged POST with the reason."""
    client = client_for(agency_user)
    detail = client.get(reverse("enterprises:letter-detail", args=[signed.pk])).content.decode()
    assert locked_reason() in detail and 'id="sign-form"' not in detail
    before = stored(signed)
    response = client.post(
        reverse("enterprises:letter-sign", args=[signed.pk]), {"scan": upload("new.pdf", PDF)}
    )
    assert response.status_code == 400 and locked_reason() in response.content.decode()
    assert stored(signed) == before


def test_submitted_intent_list_locks_the_letter_too(signed, campaign, hebei, agency_user, api_for):
    """Submitted (under review) is locked as well: 409."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=Form.INTENT, submitted=True)
    before = stored(signed)
    response = api_for(agency_user).post(
        f"/api/v1/letters/{signed.pk}/sign/",
        {"scan": upload("new.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 409
    assert stored(signed) == before


def test_after_the_ministry_reopens_the_scan_is_replaced_audited_and_the_old_file_kept(
    published, signed, agency_user, ministry_user, api_for
):
    """Reopen 附件3 (commented move), then replace: the audit row names the old file, which is
    still in storage; the new scan is served."""
    old_name = signed.signed_scan.name
    storage = signed.signed_scan.storage
    submission_reopen(submission_id=published.pk, actor=ministry_user, comment="任务书换签")
    response = api_for(agency_user).post(
        f"/api/v1/letters/{signed.pk}/sign/",
        {"scan": upload("new.png", PNG)},
        format="multipart",
    )
    assert response.status_code == 200
    new_name = stored(signed)[1]
    assert new_name != old_name and new_name.endswith(".png")
    assert storage.exists(old_name) and storage.exists(new_name)
    record = AuditLog.objects.get(action="letter.replace_scan")
    assert old_name in record.summary and new_name in record.summary
    assert record.actor == agency_user and record.object_id == str(signed.pk)


def test_replacing_before_submission_is_audited_and_keeps_the_old_file(
    signed, organizer_user, client_for
):
    """While 附件3 is a draft a new scan may replace the old one: audited, old file kept."""
    old_name = signed.signed_scan.name
    response = client_for(organizer_user).post(
        reverse("enterprises:letter-sign", args=[signed.pk]), {"scan": upload("v2.pdf", PDF)}
    )
    assert response.status_code == 302
    assert signed.signed_scan.storage.exists(old_name)
    assert old_name in AuditLog.objects.get(action="letter.replace_scan").summary


def test_another_organizers_letter_is_404_through_the_api(signed, other_organizer_user, api_for):
    """Scoping first: another tenant's letter is a 404, and it is unchanged."""
    before = stored(signed)
    response = api_for(other_organizer_user).post(
        f"/api/v1/letters/{signed.pk}/sign/", {"scan": upload("x.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 404
    assert stored(signed) == before


def test_the_service_itself_refuses_the_ministry(signed, ministry_user):
    """Any caller of letter_sign gets the same rule (PermissionDenied)."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        letter_sign(letter_id=signed.pk, scan=upload("m.pdf", PDF), actor=ministry_user)
