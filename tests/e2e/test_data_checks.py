"""A data-check warning that needs a reason (issue 14): the agency sees the flagged figure on the
report page, a submit without a reason is refused with it, a written reason lets the report go,
and the organizer reads the reason on its acceptance page."""

from decimal import Decimal
from pathlib import Path

import pytest

from enterprises.choices import TaskState
from reports.models import CheckReason
from tests.conftest import PASSWORD
from tests.reports.reporting import fill_report, published_task

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def task(agency_user, enterprise, campaign):
    """Listed in 附件3 with 12,000 tce; the report's energy is 1,943 tce (84 % off)."""
    task = published_task(
        agency_user.agency, enterprise=enterprise, campaign=campaign, energy_tce=Decimal("12000")
    )
    fill_report(task, agency_user, listed_tce=None)
    return task


def test_a_warning_needs_a_reason_to_submit(page, login, agency_user, organizer_user, task):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    panel = page.locator("#checks")
    item = panel.locator("[data-severity=warning]")
    assert item.count() == 1
    assert "84%" in item.inner_text() and "12000" in item.inner_text()

    # The status panel's submit without a reason: refused, the reason asked for.
    page.locator("#status button[type=submit]").click()
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=ok]")
    assert "数据核验" in page.locator(".alert, .messages").first.inner_text()
    task.refresh_from_db()
    assert task.state == TaskState.PUBLISHED
    page.console_errors.clear()  # the refused POST's 400 is the answer expected

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#checks").screenshot(path=str(SHOTS / "data-checks-agency.png"))
    field = page.locator("#checks textarea")
    field.fill("附件3填报的是集团口径能耗，本次诊断范围为钢铁分厂")
    with page.expect_navigation():
        page.get_by_role("button", name="保存说明并报送").click()
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED
    assert CheckReason.objects.get(task=task).reason.startswith("附件3填报的是集团口径")
    assert not page.console_errors

    page.context.clear_cookies()
    login(organizer_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    text = page.locator("#checks").inner_text()
    assert "集团口径" in text and str(agency_user) in text
    assert page.locator("#checks textarea").count() == 0
    page.locator("#checks").screenshot(path=str(SHOTS / "data-checks-organizer.png"))
