"""Task-letter pages: the list, generating, uploading the signed scan, downloading it."""

import pytest
from django.urls import reverse

from enterprises.choices import LetterState, TaskState
from enterprises.models import TaskLetter
from enterprises.services import letters_sync
from portal.models import AuditLog
from tests.enterprises.workflow_helpers import PDF, upload
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(campaign, hebei, agency):
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    return TaskLetter.objects.get(agency=agency)


def test_agency_and_organizer_see_the_letter_others_do_not(
    letter, organizer_user, agency_user, other_agency_user, other_organizer_user, client_for
):
    """Both parties see it (with its 2 enterprises); other tenants get 404."""
    url = reverse("enterprises:letter-detail", args=[letter.pk])
    for user in (organizer_user, agency_user):
        response = client_for(user).get(url)
        assert response.status_code == 200 and len(response.context["tasks"]) == 2
    for user in (other_agency_user, other_organizer_user):
        assert client_for(user).get(url).status_code == 404


def test_letter_list_counts_enterprises(letter, agency_user, client_for):
    """The agency's list shows its letter with the number of enterprises."""
    response = client_for(agency_user).get(reverse("enterprises:letter-list"))
    assert [(lt.pk, lt.task_count) for lt in response.context["letters"]] == [(letter.pk, 2)]


def test_upload_signed_scan_marks_the_letter_signed(letter, agency_user, client_for):
    """A PDF scan: stored, letter signed, tasks letter_signed."""
    response = client_for(agency_user).post(
        reverse("enterprises:letter-sign", args=[letter.pk]),
        {"scan": upload("签字盖章.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == LetterState.SIGNED
    assert set(letter.agency.tasks.values_list("state", flat=True)) == {TaskState.LETTER_SIGNED}


def test_upload_that_is_not_a_scan_is_refused_with_the_reason(letter, agency_user, client_for):
    """A Word file renamed .pdf: 400 and a message on the field."""
    response = client_for(agency_user).post(
        reverse("enterprises:letter-sign", args=[letter.pk]),
        {"scan": upload("scan.pdf", b"PK\x03\x04 not really")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["scan"]


def test_scan_download_is_audited(letter, agency_user, organizer_user, client_for):
    """The organizer downloads the agency's signed scan; the download is in the audit log."""
    client_for(agency_user).post(
        reverse("enterprises:letter-sign", args=[letter.pk]), {"scan": upload("scan.pdf", PDF)}
    )
    response = client_for(organizer_user).get(reverse("enterprises:letter-scan", args=[letter.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditLog.objects.filter(action="letter.download").exists()


def test_generate_without_renderer_explains(letter, organizer_user, client_for, monkeypatch):
    """No letter renderer installed: back to the letter with a message, no job."""
    monkeypatch.setattr("enterprises.services.letters.REGISTRY", {})
    response = client_for(organizer_user).post(
        reverse("enterprises:letter-generate", args=[letter.pk, "pdf"]), follow=True
    )
    assert response.status_code == 200 and list(response.context["messages"])
