"""Bulk entry in the browser (issue 17): the agency downloads the template of its open
reports, fills in a line, checks and imports it; a bad line is listed by sheet, row and column
with the marked copy offered, and nothing is stored."""

import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from reports.models import EnergyUse
from tests.conftest import PASSWORD
from tests.factories import EnterpriseFactory
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = None  # a directory to keep the screenshots in while developing


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form:has(input[name=password]) button[type=submit]")


def _filled(path, template: bytes, code: str, quantity) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["能源消费"]
    headers = [c.value for c in sheet[1]]
    row = sheet.max_row + 1
    values = {"统一社会信用代码": code, "能源品种": "原煤", "实物量": quantity, "计量单位": "t"}
    for header, value in values.items():
        sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    book.save(path)


def test_template_fill_check_and_import(campaign, agency_user, page, tmp_path):
    enterprise = EnterpriseFactory(name="保定测试造纸有限公司")
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    _sign_in(page, agency_user.username)
    page.goto("/reports/?year=2021")
    page.click("#bulk-entry-link")
    expect(page.locator("#bulk-tasks")).to_contain_text(enterprise.credit_code)
    with page.expect_download() as info:
        page.click("#bulk-template")
    template = info.value.path().read_bytes()

    bad = tmp_path / "批量填报-有误.xlsx"
    _filled(bad, template, enterprise.credit_code, "很多")
    page.set_input_files("#bulk-form input[name=file]", str(bad))
    page.click("#bulk-form button[name=check]")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("能源消费")
    expect(errors.first).to_contain_text("实物量")
    expect(page.locator("#import-marked")).to_be_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/bulk-errors.png", full_page=True)
    assert not EnergyUse.objects.exists()

    good = tmp_path / "批量填报.xlsx"
    _filled(good, template, enterprise.credit_code, 1000)
    page.set_input_files("#bulk-form input[name=file]", str(good))
    page.click("#bulk-form button[name=import]")
    expect(page.locator("#import-counts")).to_be_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/bulk-done.png", full_page=True)
    row = EnergyUse.objects.get(report__task=task)
    assert (row.carrier_code, row.tce) == ("raw_coal", Decimal("714.3"))  # 1000 t × 0.7143
    # The bad check answered 422, which Chromium logs as a failed load; nothing else.
    assert [e for e in page.console_errors if "status of 422" not in e] == []
