"""A form sent after the session ended (issue 15): the login sends the user back to the form's
page, never to the POST-only URL (a blank 405), says "登录已过期，请重新提交", and offers the
typed values again to the same user only."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from portal.security.expired_post import STASH
from provinces.choices import Form
from provinces.services import submission_get_or_create

START = dt.datetime(2021, 6, 1, 9, tzinfo=dt.UTC)
IDLE = 121  # minutes: past an organizer's idle limit


def _at(minutes: float):
    return time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False)


@pytest.fixture
def submission(campaign, hebei):
    return submission_get_or_create(organizer=hebei, campaign=campaign, form=Form.PLAN)


def _expired_post(client, password_login, user, url: str, data: dict, referer: str, **extra):
    with _at(0):
        password_login(client, user)
    with _at(IDLE):
        return client.post(url, data, HTTP_REFERER=f"http://testserver{referer}", **extra)


def test_a_move_sent_after_expiry_returns_to_the_form_page(
    client, organizer_user, password_login, submission
):
    detail = reverse("provinces:submission-detail", args=[submission.pk])
    move = reverse("provinces:submission-move", args=[submission.pk, "submit"])
    response = _expired_post(client, password_login, organizer_user, move, {}, detail)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={detail.replace('/', '%2F')}"
    # One warning that says why the session ended and to submit again, not two.
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == ["由于 120 分钟内无操作，会话已结束。请重新登录。登录后请重新提交表单。"]
    with _at(IDLE + 1):
        after = password_login(client, organizer_user)
    assert after.status_code == 302
    assert after["Location"] == detail  # the page, not the POST-only move URL
    submission.refresh_from_db()
    assert submission.state == "draft"  # nothing was sent in the user's name


def test_login_never_returns_to_the_post_only_url_of_the_stash(
    client, organizer_user, password_login, submission
):
    """An old link or bookmark with next= the move URL still lands on the form page."""
    detail = reverse("provinces:submission-detail", args=[submission.pk])
    move = reverse("provinces:submission-move", args=[submission.pk, "submit"])
    _expired_post(client, password_login, organizer_user, move, {}, detail)
    with _at(IDLE + 1):
        after = client.post(
            f"{reverse('login')}?next={move}",
            {"username": organizer_user.username, "password": "Secret-pass-2021"},
        )
    assert after["Location"] == detail


def test_the_typed_values_come_back_on_the_form_for_the_same_user(
    client, organizer_user, password_login, campaign
):
    plan = f"{reverse('provinces:plan-edit')}?year={campaign.year}"
    typed = {"key_industry": "150", "contact_name": "张三", "csrfmiddlewaretoken": "x"}
    response = _expired_post(client, password_login, organizer_user, plan, typed, plan)
    assert response["Location"].startswith(reverse("login"))
    with _at(IDLE + 1):
        assert password_login(client, organizer_user)["Location"] == plan
        page = client.get(plan)
    offered = page.context["resubmit"]
    assert offered["action"] == reverse("provinces:plan-edit")
    assert offered["data"] == {"key_industry": ["150"], "contact_name": ["张三"]}
    assert 'id="resubmit-data"' in page.content.decode()
    with _at(IDLE + 2):
        assert "resubmit" not in client.get(plan).context  # offered once
    assert STASH not in client.session


def test_another_user_signing_in_is_not_shown_the_values(
    client, organizer_user, password_login, campaign, hebei
):
    from portal.choices import Role
    from tests.factories import UserFactory

    colleague = UserFactory(username="hebei-colleague", role=Role.ORGANIZER, organizer=hebei)
    plan = f"{reverse('provinces:plan-edit')}?year={campaign.year}"
    _expired_post(client, password_login, organizer_user, plan, {"contact_name": "张三"}, plan)
    with _at(IDLE + 1):
        password_login(client, colleague)
        page = client.get(plan)
    assert "resubmit" not in page.context
    assert "张三" not in page.content.decode()


def test_without_a_same_site_referer_the_login_goes_home(
    client, organizer_user, password_login, submission
):
    move = reverse("provinces:submission-move", args=[submission.pk, "submit"])
    with _at(0):
        password_login(client, organizer_user)
    with _at(IDLE):
        response = client.post(move, HTTP_REFERER="https://evil.example/forms/")
    assert response["Location"] == reverse("login")
    with _at(IDLE + 1):
        assert password_login(client, organizer_user)["Location"] == reverse("home")


def test_an_htmx_post_is_sent_to_the_login_page_whole(
    client, organizer_user, password_login, submission
):
    detail = reverse("provinces:submission-detail", args=[submission.pk])
    move = reverse("provinces:submission-move", args=[submission.pk, "submit"])
    response = _expired_post(
        client, password_login, organizer_user, move, {}, detail, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login") + "?next=")
