"""Notices in the browser (issue 13): the ministry approves Hebei's 附件1; Hebei's official sees
the unread count in the header, opens the notice, lands on the form, and the e-mail went out."""

import pytest
from playwright.sync_api import expect

from portal.models import Notice
from tests.conftest import PASSWORD
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "var/screenshots"


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")


def test_an_approval_reaches_the_organizer_in_the_portal_and_by_email(
    campaign,
    hebei,
    ministry_user,
    organizer_user,
    other_organizer_user,
    browser,
    live_server,
    mailoutbox,
):
    organizer_user.email = "hebei@example.cn"
    organizer_user.save(update_fields=["email"])
    plan = SubmissionFactory(organizer=hebei, campaign=campaign, form=1, submitted=True)

    ministry = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    sign_in(ministry, ministry_user.username)
    ministry.goto(f"/provinces/forms/{plan.pk}/")
    ministry.click("#move-approve button[type=submit]")
    with ministry.expect_navigation():
        ministry.click("#confirm-dialog button[value=ok]")
    ministry.context.close()

    assert [m.to for m in mailoutbox] == [["hebei@example.cn"]]
    assert f"/provinces/forms/{plan.pk}/" in mailoutbox[0].body
    assert not Notice.objects.filter(recipient=other_organizer_user).exists()

    context = browser.new_context(
        locale="zh-CN", base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    sign_in(page, organizer_user.username)
    expect(page.locator(".header-link .count")).to_have_text("1")
    page.click(".header-link")
    row = page.locator("[data-testid=notices] tr[data-read=no]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("附件1")
    page.screenshot(path=f"{SHOTS}/notices-list.png", full_page=True)
    with page.expect_navigation():  # marks it read and opens the form
        row.locator("button").click()
    assert page.url.endswith(f"/provinces/forms/{plan.pk}/")
    expect(page.locator(".header-link .count")).to_have_count(0)

    page.goto("/accounts/notices/")
    page.check("input[name=mode_submission_approved][value=digest]")
    with page.expect_navigation():
        page.click("[data-testid=notice-preferences] button[type=submit]")
    expect(page.locator("input[name=mode_submission_approved][value=digest]")).to_be_checked()
    page.screenshot(path=f"{SHOTS}/notice-settings.png", full_page=True)
    context.close()
