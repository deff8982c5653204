"""The database connection dropped in the middle of an import: nothing is half-imported.

On PostgreSQL the portal's own backend is really terminated (pg_terminate_backend from a second
connection) at a precise point of the import: after the enterprises are written and before the
tasks, or after every row and before the task letters and the audit record. The import is one
transaction, so the server rolls all of it back; the same file imported again then goes in
whole. A simulated drop (OperationalError from a write step) checks the same on any database.
"""

import io

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from agencies import services as agency_services
from agencies.models import Agency, Recommendation
from agencies.services import agency_list_import
from enterprises.models import DiagnosisTask, Enterprise
from enterprises.services import bulk, intent_import, intent_list_import
from portal.choices import Role
from portal.models import AuditLog
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.factories import AgencyFactory, CampaignFactory, UserFactory, province
from tests.fixtures.sheets import agency_row, agency_xlsx, intent_xlsx

AGENCY = "山东测试节能技术服务有限公司"
ROWS = 12
DROPPED = (OperationalError, InterfaceError)


@pytest.fixture
def shandong_list(reference_data):
    """Shandong's 2021 intent list, empty, with its recommended agency; and its official."""
    if connection.vendor != "postgresql":
        pytest.skip("the connection drop needs PostgreSQL (set DATABASE_URL)")
    campaign, organizer = CampaignFactory(year=2021), province("370000")
    recommend(campaign, organizer, AgencyFactory(name=AGENCY))
    user = UserFactory(username="drop-shandong", role=Role.ORGANIZER, organizer=organizer)
    return campaign, organizer, user


def terminate_own_backend() -> None:
    """Kill this process's PostgreSQL session from another one, as a network drop would."""
    pid = connection.connection.get_backend_pid()
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def drop_before(module, name: str, *, on_call: int = 1):
    """Wrap module.name so that the connection is dropped before its `on_call`-th call."""
    real, calls = getattr(module, name), []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == on_call:
            terminate_own_backend()
        return real(*args, **kwargs)

    return wrapper


def intent_file() -> io.BytesIO:
    return io.BytesIO(intent_xlsx(rows(ROWS, AGENCY)))


def nothing_imported(organizer) -> bool:
    return (
        not DiagnosisTask.objects.filter(organizer=organizer).exists()
        and not Enterprise.objects.filter(name__startswith="测试钢铁有限公司").exists()
        and not AuditLog.objects.filter(action="task.import").exists()
    )


@pytest.mark.parametrize(
    ("module", "step", "on_call"),
    [
        # New enterprises are written by the registry service first; the import's own
        # insert_many then writes the tasks: the drop comes between the two.
        pytest.param(bulk, "insert_many", 1, id="enterprises-written-tasks-not"),
        pytest.param(intent_import, "letters_sync", 1, id="rows-written-letters-not"),
    ],
)
def test_intent_import_dropped_midway_leaves_nothing(
    monkeypatch, shandong_list, module, step, on_call
):
    """The session dies mid-import: no enterprise, task or audit record; the retry imports all."""
    campaign, organizer, user = shandong_list
    target = intent_import if module is bulk else module  # the import's own reference
    monkeypatch.setattr(target, step, drop_before(module, step, on_call=on_call))
    with pytest.raises(DROPPED):
        intent_list_import(campaign=campaign, organizer=organizer, file=intent_file(), actor=user)
    monkeypatch.undo()
    assert nothing_imported(organizer)
    outcome = intent_list_import(
        campaign=campaign, organizer=organizer, file=intent_file(), actor=user
    )
    assert outcome.ok and outcome.created == ROWS
    assert DiagnosisTask.objects.filter(organizer=organizer).count() == ROWS


def test_upload_page_dropped_midway_is_an_error_and_imports_nothing(monkeypatch, shandong_list):
    """Through the page: a server error for that upload, nothing stored, the next upload works."""
    campaign, organizer, user = shandong_list
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    monkeypatch.setattr(intent_import, "letters_sync", drop_before(intent_import, "letters_sync"))

    def post():
        content = intent_xlsx(rows(ROWS, AGENCY))
        return client.post(
            reverse("enterprises:task-import"),
            {"year": campaign.year, "file": upload("附件3.xlsx", content)},
        )

    assert post().status_code == 500
    monkeypatch.undo()
    assert nothing_imported(organizer)
    assert post().status_code == 200
    assert DiagnosisTask.objects.filter(organizer=organizer).count() == ROWS


def test_agency_import_dropped_midway_leaves_no_recommendation(monkeypatch, shandong_list):
    """附件2: the session dies after the first agencies are registered: none of them stays."""
    campaign, organizer, user = shandong_list
    agencies_before = Agency.objects.count()
    content = agency_xlsx([agency_row(n) for n in range(1, 6)])
    monkeypatch.setattr(
        agency_services,
        "agency_register",
        drop_before(agency_services, "agency_register", on_call=3),
    )
    with pytest.raises(DROPPED):
        agency_list_import(
            campaign=campaign, organizer=organizer, file=io.BytesIO(content), actor=user
        )
    monkeypatch.undo()
    assert Agency.objects.count() == agencies_before
    assert Recommendation.objects.filter(organizer=organizer).count() == 1  # the fixture's
    outcome = agency_list_import(
        campaign=campaign, organizer=organizer, file=io.BytesIO(content), actor=user
    )
    assert outcome.created == 5 and Agency.objects.count() == agencies_before + 5


@pytest.mark.django_db
def test_a_write_failing_midway_rolls_the_whole_import_back(monkeypatch, campaign, shandong):
    """Any database: the last write step fails as a dropped connection does; nothing stays."""
    recommend(campaign, shandong, AgencyFactory(name=AGENCY))

    def dropped(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(intent_import, "letters_sync", dropped)
    with pytest.raises(OperationalError):
        intent_list_import(campaign=campaign, organizer=shandong, file=intent_file(), actor=None)
    assert nothing_imported(shandong)
