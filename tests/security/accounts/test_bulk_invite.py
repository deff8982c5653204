"""Inviting 300 enterprise contacts from 附件3: one request, a fixed number of queries."""

import math

import pytest
from django.core import mail
from django.db import connection

from portal.models import AuditLog, Invitation, User
from tests.factories import EnterpriseFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _rows(organizer, campaign, count: int) -> list[int]:
    ids = []
    for i in range(count):
        enterprise = EnterpriseFactory(
            contact_name=f"联系人{i}", contact_phone=f"1380000{i:04d}", contact_email=f"c{i}@qy.cn"
        )
        ids.append(TaskFactory(campaign=campaign, organizer=organizer, enterprise=enterprise).pk)
    return ids


def _insert_statements(count: int) -> int:
    """INSERTs of `count` users, invitations and audit rows: one per table, except where the
    database caps the parameters of a statement (SQLite: 999), which splits them in batches."""
    limit = connection.features.max_query_params
    if not limit:
        return 3
    columns = [len(m._meta.concrete_fields) - 1 for m in (User, Invitation, AuditLog)]
    return sum(math.ceil(count / (limit // c)) for c in columns)


def _post(client, ids):
    return client.post(
        "/accounts/invite-contacts/", {"source": "enterprises", "year": 2021, "rows": ids}
    )


@pytest.mark.parametrize("count", [10, 300])
def test_bulk_invite_query_count_is_flat(
    count,
    organizer_admin,
    campaign,
    client_for,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    """The same bound at 10 and 300 rows, besides the database's INSERT batches. Itemised:
    session and user (2), the chosen rows (1), e-mails taken and the enterprises' accounts
    (2), savepoint and release (2), the bulk INSERTs of users, invitations and audit rows (the
    e-mails and the "account invited" notices come after the commit)."""
    ids = _rows(organizer_admin.organizer, campaign, count)
    client = client_for(organizer_admin)
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_max_num_queries(7 + _insert_statements(count)),
    ):
        response = _post(client, ids)
    assert response.status_code == 302
    assert User.objects.filter(enterprise__isnull=False).count() == count
    assert not mail.outbox  # nothing was mailed inside the request
    for callback in callbacks:  # the worker's turn (eager here)
        callback()
    assert len(mail.outbox) == count
    assert Invitation.objects.filter(sent_at__isnull=False).count() == count


def test_bulk_invite_again_creates_nothing(
    organizer_admin, campaign, client_for, django_capture_on_commit_callbacks
):
    """Inviting the same rows twice leaves one account per enterprise."""
    ids = _rows(organizer_admin.organizer, campaign, 3)
    client = client_for(organizer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, ids)
        _post(client, ids)
    assert User.objects.filter(enterprise__isnull=False).count() == 3
    assert len(mail.outbox) == 3


def test_row_without_email_is_reported(organizer_admin, campaign, client_for):
    task = TaskFactory(campaign=campaign, organizer=organizer_admin.organizer)
    response = _post(client_for(organizer_admin), [task.pk])
    assert response.status_code == 302
    assert not User.objects.filter(enterprise=task.enterprise).exists()


def test_other_organizers_rows_are_404(
    organizer_admin, other_organizer_admin, campaign, client_for
):
    ids = _rows(other_organizer_admin.organizer, campaign, 2)
    assert _post(client_for(organizer_admin), ids).status_code == 404
    assert not User.objects.filter(enterprise__isnull=False).exists()


def test_typed_email_invites_a_row_without_one(
    organizer_admin, campaign, client_for, django_capture_on_commit_callbacks
):
    """A row without an e-mail is invited with the address typed in the row; the national
    enterprise record is left as it is."""
    task = TaskFactory(campaign=campaign, organizer=organizer_admin.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(organizer_admin).post(
            "/accounts/invite-contacts/",
            {
                "source": "enterprises",
                "year": 2021,
                "rows": [task.pk],
                f"email-{task.pk}": "t@qy.cn",
            },
        )
    assert User.objects.get(enterprise=task.enterprise).email == "t@qy.cn"
    assert mail.outbox[0].to == ["t@qy.cn"]
    task.enterprise.refresh_from_db()
    assert task.enterprise.contact_email == ""
