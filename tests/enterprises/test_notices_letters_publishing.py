"""The national list and the task letters tell the right people, once, and no other tenant."""

import pytest
from django.urls import reverse

from enterprises.choices import TaskState
from enterprises.models import TaskLetter
from enterprises.notices import letter_ready_notify
from enterprises.services import (
    letter_request_document,
    letter_sign,
    letters_sync,
    published_list_publish,
)
from portal.choices import DocumentKind
from portal.jobs import registry as jobs
from portal.models import Notice
from tests.enterprises.workflow_helpers import PDF, upload
from tests.factories import SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _kinds(user):
    return sorted(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def letter(campaign, hebei, agency):
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    return TaskLetter.objects.get(campaign=campaign, organizer=hebei, agency=agency)


def test_publishing_tells_the_organizers_and_agencies_on_the_list(
    campaign,
    hebei,
    agency,
    ministry_user,
    organizer_user,
    agency_user,
    other_organizer_user,
    other_agency_user,
    client,
    django_capture_on_commit_callbacks,
):
    """Hebei and its agency have tasks on the list: they hear of it; Shandong and the other
    agency (nothing published) do not. The link opens the public list of the year."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    TaskFactory.create_batch(
        2, campaign=campaign, organizer=hebei, agency=agency, state=TaskState.LETTER_SIGNED
    )
    with django_capture_on_commit_callbacks(execute=True):
        published_list_publish(campaign=campaign, actor=ministry_user)
    assert _kinds(organizer_user) == _kinds(agency_user) == ["list_published"]
    assert _kinds(other_organizer_user) == _kinds(other_agency_user) == []
    assert _kinds(ministry_user) == []
    url = Notice.objects.get(recipient=agency_user).url
    assert url == reverse("enterprises:public-list") + "?year=2021"
    assert client.get(url).status_code == 200


def test_the_agencys_signature_tells_the_organizer(
    letter, agency_user, organizer_user, other_organizer_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", PDF), actor=agency_user)
    notice = Notice.objects.get(recipient=organizer_user)
    assert notice.kind == "letter_signed"
    assert notice.url == reverse("enterprises:letter-detail", args=[letter.pk])
    assert _kinds(agency_user) == [] and _kinds(other_organizer_user) == []


def test_the_organizers_signature_tells_the_agency(
    letter, agency_user, organizer_user, other_agency_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", PDF), actor=organizer_user)
    assert _kinds(agency_user) == ["letter_signed"]
    assert _kinds(organizer_user) == [] and _kinds(other_agency_user) == []


def test_a_generated_letter_asks_its_agency_to_sign_once(
    letter,
    organizer_user,
    agency_user,
    other_agency_user,
    monkeypatch,
    client_for,
    django_capture_on_commit_callbacks,
):
    """The organizer generates the PDF, then the Word file: the agency is asked once, and the
    link opens the letter for it."""

    def build(job, path, progress):
        path.write_bytes(PDF)
        return "任务书.pdf"

    for kind in (DocumentKind.TASK_LETTER_PDF, DocumentKind.TASK_LETTER_DOCX):
        monkeypatch.setitem(jobs.REGISTRY, kind, jobs.Builder(build=build))
    for fmt in ("pdf", "docx"):
        with django_capture_on_commit_callbacks(execute=True):
            letter_request_document(letter=letter, fmt=fmt, actor=organizer_user)
    assert _kinds(agency_user) == ["letter_ready"]
    assert _kinds(other_agency_user) == []
    url = Notice.objects.get(recipient=agency_user).url
    assert client_for(agency_user).get(url).status_code == 200


def test_a_letter_sent_back_to_unsigned_asks_again(letter, campaign, hebei, agency, agency_user):
    """New enterprises for the agency return its signed letter to unsigned: a new request."""
    letter_ready_notify(letter_id=letter.pk)
    TaskLetter.objects.filter(pk=letter.pk).update(state="signed")
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei, grown={agency.pk})
    letter_ready_notify(letter_id=letter.pk)
    assert _kinds(agency_user) == ["letter_ready", "letter_ready"]
