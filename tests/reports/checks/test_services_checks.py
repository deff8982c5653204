"""Data checks at submit: a warning needs a reason, an error blocks; the intent list's guard; the
ministry's per-campaign rule; the reasons in the API."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from enterprises.choices import DiagnosisType, TaskState
from portal.choices import Role
from portal.errors import DomainError
from provinces.services import submission_submit
from reports.checks.evaluate import DEFAULTS
from reports.checks.services import list_check_reasons_save, report_check_reasons_save
from reports.diagnosis.services import editing, moves
from reports.models import CheckReason, CheckRule, Measure
from tests.factories import OrganizerFactory, SubmissionFactory, TaskFactory, UserFactory
from tests.reports.reporting import fill_report, published_task

API = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def task(agency_user, enterprise, campaign):
    """A report of 1,943 tce listed in 附件3 with 12,000 tce: 84 % off, a warning."""
    task = published_task(
        agency_user.agency, enterprise=enterprise, campaign=campaign, energy_tce=Decimal("12000")
    )
    fill_report(task, agency_user, listed_tce=None)
    return task


KEY = "energy_vs_list:report"


def test_a_warning_without_a_reason_stops_the_submission(task, agency_user):
    with pytest.raises(DomainError) as exc:
        moves.report_submit(task_id=task.pk, actor=agency_user)
    assert "0 error(s) to correct and 1 warning(s) without a reason" in str(exc.value.message)
    (item,) = exc.value.items
    assert item["key"] == KEY and item["severity"] == "warning" and item["field"] == "energy_tce"
    assert "84%" in item["message"] and item["blocks"] is True
    task.refresh_from_db()
    assert task.state == TaskState.PUBLISHED


def test_with_a_reason_it_is_submitted_and_the_reason_stays(task, agency_user):
    moves.report_submit(
        task_id=task.pk, actor=agency_user, reasons={KEY: "附件3填报的是集团口径能耗"}
    )
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED
    reason = CheckReason.objects.get(task=task)
    assert (reason.code, reason.target, reason.given_by) == (
        "energy_vs_list",
        "report",
        agency_user,
    )


def test_an_error_blocks_even_with_a_reason(task, agency_user, campaign):
    """Savings of 3,000 tce a year from a site that consumes 1,943."""
    Measure.objects.filter(report__task=task).update(
        savings_tce=Decimal("1500"), co2_t=Decimal("1500") * campaign.co2_per_tce
    )
    reasons = {KEY: "口径不同", "savings_exceed:report": "确实如此"}
    with pytest.raises(DomainError) as exc:
        moves.report_submit(task_id=task.pk, actor=agency_user, reasons=reasons)
    assert [i["code"] for i in exc.value.items] == ["savings_exceed"]
    assert "1 error(s)" in str(exc.value.message)


def test_a_reason_for_nothing_flagged_is_refused(task, agency_user):
    with pytest.raises(DomainError, match="No data check flags payback_technical:measure:1"):
        report_check_reasons_save(
            task_id=task.pk, actor=agency_user, reasons={"payback_technical:measure:1": "x"}
        )


def test_only_the_tasks_agency_gives_reasons(task, agency_user, organizer_user, other_agency_user):
    with pytest.raises(PermissionDenied):
        report_check_reasons_save(task_id=task.pk, actor=organizer_user, reasons={KEY: "x"})
    with pytest.raises(Http404):
        report_check_reasons_save(task_id=task.pk, actor=other_agency_user, reasons={KEY: "x"})
    assert not CheckReason.objects.exists()


def test_an_empty_reason_removes_it(task, agency_user):
    report_check_reasons_save(task_id=task.pk, actor=agency_user, reasons={KEY: "口径不同"})
    assert CheckReason.objects.count() == 1
    report_check_reasons_save(task_id=task.pk, actor=agency_user, reasons={KEY: "  "})
    assert not CheckReason.objects.exists()


def test_the_ministry_turns_a_check_off_for_a_campaign(task, agency_user, campaign):
    CheckRule.objects.create(campaign=campaign, code="energy_vs_list", severity="off")
    moves.report_submit(task_id=task.pk, actor=agency_user)
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED


def test_the_ministry_makes_a_check_an_error(agency_user, enterprise, campaign):
    """Payback of 2 years: an error with a 3-year lower bound for technical measures."""
    CheckRule.objects.create(
        campaign=campaign, code="payback_technical", severity="error", low=Decimal("3")
    )
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    fill_report(task, agency_user, measures=1)
    with pytest.raises(DomainError) as exc:
        moves.report_submit(task_id=task.pk, actor=agency_user)
    (item,) = exc.value.items
    assert item["code"] == "payback_technical" and item["where"] == "Measure “措施1”"
    assert "3–15 years" in item["message"]


def test_the_api_lists_the_findings_and_takes_reasons(api_for, task, agency_user):
    api = api_for(agency_user)
    report_id = task.report.pk
    refused = api.post(f"{API}/reports/{report_id}/submit/", {}, format="json")
    assert refused.status_code == 400
    assert [i["key"] for i in refused.json()["items"]] == [KEY]
    findings = api.get(f"{API}/reports/{report_id}/checks/").json()
    assert [(f["key"], f["blocks"]) for f in findings] == [(KEY, True)]
    saved = api.post(
        f"{API}/reports/{report_id}/checks/", {"reasons": {KEY: "集团口径"}}, format="json"
    ).json()
    assert [(f["reason"], f["blocks"]) for f in saved] == [("集团口径", False)]
    done = api.post(f"{API}/reports/{report_id}/submit/", {}, format="json")
    assert done.status_code == 200, done.json()


def test_submit_through_the_api_with_reasons(api_for, task, agency_user):
    api = api_for(agency_user)
    answer = api.post(
        f"{API}/reports/{task.report.pk}/submit/", {"reasons": {KEY: "集团口径"}}, format="json"
    )
    assert answer.status_code == 200, answer.json()


def test_other_tenants_get_404_in_the_api(api_for, task, other_agency_user, other_organizer_user):
    for user in (other_agency_user, other_organizer_user):
        api = api_for(user)
        assert api.get(f"{API}/reports/{task.report.pk}/checks/").status_code == 404
        answer = api.post(
            f"{API}/reports/{task.report.pk}/checks/", {"reasons": {KEY: "x"}}, format="json"
        )
        assert answer.status_code == 404
    assert not CheckReason.objects.exists()


def test_the_organizer_reads_the_reason_once_submitted(api_for, task, agency_user, organizer_user):
    moves.report_submit(task_id=task.pk, actor=agency_user, reasons={KEY: "集团口径"})
    (finding,) = api_for(organizer_user).get(f"{API}/reports/{task.report.pk}/checks/").json()
    assert finding["reason"] == "集团口径" and finding["reason_by"] == str(agency_user)


def test_reasons_cannot_change_after_submit(task, agency_user):
    moves.report_submit(task_id=task.pk, actor=agency_user, reasons={KEY: "集团口径"})
    with pytest.raises(DomainError):
        report_check_reasons_save(task_id=task.pk, actor=agency_user, reasons={KEY: "改"})


# --- the intent list (附件3)


@pytest.fixture
def association_list(campaign, agency):
    """An association's 附件3 (no task letters) with a 中小企业 diagnosis of 8,000 tce."""
    association = OrganizerFactory()
    official = UserFactory(role=Role.ORGANIZER, organizer=association)
    row = TaskFactory(
        campaign=campaign,
        organizer=association,
        agency=agency,
        diagnosis_type=DiagnosisType.SME,
        is_sme=True,
        sme_class="small",
        energy_tce=Decimal("8000"),
        seq=1,
    )
    submission = SubmissionFactory(campaign=campaign, organizer=association, form=3)
    return submission, official, row


