"""The audit-log page: security officers only; filters; CSV and xlsx export; itself audited."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from portal.audit import audit_record
from portal.models import AuditLog
from tests.factories import UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="security-officer", role="ministry", duty="audit")


@pytest.fixture
def trail(organizer_user, other_organizer_user, hebei, shandong):
    """Three records: two Hebei actions on 1 and 2 June, one Shandong action on 3 June."""
    for day, actor, organizer, action in [
        (1, organizer_user, hebei, "submission.submit"),
        (2, organizer_user, hebei, "document.download"),
        (3, other_organizer_user, shandong, "submission.submit"),
    ]:
        with time_machine.travel(dt.datetime(2021, 6, day, 10, tzinfo=dt.UTC)):
            audit_record(actor=actor, action=action, organizer=organizer, summary=f"day {day}")


def _summaries(response) -> set[str]:
    return {r.summary for r in response.context["page_obj"]}


@pytest.mark.parametrize(
    "who", ["ministry_user", "organizer_user", "agency_user", "enterprise_user"]
)
def test_only_security_officers_may_read(client_for, who, request):
    """Ministry staff without the flag, and every other role, get 403 for page and export."""
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("audit-log")).status_code == 403
    assert client.get(reverse("audit-export")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    """Without a session the page redirects to the sign-in page."""
    response = client.get(reverse("audit-log"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_filter_by_period(client_for, officer, trail):
    """From/to are whole days in Asia/Shanghai, both inclusive."""
    response = client_for(officer).get(
        reverse("audit-log"), {"date_from": "2021-06-02", "date_to": "2021-06-03"}
    )
    assert _summaries(response) == {"day 2", "day 3"}


def test_filter_by_user_organizer_and_action(client_for, officer, trail, hebei):
    """User name, organizer and action narrow the list together."""
    client = client_for(officer)
    assert _summaries(client.get(reverse("audit-log"), {"user": "shandong"})) == {"day 3"}
    assert _summaries(
        client.get(reverse("audit-log"), {"organizer": hebei.pk, "action": "submission.submit"})
    ) == {"day 1"}


def test_viewing_the_log_is_recorded(client_for, officer, trail):
    """Each view writes an audit.view record with the filters."""
    client_for(officer).get(reverse("audit-log"), {"action": "document.download"})
    record = AuditLog.objects.get(action="audit.view")
    assert record.actor == officer
    assert "document.download" in record.summary


def test_csv_export_streams_filtered_rows(client_for, officer, trail, hebei):
    """The CSV (UTF-8 with BOM) has the header and only the filtered records; it is audited."""
    response = client_for(officer).get(
        reverse("audit-export"), {"format": "csv", "organizer": hebei.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "时间"
    assert sorted(r[9] for r in rows[1:]) == ["day 1", "day 2"]
    # Each action in words, with its code beside it: in Chinese like every file the portal
    # writes, even for an officer reading the pages in English.
    assert rows[0][4:6] == ["操作", "操作代码"]
    submitted = next(r for r in rows[1:] if r[9] == "day 1")
    assert submitted[4:6] == ["表格已报送", "submission.submit"]
    assert AuditLog.objects.filter(action="audit.export", actor=officer).count() == 1


def test_xlsx_export(client_for, officer, trail):
    """The xlsx export holds every record of the filter, and formulas are neutralised."""
    audit_record(actor=officer, action="x", summary='=HYPERLINK("http://evil")')
    response = client_for(officer).get(reverse("audit-export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [row[9] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {"day 1", "day 2", "day 3"} <= set(values)
    # Kept exactly as recorded, in a text cell (never a formula) that stays text when edited.
    cell = next(c for c in sheet["J"] if c.value == '=HYPERLINK("http://evil")')
    assert cell.data_type == "s" and cell.quotePrefix


def test_nav_shows_the_audit_log_only_to_officers(client_for, officer, ministry_user):
    """The navigation entry appears for a security officer, not for other ministry staff."""
    url = reverse("audit-log")
    officer_nav = client_for(officer).get(reverse("notices")).context["portal_nav"]
    assert url in [item["url"] for item in officer_nav]
    plain_nav = client_for(ministry_user).get(reverse("notices")).context["portal_nav"]
    assert url not in [item["url"] for item in plain_nav]
