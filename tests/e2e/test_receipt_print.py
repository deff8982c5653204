"""The receipt and the print view in the browser (issue 15): an organizer submits 附件2, sees the
报送回执 on the page, opens it to print (its own page, no navigation), and the form's print view
shows the recommended agencies as the ministry's file lays them out."""

import os

import pytest
from playwright.sync_api import expect

from provinces.receipts import submission_receipt
from provinces.services import submission_get_or_create
from tests.conftest import PASSWORD
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def save(data: bytes, name: str) -> None:
    if SHOTS:
        with open(os.path.join(SHOTS, name), "wb") as out:
            out.write(data)


def test_submit_then_receipt_and_print(page, campaign, hebei, organizer_user):
    RecommendationFactory(campaign=campaign, organizer=hebei, track_record="2020年能源审计12家")
    submission = submission_get_or_create(organizer=hebei, campaign=campaign, form=2)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", organizer_user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")

    page.goto(f"/provinces/forms/{submission.pk}/")
    page.click("#move-submit button[type=submit]")
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=ok]")
    submission.refresh_from_db()
    receipt = submission_receipt(submission)
    assert receipt is not None
    panel = page.locator("#receipt-panel")
    expect(panel).to_contain_text("报送回执")
    expect(panel).to_contain_text(receipt.number)
    expect(panel).to_contain_text(receipt.local_time.strftime("%Y-%m-%d %H:%M:%S"))
    expect(panel).to_contain_text(organizer_user.display_name)
    shot(page, "receipt-panel")

    with page.expect_navigation():
        page.click("#receipt-panel a:has-text('打印回执')")
    expect(page.locator(".print-sheet")).to_contain_text(receipt.number)
    assert page.locator(".mainnav").count() == 0  # a clean page: no site navigation
    shot(page, "receipt-page")
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    save(pdf, "receipt-page.pdf")

    page.go_back()
    with page.expect_navigation():
        page.click("#print-link")
    sheet = page.locator("#form-sheet")
    expect(sheet).to_contain_text("2021年度节能诊断服务机构推荐名单")
    expect(sheet).to_contain_text("2020年能源审计12家")
    expect(page.locator(".print-receipt")).to_contain_text(receipt.number)
    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()
    shot(page, "form-print")
    save(page.pdf(prefer_css_page_size=True), "form-print.pdf")
    assert page.console_errors == []
