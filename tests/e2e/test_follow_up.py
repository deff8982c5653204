"""跟踪服务 in the browser (issue 13): the organizer picks an enterprise it diagnosed in 2019,
the new 跟踪服务 row links itself to that diagnosis; the agency records a measure implemented;
the organizer verifies it (the agency is never offered that move); the enterprise reports its
own progress on another measure."""

from decimal import Decimal

import pytest

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from reports.models import FollowUp, Measure
from tests.e2e.test_report_cycle import open_as  # noqa: F401  (the signed-in page fixture)
from tests.enterprises.workflow_helpers import recommend
from tests.factories import (
    CampaignFactory,
    DiagnosisReportFactory,
    EnterpriseFactory,
    MeasureFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def console_errors():
    return []


@pytest.fixture
def diagnosed_2019(hebei, agency):
    """Hebei's accepted 2019 diagnosis of a steel works, with two measures."""
    earlier = TaskFactory(
        campaign=CampaignFactory(year=2019),
        organizer=hebei,
        agency=agency,
        enterprise=EnterpriseFactory(name="唐山回访钢铁有限公司"),
        accepted=True,
    )
    report = DiagnosisReportFactory(task=earlier, submitted=True)
    for title, tce in (("高炉煤气余压发电", 120), ("空压机群控改造", 35)):
        MeasureFactory(
            report=report,
            category="technical",
            title=title,
            savings_tce=Decimal(tce),
            investment_wan=Decimal(80),
        )
    return earlier


def test_follow_up_links_itself_and_the_organizer_verifies(
    open_as,  # noqa: F811
    console_errors,
    campaign,
    hebei,
    agency,
    organizer_user,
    agency_user,
    diagnosed_2019,
    tmp_path,
):
    recommend(campaign, hebei, agency)
    code = diagnosed_2019.enterprise.credit_code

    organizer = open_as(organizer_user)
    organizer.goto("/enterprises/tasks/?year=2021")
    panel = organizer.locator("#follow-up-pick")
    panel.locator("summary").click()
    options = organizer.locator("#earlier-enterprises option")
    assert options.count() == 1 and options.first.get_attribute("value") == code
    panel.locator("input[name=credit_code]").fill(code)
    organizer.screenshot(path=str(tmp_path / "picker.png"), full_page=True)
    with organizer.expect_navigation():
        panel.locator("button[type=submit]").click()
    row = organizer.locator("#task-rows tr", has_text="唐山回访钢铁有限公司")
    assert "跟踪服务" in row.inner_text() and "2019" in row.inner_text()
    organizer.screenshot(path=str(tmp_path / "intent-list.png"), full_page=True)

    task = DiagnosisTask.objects.get(campaign=campaign, enterprise=diagnosed_2019.enterprise)
    assert (task.diagnosis_type, task.previous_task_id) == (
        DiagnosisType.FOLLOW_UP,
        diagnosed_2019.pk,
    )
    # The ministry publishes the national list (not what this test is about).
    DiagnosisTask.objects.filter(pk=task.pk).update(state=TaskState.PUBLISHED)
    measure = Measure.objects.get(report__task=diagnosed_2019, title="高炉煤气余压发电")

    agency_page = open_as(agency_user)
    agency_page.goto(f"/reports/tasks/{task.pk}/follow-up/")
    measure_row = agency_page.locator(f"#measure-{measure.pk}")
    with agency_page.expect_navigation():
        measure_row.locator("form:has(input[value=implement]) button").click()
    measure_row = agency_page.locator(f"#measure-{measure.pk}")
    assert measure_row.locator("input[name=move][value=verify]").count() == 0

    organizer.goto(f"/reports/tasks/{task.pk}/follow-up/")
    measure_row = organizer.locator(f"#measure-{measure.pk}")
    assert measure_row.locator("form[id^=record-]").count() == 0
    organizer.screenshot(path=str(tmp_path / "to-verify.png"), full_page=True)
    with organizer.expect_navigation():
        measure_row.locator("form:has(input[value=verify]) button").click()
    assert organizer.locator(f"[data-verified='{measure.pk}']").count() == 1
    organizer.screenshot(path=str(tmp_path / "follow-up.png"), full_page=True)

    record = FollowUp.objects.get(task=task, measure=measure)
    assert (record.state, record.verified_by) == ("verified", organizer_user)
    measure.refresh_from_db()
    assert measure.state == "proposed"  # the earlier report is never written

    # The enterprise reports its own progress on the other measure.
    contact = UserFactory(
        username="huifang", role="enterprise", enterprise=diagnosed_2019.enterprise
    )
    other = Measure.objects.get(report__task=diagnosed_2019, title="空压机群控改造")
    enterprise_page = open_as(contact)
    enterprise_page.goto(f"/reports/tasks/{task.pk}/follow-up/")
    form = enterprise_page.locator(f"#progress-{other.pk}")
    form.locator("select[name=progress]").select_option("in_progress")
    form.locator("input[name=note]").fill("设备已订货")
    with enterprise_page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "设备已订货" in enterprise_page.locator(f"[data-progress='{other.pk}']").inner_text()
    enterprise_page.screenshot(path=str(tmp_path / "enterprise.png"), full_page=True)
    assert FollowUp.objects.get(task=task, measure=other).progress == "in_progress"
    assert console_errors == []
