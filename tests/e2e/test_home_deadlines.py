"""The home pages in the browser (issue 15): an organizer sees a form handed in late as
"已完成 于 … （截止 …） 逾期" and only what is still open past its date in red; the ministry's review
cards carry the organizers' deadline as information, never a red overdue of their own."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.calendar import effective_due
from portal.models import CampaignExtension
from tests.conftest import PASSWORD
from tests.factories import CampaignFactory, SubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def this_year(ministry_user, hebei):
    """A campaign of this year: 附件1 was due 10 days ago, 附件2 too but Hebei has an extension,
    附件3 is due in 20 days."""
    today = timezone.localdate()
    campaign = CampaignFactory(
        year=today.year,
        plan_due=today - dt.timedelta(days=10),
        recommendation_due=today - dt.timedelta(days=10),
        intent_due=today + dt.timedelta(days=20),
        summary_due=today + dt.timedelta(days=60),
    )
    CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=2,
        due=today + dt.timedelta(days=30),
        reason="洪灾",
        granted_by=ministry_user,
    )
    return campaign


def test_each_role_sees_its_own_deadlines(this_year, hebei, organizer_user, ministry_user, login):
    today = timezone.localdate()
    handed_in = timezone.now() - dt.timedelta(days=5)
    SubmissionFactory(
        organizer=hebei,
        campaign=this_year,
        form=1,
        submitted=True,
        submitted_at=handed_in,
        is_late=True,
    )
    page = login(organizer_user.username, PASSWORD)
    plan = page.locator(".todo", has_text="附件1").first
    done = f"已完成 于 {timezone.localdate(handed_in):%Y-%m-%d}"
    expect(plan.locator(".deadline--done")).to_contain_text(done)
    plan_due = f"（截止 {this_year.plan_due:%Y-%m-%d}）"
    expect(plan.locator(".deadline--done")).to_contain_text(plan_due)
    expect(plan.locator(".deadline__late")).to_have_text("逾期")
    # 附件2: past the published date, but Hebei's extension is 30 days away: not red.
    recommendation = page.locator(".todo", has_text="附件2").first
    extended = effective_due(today + dt.timedelta(days=30)).effective  # a day off moves it
    expect(recommendation.locator(".deadline")).to_contain_text(
        f"剩余 {(extended - today).days} 天"
    )
    assert page.locator(".deadline--overdue").count() == 0
    page.screenshot(path=str(_shots() / "home-organizer.png"), full_page=True)

    page.context.clear_cookies()
    page = login(ministry_user.username, PASSWORD)
    expect(page.locator(".todo").first).to_contain_text(
        f"组织单位报送截止：{this_year.plan_due:%Y-%m-%d}"
    )
    assert page.locator(".deadline--overdue").count() == 0
    assert today.year == this_year.year
    page.screenshot(path=str(_shots() / "home-ministry.png"), full_page=True)


def _shots():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
