"""A new year in the browser (issue 13): the ministry copies 2021 into 2022, edits a deadline
and a form layout (a broken layout is refused with its reason and not stored), and an organizer
then works in the new year."""

import json
import os

import pytest
from playwright.sync_api import expect

from portal.models import Campaign
from tests.e2e.test_organizer_cycle import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_ministry_copies_a_year_and_an_organizer_sees_it(
    campaign, ministry_user, organizer_user, browser, live_server
):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(20000)
    page = context.new_page()
    sign_in(page, ministry_user.username)

    page.goto("/campaigns/")
    page.click("a[href='/reports/campaigns/new/']")
    expect(page.locator("input[name=year]")).to_have_value("2022")
    expect(page.locator("input[name=intent_due]")).to_have_value("2022-06-15")
    page.fill("input[name=plan_due]", "2022-05-20")
    with page.expect_navigation():
        page.click("#campaign-copy button[type=submit]")
    new = Campaign.objects.get(year=2022)
    assert page.url.endswith(f"/reports/campaigns/{new.pk}/")
    expect(page.locator("[data-field=plan_due]")).to_have_text("2022-05-20")
    shot(page, "campaign-setup")

    # a due date, beside who owes which form
    page.click(f"a[href='/reports/campaigns/{new.pk}/data/obligations/']")
    expect(page.locator("input[name=intent_due]")).to_have_attribute("type", "date")
    page.fill("input[name=intent_due]", "2022-06-20")
    with page.expect_navigation():
        page.click("#obligations-form button[type=submit].btn--primary")
    expect(page.locator("[data-field=intent_due]")).to_have_text("2022-06-20")
    expect(page.locator("[data-due='3']")).to_have_text("2022-06-20")
    # a due date out of order is refused on its field, nothing stored
    page.click(f"a[href='/reports/campaigns/{new.pk}/data/obligations/']")
    page.fill("input[name=summary_due]", "2022-06-01")
    with page.expect_navigation():
        page.click("#obligations-form button[type=submit].btn--primary")
    expect(page.locator("#id_summary_due_error")).to_contain_text("意向企业名单")
    shot(page, "campaign-due-date-refused")
    new.refresh_from_db()
    assert new.summary_due.isoformat() == "2022-11-15"

    # a layout in fields: preview a new title, a broken one is refused, the good one saved
    page.goto(f"/reports/campaigns/{new.pk}/layouts/")
    title = "{year}年度节能诊断服务机构推荐名单（2022版）"
    page.fill("input[name=f2_title]", title)
    with page.expect_navigation():
        page.click("#layouts-form button[value=preview]")
    expect(page.locator("#layout-preview")).to_contain_text(
        "2022年度节能诊断服务机构推荐名单（2022版）"
    )
    page.fill("input[name=f3_title]", "{year}年度意向企业名单{批次}")
    with page.expect_navigation():
        page.click("#layouts-form button[value=save]")
    expect(page.locator("#id_f3_title_error")).to_contain_text("批次")
    shot(page, "campaign-layout-refused")
    new.refresh_from_db()
    assert new.form_layouts == {}
    page.fill("input[name=f3_title]", "{year}年度节能诊断服务意向企业名单")
    with page.expect_navigation():
        page.click("#layouts-form button[value=save]")
    assert page.url.endswith(f"/reports/campaigns/{new.pk}/")
    expect(page.locator("#layout-preview")).to_contain_text("（2022版）")
    # the advanced JSON holds the same layouts
    page.goto(f"/reports/campaigns/{new.pk}/layouts/")
    page.click("#layouts-advanced summary")
    layouts = json.loads(page.input_value("textarea[name=data]"))
    assert layouts["forms"]["2"]["title"] == title
    context.close()

    # the organizer works in the new year
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    sign_in(page, organizer_user.username)
    page.goto("/provinces/forms/")
    expect(page.locator(".page-header__sub")).to_contain_text("2022")
    expect(page.locator("a[href='/provinces/forms/?year=2021']").first).to_be_visible()
    expect(page.locator("#form-table")).to_contain_text("2022-05-20")
    shot(page, "campaign-organizer-new-year")
    page.goto("/reports/documents/?year=2022")
    expect(page.locator("body")).to_contain_text("2022年度节能诊断服务机构推荐名单（2022版）")
    context.close()
