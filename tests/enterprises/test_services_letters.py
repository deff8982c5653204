"""Task letters: signing by uploading the scan, and 附件3 waiting for every signature."""

from types import SimpleNamespace

import pytest

from enterprises.choices import LetterState, TaskState
from enterprises.models import TaskEvent, TaskLetter
from enterprises.services import letter_request_document, letter_sign, letters_sync
from portal.errors import DomainError
from portal.uploads import UploadError
from provinces.services import submission_submit
from tests.enterprises.workflow_helpers import PDF, PNG, upload
from tests.factories import SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(campaign, hebei, agency):
    TaskFactory.create_batch(3, campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    return TaskLetter.objects.get(campaign=campaign, organizer=hebei, agency=agency)


def test_signing_stores_the_scan_under_a_generated_name(letter, agency_user):
    """The scan is kept (checked by content) under a name that is not the uploaded one."""
    signed = letter_sign(letter_id=letter.pk, scan=upload("我的扫描件.pdf", PDF), actor=agency_user)
    assert signed.state == LetterState.SIGNED and signed.signed_by == agency_user
    assert signed.signed_scan.name.endswith(".pdf") and "扫描件" not in signed.signed_scan.name
    assert signed.signed_scan.read() == PDF


def test_signing_moves_the_letters_tasks_with_an_event_each(letter, agency_user):
    """Each task of the letter: matched → letter signed, recorded as a sign_letter event."""
    letter_sign(letter_id=letter.pk, scan=upload("scan.png", PNG), actor=agency_user)
    tasks = letter.agency.tasks.all()
    assert set(tasks.values_list("state", flat=True)) == {TaskState.LETTER_SIGNED}
    assert TaskEvent.objects.filter(action="sign_letter", actor=agency_user).count() == 3


def test_a_scan_that_is_not_pdf_or_image_is_refused(letter, agency_user):
    """A renamed text file is refused and the letter stays unsigned."""
    with pytest.raises(UploadError):
        letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", b"not a pdf"), actor=agency_user)
    letter.refresh_from_db()
    assert letter.state == LetterState.DRAFT


def test_intent_list_cannot_be_submitted_while_a_letter_is_unsigned(
    letter, campaign, hebei, organizer_user, agency_user
):
    """The 附件3 guard names the agency whose letter is unsigned; signing lifts it."""
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    with pytest.raises(DomainError) as exc:
        submission_submit(submission_id=submission.pk, actor=organizer_user)
    assert letter.agency.name in str(exc.value.message)
    letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", PDF), actor=agency_user)
    assert submission_submit(submission_id=submission.pk, actor=organizer_user).state == "submitted"


def test_an_empty_intent_list_cannot_be_submitted(campaign, hebei, organizer_user):
    """附件3 needs at least one enterprise."""
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    with pytest.raises(DomainError):
        submission_submit(submission_id=submission.pk, actor=organizer_user)


def test_generating_without_a_renderer_says_so(letter, organizer_user, monkeypatch):
    """No builder registered for letters: a clear refusal instead of a broken job."""
    from portal.jobs import registry as jobs

    monkeypatch.setattr(jobs, "REGISTRY", {})
    monkeypatch.setattr("enterprises.services.letters.REGISTRY", {})
    with pytest.raises(DomainError):
        letter_request_document(letter=letter, fmt="pdf", actor=organizer_user)


def test_generating_asks_a_document_job_with_the_letter(
    letter, organizer_user, monkeypatch, django_capture_on_commit_callbacks
):
    """With a builder installed the request is a TASK_LETTER_PDF job naming the letter."""
    from portal.choices import DocumentKind
    from portal.jobs import registry as jobs

    def build(job, path, progress):
        path.write_bytes(PDF)
        return "任务书.pdf"

    queued = []
    monkeypatch.setitem(jobs.REGISTRY, DocumentKind.TASK_LETTER_PDF, jobs.Builder(build=build))
    # The worker is the outside world here: record what is sent, by name, after the commit.
    monkeypatch.setattr(
        "portal.jobs.dispatch.celery_app",
        SimpleNamespace(
            signature=lambda name, args: SimpleNamespace(
                apply_async=lambda: queued.append((name, *args))
            )
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = letter_request_document(letter=letter, fmt="pdf", actor=organizer_user)
    assert queued == [("portal.render_document", job.pk)]
    assert job.kind == DocumentKind.TASK_LETTER_PDF and job.params == {"letter_id": letter.pk}
    assert job.agency == letter.agency and job.organizer == letter.organizer
