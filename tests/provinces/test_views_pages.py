"""The organizer's forms, the work-plan page, a submission's page and the review queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from provinces.models import Organizer, PlanContent, Submission
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
PLAN = {
    "key_industry": 150,
    "sme": 40,
    "key_equipment": 10,
    "regional": 5,
    "follow_up": 5,
    "agencies_planned": 4,
    "completion_date": "2021-10-31",
    "contact_name": "李科长",
    "contact_phone": "0311-1",
    "year": 2021,
}


def test_my_forms_lists_the_four_forms_with_the_ministry_comment(
    campaign, hebei, organizer_user, client_for
):
    """Each form on its own row; a returned one shows the comment."""
    SubmissionFactory(
        campaign=campaign, organizer=hebei, form=2, returned=True, last_comment="请补充机构联系人"
    )
    response = client_for(organizer_user).get(reverse("provinces:submission-list"))
    assert response.status_code == 200
    assert Submission.objects.filter(organizer=hebei, campaign=campaign).count() == 4
    assert "请补充机构联系人" in response.content.decode()


def test_plan_page_saves_and_shows_planned_against_actual(campaign, organizer_user, client_for):
    """POST the form: saved, then the page shows the figures."""
    client = client_for(organizer_user)
    url = reverse("provinces:plan-edit")
    response = client.post(f"{url}?year=2021", PLAN)
    assert response.status_code == 302
    assert PlanContent.objects.get().total == 210
    assert 'id="plan-comparison"' in client.get(url).content.decode()


def test_plan_below_minimum_saves_the_draft_with_a_warning(campaign, organizer_user, client_for):
    """Below the minimum a draft saves; the page warns that the reason is needed to submit."""
    client = client_for(organizer_user)
    url = f"{reverse('provinces:plan-edit')}?year=2021"
    response = client.post(url, {**PLAN, "key_industry": 10}, follow=True)
    assert PlanContent.objects.get().total == 70
    page = response.content.decode()
    assert "give the reason before you submit it" in page or "报送前请填写理由" in page


def test_plan_date_is_rendered_as_an_iso_date_in_chinese(campaign, organizer_user, client_for):
    """<input type=date> takes only 2021-10-31; zh-hans would print 2021/10/31 (shown blank)."""
    client = client_for(organizer_user)
    url = f"{reverse('provinces:plan-edit')}?year=2021"
    client.post(url, PLAN)
    page = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert 'type="date" name="completion_date" value="2021-10-31"' in page
    # Saving the page again as rendered keeps the date.
    response = client.post(url, {**PLAN, "version": 1, "completion_date": "2021-10-31"})
    assert response.status_code == 302


def test_a_refused_save_leaves_the_sidebar_at_the_stored_values(
    campaign, organizer_user, client_for
):
    """The planned-and-actual table shows what is saved, not what a refused save typed."""
    client = client_for(organizer_user)
    url = f"{reverse('provinces:plan-edit')}?year=2021"
    client.post(url, PLAN)
    response = client.post(url, {**PLAN, "key_industry": 999, "contact_name": "", "version": 1})
    assert response.status_code == 200 and response.context["form"].errors
    planned = {row["key"]: row["planned"] for row in response.context["comparison"]}
    assert planned["key_industry"] == 150 and planned["total"] == 210


def test_stale_plan_save_is_a_409_showing_both_values(campaign, organizer_user, client_for):
    """The second official sees the refusal and what the first one saved."""
    client = client_for(organizer_user)
    url = reverse("provinces:plan-edit")
    client.post(url, {**PLAN, "version": ""})
    client.post(url, {**PLAN, "sme": 60, "version": 1})
    response = client.post(url, {**PLAN, "sme": 45, "version": 1})
    assert response.status_code == 409
    assert response.context["conflict"]["changed"][0]["theirs"] == 60
    assert PlanContent.objects.get().sme == 60


def test_agency_may_not_open_the_plan(campaign, agency_user, client_for):
    """Organizer pages are for organizers."""
    assert client_for(agency_user).get(reverse("provinces:plan-edit")).status_code == 403


def test_other_organizers_submission_is_404(campaign, shandong, organizer_user, client_for):
    """Another tenant's form is not found, not forbidden."""
    other = SubmissionFactory(campaign=campaign, organizer=shandong, form=1)
    url = reverse("provinces:submission-detail", args=[other.pk])
    assert client_for(organizer_user).get(url).status_code == 404


def test_submit_from_the_page_and_the_refusal_message(campaign, hebei, organizer_user, client_for):
    """An empty plan: the refusal is shown; with content the form is submitted."""
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=1)
    client = client_for(organizer_user)
    url = reverse("provinces:submission-move", args=[submission.pk, "submit"])
    response = client.post(url, follow=True)
    assert response.redirect_chain[0][1] == 303
    assert list(response.context["messages"])
    PlanContent.objects.create(submission=submission, key_industry=250)
    client.post(url)
    submission.refresh_from_db()
    assert submission.state == "submitted"


def test_ministry_returns_with_a_comment_and_the_trail_shows_it(
    campaign, hebei, ministry_user, client_for
):
    """A return without a comment is refused; with one it is recorded in the history."""
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=1, submitted=True)
    client = client_for(ministry_user)
    url = reverse("provinces:submission-move", args=[submission.pk, "return"])
    client.post(url, {"comment": " "})
    submission.refresh_from_db()
    assert submission.state == "submitted"
    client.post(url, {"comment": "计划数量偏少，请说明"})
    page = client.get(reverse("provinces:submission-detail", args=[submission.pk]))
    assert "计划数量偏少，请说明" in page.content.decode()
    assert page.context["history"][-1]["event"].action == "return"


def test_review_queue_lists_handed_in_forms_only(
    campaign, hebei, shandong, ministry_user, client_for
):
    """Asked for every state: submitted, returned and approved forms of every organizer;
    drafts are never in the queue."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=1, submitted=True)
    SubmissionFactory(campaign=campaign, organizer=shandong, form=2, returned=True)
    SubmissionFactory(campaign=campaign, organizer=shandong, form=1, approved=True)
    SubmissionFactory(campaign=campaign, organizer=shandong, form=3)
    response = client_for(ministry_user).get(reverse("provinces:review-queue") + "?state=any")
    forms = {
        (row["submission"].organizer.code, row["submission"].form)
        for row in response.context["rows"]
    }
    assert forms == {("130000", 1), ("370000", 2), ("370000", 1)}


def test_review_queue_query_count_does_not_grow(campaign, ministry_user, client_for):
    """The same number of queries for 3 and 30 submissions on the page."""
    organizers = list(Organizer.objects.filter(kind="province")[:30])
    for organizer in organizers[:3]:
        SubmissionFactory(campaign=campaign, organizer=organizer, form=1, submitted=True)
    client = client_for(ministry_user)
    url = reverse("provinces:review-queue") + "?per_page=100"
    query_count(client, url)  # warms what every page reads once per data version
    few = query_count(client, url)
    for organizer in organizers[3:]:
        SubmissionFactory(campaign=campaign, organizer=organizer, form=1, submitted=True)
    assert query_count(client, url) == few


def query_count(client, url) -> int:
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)
