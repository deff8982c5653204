"""The audit log records failed sign-ins, lock-outs, refusals (403) and downloads, on pages and
the API; it is kept at least 180 days, purged only past that, and nobody changes it."""

import datetime as dt

import pytest
import time_machine
from django.contrib import admin
from django.core.checks import run_checks
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from portal.audit import audit_record
from portal.models import AuditLog
from portal.security.retention import audit_log_purge

PASSWORD = "Secret-pass-2021"


def _actions(action: str):
    return AuditLog.objects.filter(action=action)


def test_failed_sign_in_is_recorded_on_the_page(client, organizer_user, hebei):
    client.post(
        reverse("login"),
        {"username": organizer_user.username, "password": "wrong"},
        REMOTE_ADDR="10.2.3.4",
    )
    record = _actions("auth.login_failed").get()
    assert (
        record.actor,
        record.summary,
        record.object_id,
        record.organizer_id,
        record.ip_address,
    ) == (None, organizer_user.username, str(organizer_user.pk), hebei.pk, "10.2.3.4")


def test_failed_sign_in_is_recorded_on_the_api(client, organizer_user):
    response = client.post(
        reverse("api-token"), {"username": organizer_user.username, "password": "wrong"}
    )
    assert response.status_code == 400
    assert _actions("auth.login_failed").count() == 1


def test_unknown_user_name_is_recorded_too(client, db):
    client.post(reverse("login"), {"username": "nobody", "password": "x"})
    assert _actions("auth.login_failed").get().summary == "nobody"


def test_lock_out_is_recorded(client, organizer_user):
    for n in range(6):
        client.post(reverse("login"), {"username": organizer_user.username, "password": f"x{n}"})
    assert _actions("auth.locked_out").exists()


def test_refusal_on_a_page_is_recorded(client_for, organizer_user):
    """role_required (PermissionDenied) on a ministry page: 403 and a record naming the user."""
    response = client_for(organizer_user).get(reverse("provinces:review-queue"))
    assert response.status_code == 403
    record = _actions("access.denied").get()
    assert record.actor == organizer_user
    assert reverse("provinces:review-queue") in record.summary


def test_refusal_on_the_api_is_recorded(
    client_for, api_for, campaign, hebei, organizer_user, ministry_user
):
    """An organizer trying a ministry move through the API: 403 and a record."""
    from tests.security.test_audit_scenario import _form1

    submission = _form1(client_for, organizer_user, campaign, hebei)
    response = api_for(organizer_user).post(f"/api/v1/submissions/{submission.pk}/approve/")
    assert response.status_code == 403
    record = _actions("access.denied").get()
    assert record.actor == organizer_user
    assert f"/api/v1/submissions/{submission.pk}/approve/" in record.summary


def test_an_export_download_is_recorded(client_for, organizer_user, campaign):
    """A spreadsheet sent by a page that does not record it itself is recorded once."""
    response = client_for(organizer_user).get(reverse("agencies:recommendation-template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    record = _actions("export.download").get()
    assert record.actor == organizer_user
    assert "recommendations/template.xlsx" in record.summary


def test_a_download_the_view_records_is_not_recorded_twice(client_for, db):
    """The audit export records itself (audit.export); no second export.download."""
    from tests.factories import UserFactory

    auditor = UserFactory(username="auditor", duty="audit")
    response = client_for(auditor).get(reverse("audit-export"), {"format": "xlsx"})
    assert response.status_code == 200
    assert _actions("audit.export").count() == 1
    assert not _actions("export.download").exists()


# ---------------------------------------------------------------- retention and immutability


def test_retention_below_180_days_fails_the_system_check(settings):
    settings.AUDIT_RETENTION_DAYS = 179
    assert "portal.E101" in {m.id for m in run_checks()}
    settings.AUDIT_RETENTION_DAYS = 180
    assert "portal.E101" not in {m.id for m in run_checks()}


def test_purge_deletes_only_records_past_the_retention_and_is_recorded(db, settings):
    settings.AUDIT_RETENTION_DAYS = 10  # refused by the check, and never applied below 180
    now = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    for days in (400, 181, 179, 11):
        with time_machine.travel(now - dt.timedelta(days=days)):
            audit_record(actor=None, action="test.row", summary=str(days))
    assert audit_log_purge(now=now) == 2
    assert set(_actions("test.row").values_list("summary", flat=True)) == {"179", "11"}
    assert _actions("audit.purge").get().summary.startswith("2 records")


def test_the_purge_task_is_scheduled_daily(settings):
    assert settings.CELERY_BEAT_SCHEDULE["audit-log-purge"]["task"] == "portal.audit_purge"


def test_admin_offers_no_change_or_delete():
    model_admin = admin.site._registry[AuditLog]
    request = RequestFactory().get("/")
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_add_permission(request)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL only")
def test_database_refuses_update_and_delete_by_raw_sql(db):
    """Even raw SQL (a compromised process) cannot change or delete an audit record."""
    record = audit_record(actor=None, action="test.row", summary="kept")
    for sql in (
        "UPDATE portal_auditlog SET summary = 'x' WHERE id = %s",
        "DELETE FROM portal_auditlog WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])
    assert AuditLog.objects.get(pk=record.pk).summary == "kept"
