"""The deadline dashboard in a browser: what ministry staff see matches the data, in every
state; an organizer sees only itself."""

import datetime as dt

import pytest
from django.utils import timezone

from enterprises.models import TaskEvent
from provinces.models import Submission
from tests.conftest import PASSWORD
from tests.factories import CampaignFactory, SubmissionFactory, TaskFactory, province

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(hebei, shandong):
    """A campaign with 附件1 overdue and the later forms still open, and each cell state."""
    today = timezone.localdate()
    days = dt.timedelta
    campaign = CampaignFactory(
        year=today.year + 10,
        plan_due=today - days(30),
        recommendation_due=today + days(30),
        intent_due=today + days(45),
        summary_due=today + days(90),
    )
    before, after = timezone.now() - days(40), timezone.now() - days(20)
    SubmissionFactory(
        organizer=hebei, campaign=campaign, form=1, submitted=True, submitted_at=before
    )
    SubmissionFactory(organizer=hebei, campaign=campaign, form=2)
    SubmissionFactory(organizer=hebei, campaign=campaign, form=3, returned=True)
    SubmissionFactory(
        organizer=shandong,
        campaign=campaign,
        form=1,
        submitted=True,
        submitted_at=after,
        is_late=True,
    )
    SubmissionFactory(
        organizer=shandong, campaign=campaign, form=2, approved=True, approved_at=timezone.now()
    )
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, published=True)
    accepted = TaskFactory(campaign=campaign, organizer=hebei, accepted=True)
    TaskEvent.objects.create(
        task=accepted, action="accept", from_state="reported", to_state="accepted"
    )
    return campaign


EXPECTED = {  # (organizer, milestone) → state, as the data above says
    ("130000", "form1"): "on_time",
    ("130000", "form2"): "draft",
    ("130000", "form3"): "returned",
    ("130000", "acceptance"): "draft",
    ("370000", "form1"): "late",
    ("370000", "form2"): "approved",
    ("370000", "form3"): "not_started",
    ("110000", "form1"): "overdue",
    ("110000", "acceptance"): "not_started",
}


def _cell(page, organizer: str, milestone: str):
    return page.locator(f'tr[data-organizer="{organizer}"] td[data-milestone="{milestone}"]')


def test_ministry_sees_every_state_as_the_data_says(ministry_user, programme, login, page):
    """Each cell's state and badge, the column counts, the acceptance share, the charts."""
    login(ministry_user.username, PASSWORD)
    page.goto(f"/reports/dashboard/?campaign={programme.year}")
    page.wait_for_selector("#chart-milestones canvas")
    for (organizer, milestone), state in EXPECTED.items():
        cell = _cell(page, organizer, milestone)
        assert cell.get_attribute("data-state") == state, (organizer, milestone)
        assert cell.locator(f".badge--{state}").count() == 1
    assert (
        _cell(page, "130000", "acceptance").locator("[data-share]").get_attribute("data-share")
        == "1/3"
    )
    overdue = page.locator('td[data-counts="form1"] a[data-state="overdue"]')
    assert overdue.get_attribute("data-count") == "35"  # 37 provincial organizers, 2 handed in
    assert page.locator("tr[data-organizer]").count() == 37
    assert "新疆生产建设兵团" in page.inner_text("[data-testid=matrix]")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_clicking_a_cell_opens_the_submission(ministry_user, programme, hebei, login, page):
    """Hebei's 附件1 cell links to that submission's page."""
    submission = Submission.objects.get(organizer=hebei, campaign=programme, form=1)
    login(ministry_user.username, PASSWORD)
    page.goto(f"/reports/dashboard/?campaign={programme.year}")
    with page.expect_navigation():
        _cell(page, "130000", "form1").locator("a").click()
    assert page.url.rstrip("/").endswith(f"/provinces/forms/{submission.pk}")


def test_filtering_by_a_count_keeps_those_organizers(ministry_user, programme, login, page):
    """A click on 附件1 “submitted late” leaves Shandong alone in the matrix."""
    login(ministry_user.username, PASSWORD)
    page.goto(f"/reports/dashboard/?campaign={programme.year}")
    with page.expect_navigation():
        page.locator('td[data-counts="form1"] a[data-state="late"]').click()
    assert [
        r.get_attribute("data-organizer") for r in page.locator("tr[data-organizer]").all()
    ] == ["370000"]


def test_organizer_dashboard_shows_only_its_own(organizer_user, programme, login, page):
    """Hebei's staff see Hebei's row and figures; nothing of Shandong or Beijing."""
    login(organizer_user.username, PASSWORD)
    page.goto(f"/reports/dashboard/?campaign={programme.year}")
    rows = page.locator("tr[data-organizer]")
    assert [r.get_attribute("data-organizer") for r in rows.all()] == ["130000"]
    body = page.inner_text("body")
    assert "山东省" not in body and province("110000").name not in body
    listed = page.locator('[data-testid=stage-figures] [data-stage="listed"]').inner_text()
    assert listed.strip() == "3"
    assert page.locator("[data-testid=agencies] tbody tr").count() == 3
