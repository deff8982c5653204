"""附件4's editor page (issue 14): the organizer sees the four acceptance dimensions and the
agencies involved below its text and figures."""

from pathlib import Path

import pytest

from enterprises.choices import TaskState
from tests.conftest import PASSWORD
from tests.factories import AgencyFactory, TaskFactory
from tests.reports.documents_data import accepted_report

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_editor_shows_the_four_dimensions_and_the_agencies(
    page, login, organizer_user, campaign, hebei
):
    agency = AgencyFactory(name="甲节能服务公司")
    accepted_report(campaign=campaign, organizer=hebei, agency=agency)
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, state=TaskState.PUBLISHED)
    login(organizer_user.username, PASSWORD)
    page.goto(f"/reports/summary/?year={campaign.year}")
    panel = page.locator("#summary-acceptance-panel")
    assert panel.is_visible()
    text = panel.inner_text()
    for title in ("诊断数量", "完成质量", "数据填报", "企业反馈", "参与服务机构"):
        assert title in text
    agencies = panel.locator("#acceptance-agencies tbody tr")
    assert agencies.count() == 1
    assert agencies.first.inner_text().split() == ["甲节能服务公司", "2", "1"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "summary-outcomes.png"), full_page=True)
    assert page.console_errors == []
