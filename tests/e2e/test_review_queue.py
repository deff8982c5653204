"""The ministry's review queue in the browser (issue 15): it opens on the forms awaiting review,
a filter changes the URL (shareable; the back button returns to the earlier filter), and
approving a form offers "下一条", the next form of the same queue."""

import datetime as dt
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from provinces.models import Organizer, Submission
from tests.conftest import PASSWORD
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)
T0 = timezone.make_aware(dt.datetime(2021, 6, 1, 9))
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")


def rows(page) -> list[str]:
    return page.locator("#review-results td[data-submission]").evaluate_all(
        "cells => cells.map(c => c.dataset.submission)"
    )


def test_review_queue_defaults_filters_and_next(page, campaign, ministry_user):
    organizers = list(Organizer.objects.filter(kind="province").order_by("sort_order")[:8])
    waiting = [
        SubmissionFactory(
            campaign=campaign,
            organizer=organizers[i],
            form=1,
            submitted=True,
            submitted_at=T0 + dt.timedelta(hours=i),
        )
        for i in range(3)
    ]
    for organizer in organizers[3:]:
        for form in (1, 2):
            SubmissionFactory(
                campaign=campaign, organizer=organizer, form=form, approved=True, submitted_at=T0
            )
    sign_in(page, ministry_user.username)

    page.goto("/provinces/review/")
    assert rows(page) == [str(s.pk) for s in waiting]  # what awaits review, oldest first
    expect(page.locator("select[name=state]")).to_have_value("submitted")
    shot(page, "review-queue")

    with page.expect_navigation():  # the filter form submits itself on change (a GET)
        page.select_option("select[name=state]", "any")
    assert "state=any" in page.url
    assert len(rows(page)) == 13
    shared = page.url
    page.go_back()  # waits for the earlier page's load
    assert "state=any" not in page.url
    assert rows(page) == [str(s.pk) for s in waiting]
    expect(page.locator("select[name=state]")).to_have_value("submitted")
    page.goto(shared)  # the URL alone shows the same rows
    assert len(rows(page)) == 13
    page.go_back()

    page.click(f"td[data-submission='{waiting[0].pk}'] ~ td a")
    page.click("#move-approve button[type=submit]")
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=ok]")
    assert Submission.objects.get(pk=waiting[0].pk).state == "approved"
    following = page.locator("#queue-next a[rel=next]")
    expect(following).to_contain_text("下一条")
    expect(following).to_contain_text(waiting[1].organizer.name)
    shot(page, "review-next")
    with page.expect_navigation():
        following.click()
    assert f"/provinces/forms/{waiting[1].pk}/" in page.url
    assert "state=submitted" in page.url
    expect(page.locator("#move-approve")).to_be_visible()
    assert page.console_errors == []
