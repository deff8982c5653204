"""Session expiry during a save (issue 15): the organizer's work plan is sent after the session
ended; signing in again returns to the plan with one warning (why, then "请重新提交表单") and the
values typed, never to a blank 405; a submit pressed after expiry returns to the submission
page."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from portal.security.sessions import LAST_SEEN
from provinces.choices import Form
from provinces.models import PlanContent, Submission
from provinces.services import submission_get_or_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = {
    "key_industry": "150",
    "sme": "40",
    "key_equipment": "10",
    "agencies_planned": "4",
    "completion_date": "2021-11-15",
    "contact_name": "王处长",
    "contact_phone": "0311-87654321",
}


def sign_in(page, username: str) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")


def expire_session(page) -> None:
    """Age the browser's session past the idle limit, as three idle hours would."""
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_SEEN] = time.time() - 3 * 3600
    session.save()


def test_a_plan_saved_after_expiry_comes_back_filled_in(page, campaign, organizer_user):
    page.goto("/accounts/login/")
    sign_in(page, organizer_user.username)
    page.goto(f"/provinces/plan/?year={campaign.year}")
    for name, value in PLAN.items():
        page.fill(f"#plan-form [name={name}]", value)
    expire_session(page)

    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    assert page.url.split("?")[0].endswith("/accounts/login/")
    # One warning: why the session ended, then "submit again" (not two warnings).
    expect(page.locator("#messages")).to_contain_text(
        "会话已结束。请重新登录。登录后请重新提交表单。"
    )
    expect(page.locator("#messages")).not_to_contain_text("登录已过期")
    assert not PlanContent.objects.exists()  # nothing was saved without a session

    sign_in(page, organizer_user.username)
    assert page.url.endswith(f"/provinces/plan/?year={campaign.year}")
    expect(page.locator("#resubmit-note")).to_be_visible()
    for name, value in PLAN.items():
        expect(page.locator(f"#plan-form [name={name}]")).to_have_value(value)

    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    plan = PlanContent.objects.get()
    assert (plan.key_industry, plan.contact_name) == (150, "王处长")
    assert page.console_errors == []


def test_a_submit_pressed_after_expiry_returns_to_the_submission(
    page, campaign, organizer_user, hebei
):
    submission = submission_get_or_create(organizer=hebei, campaign=campaign, form=Form.PLAN)
    page.goto("/accounts/login/")
    sign_in(page, organizer_user.username)
    page.goto(f"/provinces/forms/{submission.pk}/")
    expire_session(page)
    page.click("#move-submit button[type=submit]")
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=ok]")
    # One warning: why the session ended, then "submit again" (not two warnings).
    expect(page.locator("#messages")).to_contain_text(
        "会话已结束。请重新登录。登录后请重新提交表单。"
    )
    expect(page.locator("#messages")).not_to_contain_text("登录已过期")

    response = None

    def remember(r):
        nonlocal response
        if r.request.resource_type == "document":
            response = r

    page.on("response", remember)
    sign_in(page, organizer_user.username)
    assert page.url.endswith(f"/provinces/forms/{submission.pk}/")
    assert response is not None and response.status == 200  # not a blank 405
    expect(page.locator("#move-submit")).to_be_visible()
    assert Submission.objects.get(pk=submission.pk).state == "draft"
