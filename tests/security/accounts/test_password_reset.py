"""忘记密码: Django's token flow, throttled, the same answer for known and unknown addresses."""

import pytest
from django.core import mail
from django.core.cache import cache

from portal.models import AuditLog
from tests.conftest import PASSWORD

from .conftest import link_in_mail

pytestmark = pytest.mark.django_db
NEW = "Brand-new-pass-2021!"


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def known(organizer_user):
    organizer_user.email = "hebei@example.cn"
    organizer_user.save(update_fields=["email"])
    return organizer_user


def _ask(client, email, capture):
    with capture(execute=True):
        return client.post("/accounts/password/reset/", {"email": email})


def test_login_page_links_to_reset(client):
    assert 'href="/accounts/password/reset/"' in client.get("/accounts/login/").content.decode()


def test_known_and_unknown_addresses_get_the_same_answer(
    known, client, django_capture_on_commit_callbacks
):
    first = _ask(client, "hebei@example.cn", django_capture_on_commit_callbacks)
    second = _ask(client, "nobody@example.cn", django_capture_on_commit_callbacks)
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hebei@example.cn"]


def test_reset_link_sets_a_new_password_once(known, client, django_capture_on_commit_callbacks):
    _ask(client, "hebei@example.cn", django_capture_on_commit_callbacks)
    link = link_in_mail()
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    known.refresh_from_db()
    assert known.check_password(NEW)
    assert AuditLog.objects.filter(action="account.password_reset").exists()
    again = client.get(link, follow=True)
    assert not again.context["validlink"]


def test_reset_refuses_a_recent_password(known, client, django_capture_on_commit_callbacks):
    """The password history applies to a reset as to any change."""
    known.set_password(PASSWORD)
    known.save()
    _ask(client, "hebei@example.cn", django_capture_on_commit_callbacks)
    form_url = client.get(link_in_mail())["Location"]
    response = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_requests_are_throttled(known, client, settings, django_capture_on_commit_callbacks):
    """Past PASSWORD_RESET_PER_HOUR requests from one address: 429, no more e-mail."""
    settings.PASSWORD_RESET_PER_HOUR = 2
    codes = [
        _ask(client, f"x{i}@example.cn", django_capture_on_commit_callbacks).status_code
        for i in range(2)
    ]
    blocked = _ask(client, "hebei@example.cn", django_capture_on_commit_callbacks)
    assert codes == [302, 302] and blocked.status_code == 429
    assert not mail.outbox


def test_api_reset_answers_202_and_throttles(known, settings, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    settings.PASSWORD_RESET_PER_HOUR = 1
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/api/v1/auth/password-reset/", {"email": "hebei@example.cn"})
        second = api.post("/api/v1/auth/password-reset/", {"email": "hebei@example.cn"})
    assert (first.status_code, second.status_code) == (202, 429)
    assert len(mail.outbox) == 1
