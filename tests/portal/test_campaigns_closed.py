"""A closed campaign takes no write from any page or API route, and says why (issue 11, item 2).

One closed year (2020) holds something for every write path in a state where the write would
otherwise be allowed: draft forms, a recommendation, a matched task with its letter, a published
task with a draft report, a reported one, an accepted one and a follow-up task. Each route is
tried by the user who may normally do it; the answer carries the reason and every table of the
campaign reads back exactly as before.
"""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from agencies.models import Recommendation
from enterprises.choices import DiagnosisType
from enterprises.models import DiagnosisTask, Enterprise, PublishedList, TaskEvent, TaskLetter
from enterprises.services import letters_sync
from portal.campaigns import campaign_closed_reason, campaign_move
from portal.choices import Role
from portal.models import Campaign
from provinces.choices import Form, SubmissionState
from provinces.models import PlanContent, Submission, SubmissionEvent, SummaryContent
from reports.diagnosis.services import editing
from reports.models import (
    Acceptance,
    DiagnosisReport,
    EnergyUse,
    Feedback,
    FollowUp,
    Measure,
    MeasureEvent,
)
from tests.enterprises.workflow_helpers import PDF
from tests.factories import (
    CampaignFactory,
    DiagnosisReportFactory,
    MeasureFactory,
    RecommendationFactory,
    SubmissionFactory,
    TaskFactory,
    UserFactory,
    credit_code,
)
from tests.fixtures.sheets import intent_row, intent_xlsx

pytestmark = pytest.mark.django_db

WATCHED = (
    Campaign,
    Submission,
    SubmissionEvent,
    PlanContent,
    SummaryContent,
    Recommendation,
    DiagnosisTask,
    TaskEvent,
    TaskLetter,
    Enterprise,
    PublishedList,
    DiagnosisReport,
    EnergyUse,
    Measure,
    MeasureEvent,
    Feedback,
    Acceptance,
    FollowUp,
)


