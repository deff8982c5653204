"""报送回执 and the print view (issue 15): after submitting, the form's page shows a receipt —
what, when (Asia/Shanghai), by whom, a number unique and stable per submission — printable on
its own page and present in the API; every form has a print view of its whole content."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from provinces.models import PlanContent, Submission, SummaryContent
from provinces.services import submission_get_or_create, submission_move
from tests.factories import RecommendationFactory, TaskFactory

pytestmark = pytest.mark.django_db
SUBMIT_AT = dt.datetime(2021, 6, 1, 2, 30, 5, tzinfo=dt.UTC)  # 10:30:05 in Beijing


@pytest.fixture
def recommendation_form(campaign, hebei):
    RecommendationFactory(campaign=campaign, organizer=hebei, track_record="2020年能源审计12家")
    return submission_get_or_create(organizer=hebei, campaign=campaign, form=2)


def _submit(client, submission: Submission):
    with time_machine.travel(SUBMIT_AT, tick=False):
        return client.post(reverse("provinces:submission-move", args=[submission.pk, "submit"]))


def test_after_submitting_the_page_shows_the_receipt(
    recommendation_form, organizer_user, client_for
):
    client = client_for(organizer_user)
    response = _submit(client, recommendation_form)
    page = client.get(response["Location"])
    receipt = page.context["receipt"]
    event = recommendation_form.events.get(action="submit")
    assert receipt.number == f"2021-130000-2-{event.pk:06d}"
    html = page.content.decode()
    receipt_html = html[html.index('id="receipt-panel"') :]
    assert receipt.number in receipt_html
    assert "2021-06-01 10:30:05" in receipt_html  # Asia/Shanghai, not UTC
    assert organizer_user.display_name in receipt_html
    assert "河北省工业和信息化厅" in receipt_html or "河北省" in receipt_html
    assert "附件2" in receipt_html
    # Stable: the same number on every reading, on the receipt page and in the API.
    assert client.get(response["Location"]).context["receipt"].number == receipt.number
    printed = client.get(reverse("provinces:submission-receipt", args=[recommendation_form.pk]))
    assert printed.status_code == 200 and receipt.number in printed.content.decode()


def test_each_submission_has_its_own_number_and_the_api_carries_it(
    recommendation_form, organizer_user, ministry_user, client_for, api_for
):
    organizer = client_for(organizer_user)
    _submit(organizer, recommendation_form)
    first = organizer.get(
        reverse("provinces:submission-detail", args=[recommendation_form.pk])
    ).context["receipt"]
    submission_move(
        submission_id=recommendation_form.pk, move="return", actor=ministry_user, comment="补充业绩"
    )
    returned = organizer.get(reverse("provinces:submission-detail", args=[recommendation_form.pk]))
    assert returned.context["receipt"] is None  # a returned form awaits a new submission
    _submit(organizer, recommendation_form)
    second = organizer.get(
        reverse("provinces:submission-detail", args=[recommendation_form.pk])
    ).context["receipt"]
    assert second.number != first.number and second.sequence == 2
    body = api_for(organizer_user).get(f"/api/v1/submissions/{recommendation_form.pk}/").json()
    assert body["receipt"]["number"] == second.number
    assert body["receipt"]["submitted_at"] == "2021-06-01T10:30:05+08:00"
    assert body["receipt"]["submitted_by"] == organizer_user.display_name
    assert body["state_label"] == "已报送"
    trail = organizer.get(
        reverse("provinces:submission-detail", args=[recommendation_form.pk])
    ).content.decode()
    assert first.number in trail and second.number in trail  # each submit row keeps its number


def test_a_draft_has_no_receipt(campaign, hebei, organizer_user, client_for, api_for):
    draft = submission_get_or_create(organizer=hebei, campaign=campaign, form=1)
    client = client_for(organizer_user)
    assert client.get(reverse("provinces:submission-receipt", args=[draft.pk])).status_code == 404
    assert api_for(organizer_user).get(f"/api/v1/submissions/{draft.pk}/").json()["receipt"] is None


def test_another_organizers_receipt_and_print_are_404(
    recommendation_form, organizer_user, other_organizer_user, client_for
):
    _submit(client_for(organizer_user), recommendation_form)
    other = client_for(other_organizer_user)
    for name in ("provinces:submission-receipt", "provinces:submission-print"):
        assert other.get(reverse(name, args=[recommendation_form.pk])).status_code == 404


def test_the_print_view_of_the_intent_list_holds_every_row(
    campaign, hebei, organizer_user, client_for
):
    """More rows than the submission page shows (20), numbered 1… as the file, the energy
    with the file's separators."""
    for _ in range(23):
        TaskFactory(campaign=campaign, organizer=hebei)
    submission = submission_get_or_create(organizer=hebei, campaign=campaign, form=3)
    page = client_for(organizer_user).get(
        reverse("provinces:submission-print", args=[submission.pk])
    )
    assert page.status_code == 200
    sheet = page.context["sheet"]
    assert len(sheet.rows) == 23
    assert [row[0].text for row in sheet.rows] == [str(n) for n in range(1, 24)]
    html = page.content.decode()
    assert "2021年度节能诊断服务意向企业名单" in html
    assert "12,000.0" in html
    assert 'class="print-toolbar"' in html and "data-print" in html
    assert "This form has not been submitted" not in html  # translated
    assert "尚未报送" in html


def test_the_print_view_of_the_plan_and_of_the_summary(
    campaign, hebei, organizer_user, ministry_user, client_for
):
    plan_form = submission_get_or_create(organizer=hebei, campaign=campaign, form=1)
    PlanContent.objects.create(
        submission=plan_form,
        key_industry=150,
        sme=50,
        agencies_planned=4,
        completion_date=dt.date(2021, 11, 15),
        contact_name="李科长",
        contact_phone="0311-1",
    )
    client = client_for(ministry_user)
    html = client.get(reverse("provinces:submission-print", args=[plan_form.pk])).content.decode()
    assert "2021年度节能诊断服务工作计划表" in html
    assert "2021-11-15" in html and "李科长" in html and ">200<" in html
    summary_form = submission_get_or_create(organizer=hebei, campaign=campaign, form=4)
    SummaryContent.objects.create(submission=summary_form, work_done="全省组织了节能诊断培训三场。")
    html = client.get(
        reverse("provinces:submission-print", args=[summary_form.pk])
    ).content.decode()
    assert "全省组织了节能诊断培训三场。" in html and "一、工作开展情况" in html