def test_the_intent_list_needs_a_reason_for_a_flagged_row(association_list, api_for):
    submission, official, row = association_list
    with pytest.raises(DomainError) as exc:
        submission_submit(submission_id=submission.pk, actor=official)
    (item,) = exc.value.items
    assert item["key"] == f"sme_energy:task:{row.pk}" and "8000 tce" in item["message"]
    list_check_reasons_save(
        submission_id=submission.pk, actor=official, reasons={item["key"]: "企业已分立，能耗下降"}
    )
    assert submission_submit(submission_id=submission.pk, actor=official).state == "submitted"
    (finding,) = api_for(official).get(f"{API}/submissions/{submission.pk}/checks/").json()
    assert finding["reason"] == "企业已分立，能耗下降"


def test_another_organizer_cannot_read_or_explain_the_list(
    association_list, api_for, other_organizer_user
):
    submission, _official, row = association_list
    api = api_for(other_organizer_user)
    assert api.get(f"{API}/submissions/{submission.pk}/checks/").status_code == 404
    key = f"sme_energy:task:{row.pk}"
    answer = api.post(
        f"{API}/submissions/{submission.pk}/checks/", {"reasons": {key: "x"}}, format="json"
    )
    assert answer.status_code == 404
    assert not CheckReason.objects.exists()


