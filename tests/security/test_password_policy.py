"""Password policy: character classes, no reuse of recent passwords on any change path, and a
maximum age after which sign-in leads to the change page (pages) or a 403 (session API)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.models import PasswordHistory, User

PASSWORD = "Secret-pass-2021"


@pytest.mark.parametrize(
    "password", ["tangshansteelaudit", "TANGSHAN-STEEL-AUDIT", "tangshan-steel-audit"]
)
def test_fewer_than_three_kinds_of_character_are_refused(password):
    """Two kinds (letters of one case, digits or other characters) are not enough."""
    with pytest.raises(ValidationError) as exc:
        validate_password(password, User(username="x"))
    assert "password_too_simple" in {e.code for e in exc.value.error_list}


def test_every_saved_password_is_recorded(organizer_user):
    """set_password() + save(), whichever code calls it, adds a history entry (hash only)."""
    before = PasswordHistory.objects.filter(user=organizer_user).count()
    organizer_user.set_password("Another-pass-2022")
    organizer_user.save()
    rows = PasswordHistory.objects.filter(user=organizer_user)
    assert rows.count() == before + 1
    assert "Another-pass-2022" not in rows.first().password


def test_reuse_is_refused_on_the_password_change_page(client, organizer_user, password_login):
    """The current and the previous passwords are refused; the stored hash is unchanged."""
    password_login(client, organizer_user)
    old_hash = User.objects.get(pk=organizer_user.pk).password
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "password_reused" in {
        e.code for e in response.context["form"].errors.as_data()["new_password2"]
    }
    assert User.objects.get(pk=organizer_user.pk).password == old_hash


def test_reuse_is_refused_by_changepassword_and_the_last_n_only(organizer_user, settings):
    """After PASSWORD_HISTORY_COUNT (5) newer passwords, an old one may come back."""
    for n in range(5):
        organizer_user.set_password(f"Rotation-{n}-pass")
        organizer_user.save()
    with pytest.raises(ValidationError):
        validate_password("Rotation-0-pass", organizer_user)
    validate_password(PASSWORD, organizer_user)  # six changes ago: allowed again
    assert PasswordHistory.objects.filter(user=organizer_user).count() == 5


def test_expired_password_leads_to_the_change_page(
    client, organizer_user, password_login, settings
):
    """After PASSWORD_MAX_AGE_DAYS, every page sends to the change page until it is changed."""
    settings.PASSWORD_MAX_AGE_DAYS = 90
    PasswordHistory.objects.filter(user=organizer_user).update(
        created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    password_login(client, organizer_user)
    response = client.get(reverse("notices"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("password_change"))
    api = client.get("/api/v1/submissions/")
    assert api.status_code == 403
    assert "密码已过期" in api.json()["detail"]
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Fresh-pass-2021x",
            "new_password2": "Fresh-pass-2021x",
        },
    )
    assert client.get(reverse("notices")).status_code == 200


def test_a_recent_password_is_not_prompted(client, organizer_user, password_login, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    password_login(client, organizer_user)
    assert client.get(reverse("notices")).status_code == 200


def test_maximum_age_zero_never_expires(client, organizer_user, password_login, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=3650)):
        password_login(client, organizer_user)
        assert client.get(reverse("notices")).status_code == 200


def test_changepassword_command_applies_the_policy(organizer_user, monkeypatch):
    """The operator's command goes through the same validators (reuse refused)."""
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    with pytest.raises(CommandError, match="Aborting password change"):
        call_command("changepassword", organizer_user.username)
    assert User.objects.get(pk=organizer_user.pk).check_password(PASSWORD)
