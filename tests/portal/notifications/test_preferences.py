"""Each user chooses per kind: e-mail at once or in the digest, SMS too (page and API)."""

import pytest
from django.urls import reverse

from portal.models import AuditLog, Notice, NoticePreference

pytestmark = pytest.mark.django_db

PREFS = reverse("notice-preferences")
API_PREFS = "/api/v1/notices/preferences/"


def test_the_page_lists_the_kinds_of_the_users_role(client_for, agency_user, ministry_user):
    """An agency sees "ready to sign"; the ministry sees "form submitted" and not reminders."""
    body = client_for(agency_user).get(PREFS).content.decode()
    assert 'data-kind="letter_ready"' in body
    assert 'data-kind="submission_submitted"' not in body
    body = client_for(ministry_user).get(PREFS).content.decode()
    assert 'data-kind="submission_submitted"' in body
    assert 'data-kind="reminder"' not in body


def test_saving_the_page_stores_the_choices(client_for, organizer_user):
    """Digest for reminders, SMS for returns (the user has a phone); audited."""
    organizer_user.phone = "13800000000"
    organizer_user.save(update_fields=["phone"])
    response = client_for(organizer_user).post(
        PREFS,
        {
            "mode_reminder": "digest",
            "mode_submission_returned": "immediate",
            "sms_submission_returned": "on",
        },
    )
    assert response.status_code == 302
    stored = dict(NoticePreference.objects.filter(user=organizer_user).values_list("kind", "mode"))
    assert stored["reminder"] == "digest"
    assert NoticePreference.objects.get(user=organizer_user, kind="submission_returned").sms
    assert AuditLog.objects.filter(action="notice.preferences", actor=organizer_user).exists()


def test_sms_without_a_phone_is_refused_and_nothing_is_stored(client_for, organizer_user):
    """No phone on the account: the page says why, and no choice (not even the digest) is kept."""
    client = client_for(organizer_user)
    response = client.post(PREFS, {"mode_reminder": "digest", "sms_reminder": "on"}, follow=True)
    assert "SMS" in response.content.decode() or "短信" in response.content.decode()
    assert not NoticePreference.objects.filter(user=organizer_user).exists()


def test_api_reads_and_changes_ones_own_preferences(api_for, enterprise_user):
    """GET lists the enterprise's kinds with defaults; PUT changes the named kind only."""
    api = api_for(enterprise_user)
    rows = api.get(API_PREFS).json()["preferences"]
    assert {r["kind"] for r in rows} >= {"report_to_confirm", "report_accepted"}
    assert all(r["mode"] == "immediate" and r["sms"] is False for r in rows)
    response = api.put(
        API_PREFS,
        {"preferences": [{"kind": "report_accepted", "mode": "digest", "sms": False}]},
        format="json",
    )
    assert response.status_code == 200
    modes = {r["kind"]: r["mode"] for r in response.json()["preferences"]}
    assert modes == {**modes, "report_accepted": "digest", "report_to_confirm": "immediate"}


def test_api_refuses_a_kind_the_role_does_not_receive(api_for, enterprise_user):
    """An enterprise cannot set "form submitted" (the ministry's): 400 with the reason."""
    response = api_for(enterprise_user).put(
        API_PREFS,
        {"preferences": [{"kind": "submission_submitted", "mode": "digest"}]},
        format="json",
    )
    assert response.status_code == 400
    assert not NoticePreference.objects.exists()


def test_api_lists_only_ones_own_notices_for_the_ministry_too(
    api_for, ministry_user, organizer_user
):
    """Notices are personal: the ministry's API list holds none of Hebei's."""
    Notice.objects.create(recipient=organizer_user, title="河北的通知")
    assert api_for(ministry_user).get("/api/v1/notices/").json()["results"] == []
    assert len(api_for(organizer_user).get("/api/v1/notices/").json()["results"]) == 1


def test_api_marks_one_or_all_read(api_for, organizer_user, other_organizer_user):
    """POST {id}/read/ marks it; another user's notice is a 404; read-all answers the count."""
    mine = [Notice.objects.create(recipient=organizer_user, title=f"n{i}") for i in range(3)]
    theirs = Notice.objects.create(recipient=other_organizer_user, title="山东")
    api = api_for(organizer_user)
    assert api.post(f"/api/v1/notices/{mine[0].pk}/read/").json()["read_at"]
    assert api.post(f"/api/v1/notices/{theirs.pk}/read/").status_code == 404
    assert api.post("/api/v1/notices/read-all/").json() == {"read": 2}
    theirs.refresh_from_db()
    assert theirs.read_at is None