def test_editing_the_figure_clears_the_finding(task, agency_user):
    """Correcting the 附件3 figure is not the agency's; correcting the report's energy is."""
    editing.energy_use_add(
        task_id=task.pk,
        actor=agency_user,
        data={"carrier_code": "raw_coal", "quantity": Decimal("14000"), "unit": "t"},
    )
    moves.report_submit(task_id=task.pk, actor=agency_user)
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED


# --- the ministry's settings per campaign


def test_the_ministry_sets_a_check_on_its_page(client_for, ministry_user, campaign):
    client = client_for(ministry_user)
    url = f"/reports/campaigns/{campaign.pk}/checks/"
    page = client.get(url)
    assert page.status_code == 200
    data = {}
    for code, setting in DEFAULTS.items():
        data[f"{code}-severity"] = setting.severity
        data[f"{code}-low"] = setting.low if setting.low is not None else ""
        data[f"{code}-high"] = setting.high if setting.high is not None else ""
    data["payback_technical-severity"] = "error"
    data["payback_technical-high"] = "10"
    assert client.post(url, data).status_code == 302
    (rule,) = CheckRule.objects.filter(campaign=campaign)
    assert (rule.code, rule.severity, rule.low, rule.high) == (
        "payback_technical",
        "error",
        Decimal("0.3"),
        Decimal("10"),
    )
    # back to the defaults: the row goes
    data["payback_technical-severity"], data["payback_technical-high"] = "warning", "15"
    assert client.post(url, data).status_code == 302
    assert not CheckRule.objects.exists()
    data["sme_energy-low"], data["sme_energy-high"] = "9", "1"
    refused = client.post(url, data)
    assert refused.status_code == 400 and "下限不能高于上限" in refused.content.decode()


def test_only_the_ministry_opens_the_settings(client_for, organizer_user, agency_user, campaign):
    for user in (organizer_user, agency_user):
        client = client_for(user)
        assert client.get(f"/reports/campaigns/{campaign.pk}/checks/").status_code == 403
        answer = client.post(f"/reports/campaigns/{campaign.pk}/checks/", {})
        assert answer.status_code == 403


def test_the_intent_list_page_takes_the_organizers_reasons(association_list, client_for):
    submission, official, row = association_list
    client = client_for(official)
    url = f"/reports/lists/{submission.pk}/checks/"
    page = client.get(url).content.decode()
    key = f"sme_energy:task:{row.pk}"
    assert f'name="reason-{key}"' in page
    assert client.post(url, {f"reason-{key}": "企业已分立"}).status_code == 302
    assert CheckReason.objects.get(task=row).reason == "企业已分立"
    detail = client.get(f"/provinces/forms/{submission.pk}/").content.decode()
    assert url in detail  # the 附件3 panel links the checks


def test_the_report_page_shows_the_panel_and_takes_reasons(task, agency_user, client_for):
    client = client_for(agency_user)
    page = client.get(f"/reports/tasks/{task.pk}/").content.decode()
    assert 'id="checks"' in page and f'name="reason-{KEY}"' in page
    answer = client.post(f"/reports/tasks/{task.pk}/checks/", {f"reason-{KEY}": "集团口径"})
    assert answer.status_code == 302 and answer["Location"].endswith("#checks")
    assert CheckReason.objects.get(task=task).reason == "集团口径"
    answer = client.post(f"/reports/tasks/{task.pk}/submit/", {f"reason-{KEY}": "集团口径，已核"})
    assert answer.status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED
    assert CheckReason.objects.get(task=task).reason == "集团口径，已核"
