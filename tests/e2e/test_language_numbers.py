"""Language and numbers in the browser (issue 15): the report page's figures grouped by
thousands with units in the page's language, in Chinese and after switching to English; the
sign-in page counting down the attempts left before the lockout."""

import os
from decimal import Decimal

import pytest

from tests.conftest import PASSWORD
from tests.factories import DiagnosisReportFactory, TaskFactory
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_report_figures_and_units_in_both_languages(agency_user, enterprise, campaign, login, page):
    """12,000,000 with 千瓦时/年 in Chinese; after the switch, kWh/yr and Key industry."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    DiagnosisReportFactory(
        task=task,
        savings_kwh=Decimal("12000000"),
        savings_tce=Decimal("1474.80"),
        co2_t=Decimal("3864.00"),
        investment_wan=Decimal("2500.00"),
        savings_wan=Decimal("720.00"),
    )
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    totals = page.inner_text("#totals")
    assert "12,000,000 千瓦时/年" in totals and "1,474.80" in totals
    assert "吨标准煤/年" in totals and "kWh" not in totals and "t/yr" not in totals
    assert "重点行业" in page.inner_text("body")
    shot(page, "report-zh")

    with page.expect_navigation():
        page.click(".lang-switch button[value=en]")
    totals = page.inner_text("#totals")
    assert "12,000,000 kWh/yr" in totals and "1,474.80" in totals and "tce/yr" in totals
    body = page.inner_text("body")
    assert "Key industry" in body and "重点行业" not in body
    shot(page, "report-en")
    assert page.console_errors == []


def test_sign_in_page_counts_down_attempts(organizer_user, campaign, login, page):
    """Each wrong password lowers the number shown; the right one still signs in before zero."""
    TaskFactory(campaign=campaign, organizer=organizer_user.organizer)
    login(organizer_user.username, "wrong-password-1")
    assert "再输错 4 次密码，此账户将在本地址锁定 15 分钟。" in page.inner_text("main")
    login(organizer_user.username, "wrong-password-2")
    assert "再输错 3 次密码" in page.inner_text("main")
    shot(page, "login-attempts-zh")
    login(organizer_user.username, PASSWORD)
    assert "/accounts/login/" not in page.url
