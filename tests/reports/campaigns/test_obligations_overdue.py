"""Who owes what and by when: an association never owes 附件2 (notice 二(二)), an optional form is
never overdue, and an extension moves one organizer's deadline in every place that counts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from agencies.services import recommendation_add
from portal.errors import DomainError
from portal.models import CampaignExtension
from provinces.models import PlanContent
from provinces.services import submission_move, submission_open
from reports.dashboard.selectors.matrix import dashboard_matrix
from reports.reminders.plan import reminders_due
from tests.factories import OrganizerFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db
AFTER_ALL = dt.date(2021, 12, 20)
LINKS = {"forms": "/f/", "tasks": "/t/"}


@pytest.fixture
def cisa(db):
    return OrganizerFactory(code="ASSOC-CISA", name="中国钢铁工业协会")


@pytest.fixture
def cisa_user(cisa):
    return UserFactory(
        username="cisa-staff", role="organizer", organizer=cisa, email="c@example.cn"
    )


def _cells(ministry_user, campaign, organizers, today):
    matrix = dashboard_matrix(ministry_user, campaign, organizers=organizers, today=today)
    return {row.code: {c.milestone: c.state for c in row.cells} for row in matrix.rows}


def test_dashboard_an_association_is_not_overdue_for_attachment_2(
    campaign, ministry_user, hebei, cisa
):
    cells = _cells(ministry_user, campaign, [hebei, cisa], AFTER_ALL)
    assert cells["130000"]["form2"] == "overdue"
    assert cells["ASSOC-CISA"]["form2"] == "not_asked"
    assert cells["ASSOC-CISA"]["form1"] == "not_asked"  # encouraged, not owed
    assert cells["ASSOC-CISA"]["form3"] == "overdue"  # its enterprises and agencies are owed


def test_an_association_submitting_its_optional_plan_shows_it(campaign, ministry_user, cisa):
    SubmissionFactory(organizer=cisa, campaign=campaign, form=1, submitted=True)
    cells = _cells(ministry_user, campaign, [cisa], AFTER_ALL)
    assert cells["ASSOC-CISA"]["form1"] == "on_time"


def test_an_extension_moves_one_organizers_overdue(campaign, ministry_user, hebei, shandong):
    CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=1,
        due=dt.date(2021, 6, 30),
        reason="洪灾",
        granted_by=ministry_user,
    )
    cells = _cells(ministry_user, campaign, [hebei, shandong], dt.date(2021, 6, 10))
    assert (cells["130000"]["form1"], cells["370000"]["form1"]) == ("not_started", "overdue")


def test_an_extension_makes_a_submission_on_time(campaign, ministry_user, organizer_user, hebei):
    """Submitted on 06-10: late against 05-31, on time against an extension to 06-30."""
    submission = SubmissionFactory(organizer=hebei, campaign=campaign, form=1)
    PlanContent.objects.create(submission=submission, key_industry=200, agencies_planned=3)
    CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=1,
        due=dt.date(2021, 6, 30),
        reason="洪灾",
        granted_by=ministry_user,
    )
    moment = dt.datetime(2021, 6, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        submission_move(submission_id=submission.pk, move="submit", actor=organizer_user)
    submission.refresh_from_db()
    assert submission.is_late is False


def test_reminders_skip_what_an_association_does_not_owe(campaign, organizer_user, cisa_user):
    """On 05-20 (7 working days before 05-31): Hebei hears of 附件1 and 附件2, CISA of nothing."""
    reminders = reminders_due(campaign, dt.date(2021, 5, 20), LINKS)
    got = sorted((r.recipient_id, r.milestone) for r in reminders)
    assert got == [(organizer_user.pk, "form1"), (organizer_user.pk, "form2")]


def test_reminders_follow_an_extension(campaign, ministry_user, organizer_user, hebei):
    CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=2,
        due=dt.date(2021, 6, 30),
        reason="x",
        granted_by=ministry_user,
    )
    on_20_may = {r.milestone for r in reminders_due(campaign, dt.date(2021, 5, 20), LINKS)}
    assert on_20_may == {"form1"}
    on_21_june = {r.milestone for r in reminders_due(campaign, dt.date(2021, 6, 21), LINKS)}
    assert "form2" in on_21_june


def test_an_association_cannot_open_attachment_2(campaign, cisa, cisa_user):
    with translation.override("en"), pytest.raises(DomainError, match="does not ask"):
        submission_open(organizer=cisa, campaign=campaign, form=2)


def test_my_forms_page_of_an_association(campaign, cisa_user, client_for):
    """附件2 reads "Not asked" with no deadline; 附件3 counts its days."""
    with translation.override("en"):
        page = client_for(cisa_user).get(reverse("provinces:submission-list"), {"year": 2021})
    rows = page.context["rows"]
    duties = [row["deadline"]["duty"] for row in rows]
    assert duties == ["optional", "none", "required", "optional"]
    assert rows[1]["submission"] is None
    assert rows[0]["deadline"]["days_left"] is None


def test_home_page_of_an_association_lists_no_attachment_2(campaign, cisa_user, client_for):
    page = client_for(cisa_user).get(reverse("home"))
    forms = [row["form"].value for row in page.context["form_rows"]]
    assert forms == [1, 3, 4]


def test_an_association_cannot_recommend_agencies(campaign, cisa, cisa_user, agency):
    """Only provincial departments recommend agencies (notice 二(二)): refused with the reason."""
    with translation.override("en"), pytest.raises(DomainError, match="does not ask"):
        recommendation_add(campaign=campaign, organizer=cisa, agency=agency, actor=cisa_user)
