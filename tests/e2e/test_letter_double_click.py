"""A double click on a task letter's Word or PDF button makes one document job (issue 15):
the buttons are disabled while the request is on its way, and the server hands back the same
person's identical job still waiting instead of a second one."""

import time

import pytest
from playwright.sync_api import expect

from enterprises.choices import TaskState
from portal.choices import DocumentKind
from portal.jobs import registry as jobs
from portal.models import DocumentJob
from tests.conftest import PASSWORD
from tests.enterprises.workflow_helpers import PDF
from tests.factories import TaskFactory, TaskLetterFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_letters(monkeypatch):
    """Letter builders that take a moment, as a real render does (the test runs jobs eagerly,
    inside the request, so the first request is still open when the second click comes)."""

    def build(job, path, progress):
        time.sleep(0.8)
        path.write_bytes(PDF)
        return "任务书.pdf"

    for kind in (DocumentKind.TASK_LETTER_PDF, DocumentKind.TASK_LETTER_DOCX):
        monkeypatch.setitem(jobs.REGISTRY, kind, jobs.Builder(build=build))


def test_a_double_click_on_the_letter_buttons_makes_one_job(
    campaign, hebei, agency, organizer_user, page, login, slow_letters, server_idle
):
    letter = TaskLetterFactory(campaign=campaign, organizer=hebei, agency=agency)
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, state=TaskState.MATCHED)
    login(organizer_user.username, PASSWORD)
    page.goto(f"/enterprises/letters/{letter.pk}/")
    for fmt in ("docx", "pdf"):
        button = page.locator(f"form[action$='/generate/{fmt}/'] button")
        # What the box shows now is the earlier job's: wait for the answer to this click.
        page.evaluate(
            "() => document.querySelectorAll('#letter-job *')"
            ".forEach(e => { e.dataset.stale = '1'; })"
        )
        button.dblclick()
        expect(page.locator("#letter-job a[href*='/download/']:not([data-stale])")).to_have_count(1)
        expect(button).to_be_enabled()
        server_idle()  # a second request of the double click, had one left, is answered too
    kinds = list(DocumentJob.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [DocumentKind.TASK_LETTER_DOCX, DocumentKind.TASK_LETTER_PDF]