def snapshot() -> dict:
    """Every row of every table a write of the campaign could touch, as stored."""
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in WATCHED}


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def xlsx(table):
    return SimpleUploadedFile(
        "附件3.xlsx",
        intent_xlsx(table),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def world(hebei, organizer_user, agency, agency_user, ministry_user, enterprise):
    """Campaign 2020 with something for every write path, then closed by the ministry."""
    year = CampaignFactory(year=2020)
    for form in (Form.PLAN, Form.RECOMMENDATION, Form.INTENT):
        SubmissionFactory(campaign=year, organizer=hebei, form=form)
    summary = SubmissionFactory(campaign=year, organizer=hebei, form=Form.SUMMARY, submitted=True)
    PlanContent.objects.create(
        submission=Submission.objects.get(campaign=year, form=Form.PLAN), key_industry=5
    )
    recommendation = RecommendationFactory(campaign=year, organizer=hebei, agency=agency)
    matched = TaskFactory(campaign=year, organizer=hebei, agency=agency)
    letters_sync(campaign=year, organizer=hebei)
    published = TaskFactory(campaign=year, organizer=hebei, agency=agency, published=True)
    energy = editing.energy_use_add(
        task_id=published.pk,
        actor=agency_user,
        data={"carrier_code": "raw_coal", "quantity": Decimal(10), "unit": "t"},
    )
    draft = DiagnosisReport.objects.get(task=published)
    reported = TaskFactory(
        campaign=year, organizer=hebei, agency=agency, enterprise=enterprise, reported=True
    )
    DiagnosisReportFactory(task=reported, submitted=True)
    accepted = TaskFactory(campaign=year, organizer=hebei, agency=agency, accepted=True)
    DiagnosisReportFactory(task=accepted, submitted=True)
    earlier = TaskFactory(campaign=CampaignFactory(year=2019), accepted=True)
    measure = MeasureFactory(
        report=DiagnosisReportFactory(task=earlier, historical=True),
        category="technical",
        title="早期措施",
        savings_tce=Decimal(10),
    )
    follow_up = TaskFactory(
        campaign=year,
        organizer=hebei,
        agency=agency,
        enterprise=earlier.enterprise,
        published=True,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        previous_task=earlier,
    )
    campaign_move(campaign_id=year.pk, move="close", actor=ministry_user, comment="历史年度")
    return {
        "year": year,
        "summary": summary,
        "recommendation": recommendation,
        "matched": matched,
        "letter": TaskLetter.objects.get(campaign=year, agency=agency),
        "published": published,
        "draft": draft,
        "energy": energy,
        "reported": reported,
        "accepted": accepted,
        "measure": measure,
        "follow_up": follow_up,
        "organizer": organizer_user,
        "agency": agency_user,
        "ministry": ministry_user,
        "enterprise": UserFactory(username="ent", role=Role.ENTERPRISE, enterprise=enterprise),
        "plan_submission": Submission.objects.get(campaign=year, form=Form.PLAN),
    }


def task_fields(w, **changes) -> dict:
    return {
        "enterprise_name": "关闭年度测试有限公司",
        "credit_code": credit_code("130200"),
        "city": "唐山市",
        "industry": "C31",
        "energy_tce": "12000",
        "diagnosis_type": "key_industry",
        "agency": w["letter"].agency.name,
        "sme": "no",
        **changes,
    }


# (who, URL, POST data) for every page that writes into a campaign.
PAGE_WRITES = {
    "plan save": lambda w: (
        "organizer",
        f"{reverse('provinces:plan-edit')}?year=2020",
        {
            "key_industry": 150,
            "sme": 40,
            "key_equipment": 10,
            "regional": 5,
            "follow_up": 5,
            "agencies_planned": 4,
            "completion_date": "2020-10-31",
            "contact_name": "李科长",
            "contact_phone": "0311-1",
            "version": 0,
        },
    ),
    "form submit": lambda w: (
        "organizer",
        reverse("provinces:submission-move", args=[w["plan_submission"].pk, "submit"]),
        {},
    ),
    "ministry approves": lambda w: (
        "ministry",
        reverse("provinces:submission-move", args=[w["summary"].pk, "approve"]),
        {},
    ),
    "recommendation add": lambda w: (
        "organizer",
        reverse("agencies:recommendation-add", args=[w["matched"].agency_id]),
        {"year": 2020},
    ),
    "recommendation update": lambda w: (
        "organizer",
        reverse("agencies:recommendation-update", args=[w["recommendation"].pk]),
        {"planned_enterprises": 99, "remarks": "改"},
    ),
    "recommendation remove": lambda w: (
        "organizer",
        reverse("agencies:recommendation-remove", args=[w["recommendation"].pk]),
        {},
    ),
    "task add": lambda w: (
        "organizer",
        f"{reverse('enterprises:task-create')}?year=2020",
        {**task_fields(w), "year": 2020},
    ),
    "task edit": lambda w: (
        "organizer",
        reverse("enterprises:task-edit", args=[w["matched"].pk]),
        task_fields(w, credit_code=w["matched"].enterprise.credit_code),
    ),
    "task remove": lambda w: (
        "organizer",
        reverse("enterprises:task-remove", args=[w["matched"].pk]),
        {},
    ),
    "intent import": lambda w: (
        "organizer",
        reverse("enterprises:task-import"),
        {"year": 2020, "file": xlsx([intent_row(1)])},
    ),
    "letter sign": lambda w: (
        "agency",
        reverse("enterprises:letter-sign", args=[w["letter"].pk]),
        {"scan": pdf()},
    ),
    "publish": lambda w: ("ministry", reverse("enterprises:publish"), {"year": 2020}),
    "report file": lambda w: (
        "agency",
        reverse("reports:report-file", args=[w["published"].pk]),
        {"file": pdf("报告.pdf")},
    ),
    "report general": lambda w: (
        "agency",
        reverse("reports:report-general", args=[w["published"].pk]),
        {"diagnosis_year": 2019},
    ),
    "measure add": lambda w: (
        "agency",
        reverse("reports:row-add", args=[w["published"].pk, "measure"]),
        {
            "category": "technical",
            "title": "电机更换",
            "savings_tce": "5",
            "investment_wan": "1",
            "savings_wan": "1",
        },
    ),
    "row remove": lambda w: (
        "agency",
        reverse("reports:row-remove", args=[w["published"].pk, "energy", w["energy"].pk]),
        {},
    ),
    "row edit": lambda w: (
        "agency",
        reverse("reports:row-edit", args=[w["published"].pk, "energy", w["energy"].pk]),
        {"carrier_code": "raw_coal", "quantity": "7", "unit": "t"},
    ),
    "report submit": lambda w: (
        "agency",
        reverse("reports:report-submit", args=[w["published"].pk]),
        {},
    ),
    "feedback": lambda w: (
        "enterprise",
        reverse("reports:feedback", args=[w["reported"].pk]),
        {"confirmed": "on", "rating": 5, "comments": "好"},
    ),
    "acceptance": lambda w: (
        "organizer",
        reverse("reports:report-decide", args=[w["reported"].pk]),
        {
            "decision": "accept",
            "quantity_ok": "on",
            "quality_ok": "on",
            "data_ok": "on",
            "feedback_ok": "on",
        },
    ),
    "excellent case": lambda w: (
        "organizer",
        reverse("reports:report-excellent", args=[w["accepted"].pk]),
        {"note": "典型"},
    ),
    "follow-up record": lambda w: (
        "agency",
        reverse("reports:follow-up-record", args=[w["follow_up"].pk, w["measure"].pk]),
        {"realized_tce": "3"},
    ),
    "follow-up move": lambda w: (
        "agency",
        reverse("reports:follow-up-move", args=[w["follow_up"].pk, w["measure"].pk]),
        {"move": "implement"},
    ),
    "earlier measure": lambda w: (
        "agency",
        reverse("reports:earlier-measure-add", args=[w["follow_up"].pk]),
        {
            "category": "technical",
            "title": "补录措施",
            "savings_tce": "2",
            "investment_wan": "1",
            "savings_wan": "1",
        },
    ),
    "summary (附件4)": lambda w: (
        "organizer",
        f"{reverse('reports:summary-edit')}?year=2020",
        {"work_done": "总结", "version": 0},
    ),
}


def reason() -> str:
    with translation.override("zh-hans"):
        return campaign_closed_reason(Campaign(year=2020))


@pytest.mark.parametrize("case", list(PAGE_WRITES))
def test_page_write_into_a_closed_campaign_is_refused(case, world, client_for):
    """The page answers with the reason; nothing of the campaign changed."""
    if case == "summary (附件4)":
        Submission.objects.filter(pk=world["summary"].pk).update(state=SubmissionState.DRAFT)
    who, url, data = PAGE_WRITES[case](world)
    before = snapshot()
    # The intent-list page is htmx: its rows and its errors come back as a fragment.
    htmx = {"HTTP_HX_REQUEST": "true"} if case == "task add" else {}
    response = client_for(world[who]).post(url, data, follow=True, **htmx)
    assert reason() in response.content.decode(), (response.status_code, case)
    assert snapshot() == before


def api_writes(w) -> dict:
    report = w["draft"].pk
    reported = DiagnosisReport.objects.get(task=w["reported"]).pk
    accepted = DiagnosisReport.objects.get(task=w["accepted"]).pk
    year = w["year"].pk
    follow = {"task": w["follow_up"].pk, "measure": w["measure"].pk}
    return {
        "plan create": (
            "organizer",
            "post",
            "/api/v1/plans/",
            {"campaign": year, "key_industry": 3},
        ),
        "submission open": (
            "organizer",
            "post",
            "/api/v1/submissions/",
            {"campaign": year, "form": 4},
        ),
        "submission submit": (
            "organizer",
            "post",
            f"/api/v1/submissions/{w['plan_submission'].pk}/submit/",
            {},
        ),
        "ministry returns": (
            "ministry",
            "post",
            f"/api/v1/submissions/{w['summary'].pk}/return/",
            {"comment": "请修改"},
        ),
        "recommendation create": (
            "organizer",
            "post",
            "/api/v1/recommendations/",
            {"campaign": year, "agency": w["matched"].agency_id},
        ),
        "recommendation patch": (
            "organizer",
            "patch",
            f"/api/v1/recommendations/{w['recommendation'].pk}/",
            {"remarks": "改"},
        ),
        "recommendation delete": (
            "organizer",
            "delete",
            f"/api/v1/recommendations/{w['recommendation'].pk}/",
            None,
        ),
        "task create": (
            "organizer",
            "post",
            "/api/v1/tasks/",
            {
                "campaign": year,
                "enterprise_name": "关闭年度API有限公司",
                "credit_code": credit_code("130200"),
                "city": "唐山市",
                "industry": "C31",
                "energy_tce": "12000",
                "diagnosis_type": "key_industry",
                "agency": w["matched"].agency_id,
                "is_sme": False,
            },
        ),
        "task delete": ("organizer", "delete", f"/api/v1/tasks/{w['matched'].pk}/", None),
        "letter sign": (
            "organizer",
            "multipart",
            f"/api/v1/letters/{w['letter'].pk}/sign/",
            {"scan": pdf()},
        ),
        "publish": ("ministry", "post", "/api/v1/published-lists/publish/", {"campaign": year}),
        "report open": ("agency", "post", "/api/v1/reports/", {"task": w["published"].pk}),
        "report patch": ("agency", "patch", f"/api/v1/reports/{report}/", {"diagnosis_year": 2019}),
        "report file": (
            "agency",
            "multipart",
            f"/api/v1/reports/{report}/file/",
            {"file": pdf("报告.pdf")},
        ),
        "energy add": (
            "agency",
            "post",
            "/api/v1/energy-uses/",
            {"report": report, "carrier_code": "raw_coal", "quantity": "5", "unit": "t"},
        ),
        "energy delete": ("agency", "delete", f"/api/v1/energy-uses/{w['energy'].pk}/", None),
        "energy edit": (
            "agency",
            "patch",
            f"/api/v1/energy-uses/{w['energy'].pk}/",
            {"quantity": "7"},
        ),
        "measure add": (
            "agency",
            "post",
            "/api/v1/measures/",
            {
                "report": report,
                "category": "technical",
                "title": "电机更换",
                "savings_tce": "5",
                "investment_wan": "10",
                "savings_wan": "2",
            },
        ),
        "report submit": ("agency", "post", f"/api/v1/reports/{report}/submit/", {}),
        "feedback": (
            "enterprise",
            "post",
            f"/api/v1/reports/{reported}/feedback/",
            {"rating": 5, "confirmed": True},
        ),
        "accept": (
            "organizer",
            "post",
            f"/api/v1/reports/{reported}/accept/",
            {"quantity_ok": True, "quality_ok": True, "data_ok": True, "feedback_ok": True},
        ),
        "excellent": (
            "organizer",
            "post",
            f"/api/v1/reports/{accepted}/excellent/",
            {"excellent": True, "note": "典型"},
        ),
        "follow-up record": (
            "agency",
            "post",
            "/api/v1/follow-ups/",
            {**follow, "realized_tce": "3"},
        ),
        "follow-up move": (
            "agency",
            "post",
            "/api/v1/follow-ups/move/",
            {**follow, "move": "implement"},
        ),
    }


API_CASES = [
    "plan create",
    "submission open",
    "submission submit",
    "ministry returns",
    "recommendation create",
    "recommendation patch",
    "recommendation delete",
    "task create",
    "task delete",
    "letter sign",
    "publish",
    "report open",
    "report patch",
    "report file",
    "energy add",
    "energy delete",
    "energy edit",
    "measure add",
    "report submit",
    "feedback",
    "accept",
    "excellent",
    "follow-up record",
    "follow-up move",
]


@pytest.mark.parametrize("case", API_CASES)
def test_api_write_into_a_closed_campaign_is_refused(case, world, api_for):
    """409 with the reason in `detail`; nothing of the campaign changed."""
    who, method, url, body = api_writes(world)[case]
    api = api_for(world[who])
    before = snapshot()
    if method == "multipart":
        response = api.post(url, body, format="multipart")
    else:
        response = getattr(api, method)(url, body, format="json")
    assert (response.status_code, response.json().get("detail")) == (409, reason()), case
    assert snapshot() == before


def test_api_imports_into_a_closed_campaign_are_refused(world, api_for):
    """附件2 and 附件3 imports through the API: 409 and the reason, nothing stored."""
    api = api_for(world["organizer"])
    before = snapshot()
    for path in ("/api/v1/tasks/import/", "/api/v1/recommendations/import/"):
        response = api.post(
            path,
            {"campaign": world["year"].pk, "file": xlsx([intent_row(1)])},
            format="multipart",
        )
        assert (response.status_code, response.json().get("detail")) == (409, reason()), path
    assert snapshot() == before


def test_reading_and_documents_of_a_closed_campaign_stay_allowed(world, client_for, api_for):
    """Pages and lists of 2020 still answer; a document of the year can still be asked for."""
    client = client_for(world["organizer"])
    assert client.get(f"{reverse('enterprises:task-list')}?year=2020").status_code == 200
    assert (
        client.get(reverse("reports:report-detail", args=[world["accepted"].pk])).status_code == 200
    )
    response = api_for(world["organizer"]).post(
        "/api/v1/documents/", {"kind": "form3", "year": 2020}, format="json"
    )
    assert response.status_code == 202


def test_an_open_year_is_not_affected(world, api_for):
    """The same write into 2021 (open) goes through."""
    year_2021 = CampaignFactory(year=2021)
    response = api_for(world["organizer"]).post(
        "/api/v1/plans/", {"campaign": year_2021.pk, "key_industry": 300}, format="json"
    )
    assert response.status_code == 201


def test_the_import_file_is_not_even_read_when_the_year_is_closed(world):
    """The service refuses before parsing: a closed year costs no work and stores nothing."""
    from enterprises.services import intent_list_import
    from portal.campaigns import CampaignClosed

    with pytest.raises(CampaignClosed):
        intent_list_import(
            campaign=Campaign.objects.get(year=2020),
            organizer=world["matched"].organizer,
            file=io.BytesIO(b"not a spreadsheet"),
            actor=world["organizer"],
        )
