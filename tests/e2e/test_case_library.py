"""The case library (issue 17): an organizer searches the excellent cases, opens one, opens its
anonymised print view and, from the case, the enterprise's dossier; downloads the list; sees a closed
year's case frozen."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from portal.choices import CampaignState
from portal.models import Campaign
from tests.conftest import PASSWORD
from tests.reports.cases.world import build

pytestmark = pytest.mark.django_db(transaction=True)


def test_searching_and_opening_a_case(page, login, organizer_user, tmp_path):
    world = build()
    login(organizer_user.username, PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="典型案例库").first.click()
    page.wait_for_url("**/reports/cases/")
    page.locator("input[name=q]").fill("能源管理")
    page.locator("form.filter-bar button[type=submit]").click()
    page.wait_for_url("**/reports/cases/?q=*")
    rows = page.locator("#case-list tbody tr")
    assert rows.count() == 1
    page.screenshot(path=str(tmp_path / "case-list.png"), full_page=True)
    rows.first.get_by_role("link", name="甲钢铁有限公司节能诊断").click()
    page.wait_for_url(f"**/reports/cases/{world.jia.pk}/")
    assert "空压机系统泄漏严重" in page.locator("#case-problem").inner_text()
    assert page.locator("#case-measures tbody tr").count() == 3
    assert f"/reports/cases/{world.jia.pk}/" in page.locator("#case-link").inner_text()
    page.screenshot(path=str(tmp_path / "case-detail.png"), full_page=True)
    page.get_by_role("link", name="匿名打印版").click()
    page.wait_for_url(f"**/reports/cases/{world.jia.pk}/print/")
    assert "甲钢铁" not in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "case-print.png"), full_page=True)
    page.go_back()
    page.get_by_role("link", name="企业档案").click()
    page.wait_for_url(f"**/reports/enterprises/{world.jia.task.enterprise_id}/dossier/")
    assert page.locator(".dossier-task").count() == 3  # 2019 diagnosis, 2021 and 2022 follow-ups
    page.screenshot(path=str(tmp_path / "dossier.png"), full_page=True)
    assert page.console_errors == []


def test_the_results_list_leads_to_the_dossier(page, login, organizer_user, tmp_path):
    world = build()
    login(organizer_user.username, PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="成果应用名单").first.click()
    page.wait_for_url("**/reports/register/results/")
    rows = page.locator("#results-list tbody tr")
    assert rows.count() == 1  # 甲 only: 乙 adopted nothing, 丙 is Shandong's
    assert "空压机变频改造" in rows.first.inner_text()
    page.screenshot(path=str(tmp_path / "results.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出（xlsx）").click()
    assert download.value.suggested_filename == "成果应用名单.xlsx"
    rows.first.get_by_role("link", name="甲钢铁有限公司").click()
    page.wait_for_url(f"**/reports/enterprises/{world.jia.task.enterprise_id}/dossier/")
    assert page.console_errors == []


def test_the_organizer_titles_its_case(page, login, organizer_user):
    world = build()
    login(organizer_user.username, PASSWORD)
    page.goto(f"/reports/cases/{world.jia.pk}/")
    page.get_by_role("link", name="编辑案例页面").click()
    page.wait_for_url(f"**/reports/cases/{world.jia.pk}/edit/")
    form = page.locator("#case-edit-form")
    form.locator("input[name=title]").fill("空压机系统改造案例")
    form.locator("textarea[name=summary]").fill("泄漏治理与变频结合，半年收回投资。")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/reports/cases/{world.jia.pk}/")
    assert page.locator("h1").first.inner_text().strip() == "空压机系统改造案例"
    assert "半年收回投资" in page.locator("#case-summary").inner_text()
    assert page.console_errors == []


def test_the_case_list_downloads_its_search(page, login, organizer_user, tmp_path):
    build()
    login(organizer_user.username, PASSWORD)
    page.goto("/reports/cases/?q=空压机")
    button = page.locator("#case-export")
    assert button.inner_text().strip() == "导出（xlsx）"
    assert "q=" in (button.get_attribute("href") or "")
    page.screenshot(path=str(tmp_path / "case-list-export.png"), full_page=True)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "典型案例库.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets[0]
    assert [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["甲钢铁有限公司"]
    assert page.console_errors == []


def test_a_closed_years_case_is_shown_frozen(page, login, organizer_user, tmp_path):
    """A closed year's case page offers no edit and says its figures no longer change."""
    world = build()
    Campaign.objects.filter(pk=world.jia.task.campaign_id).update(state=CampaignState.CLOSED)
    login(organizer_user.username, PASSWORD)
    page.goto(f"/reports/cases/{world.jia.pk}/")
    assert "不再变化" in page.locator("#case-figures-frozen").inner_text()
    assert page.get_by_role("link", name="编辑案例页面").count() == 0
    page.screenshot(path=str(tmp_path / "case-detail-closed.png"), full_page=True)
    page.goto(f"/reports/cases/{world.jia.pk}/edit/")
    assert "已关闭" in page.locator("#case-closed-note").inner_text()
    assert page.console_errors == []
