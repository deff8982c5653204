"""The people page and the contacts-to-invite page cost the same number of queries whatever the
number of accounts, pending invitations and 附件2/附件3 rows (bench/bench_accounts.py times them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.choices import Role
from portal.models import Invitation
from tests.factories import EnterpriseFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _people(organizer, inviter, start: int, count: int) -> None:
    """`count` colleagues: every other one invited and never signed in (a pending link)."""
    import datetime as dt

    from django.utils import timezone

    for n in range(start, start + count):
        user = UserFactory(
            username=f"colleague{n}", role=Role.ORGANIZER, organizer=organizer, last_login=None
        )
        if n % 2:
            Invitation.objects.create(
                user=user,
                invited_by=inviter,
                organizer=organizer,
                nonce=f"n{n}",
                token_hash=f"people-queries-{n}",
                expires_at=timezone.now() + dt.timedelta(days=7),
            )


def _count(client, url: str) -> int:
    client.get(url)  # warm the caches a first request fills
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_people_page_queries_do_not_grow_with_accounts(organizer_admin, client_for):
    """5 accounts and 60 accounts (half with pending invitations): the same queries."""
    client = client_for(organizer_admin)
    organizer = organizer_admin.organizer
    _people(organizer, organizer_admin, 0, 5)
    few = _count(client, "/accounts/people/")
    _people(organizer, organizer_admin, 5, 55)
    many = _count(client, "/accounts/people/")
    assert few == many
    assert "colleague59" in client.get("/accounts/people/?q=colleague59").content.decode()


def test_invite_contacts_page_queries_do_not_grow_with_rows(organizer_admin, campaign, client_for):
    """The 附件3 rows with their contacts: 3 rows and 40 rows cost the same queries."""
    client = client_for(organizer_admin)
    organizer = organizer_admin.organizer

    def rows(start, count):
        for n in range(start, start + count):
            enterprise = EnterpriseFactory(contact_name=f"联系人{n}", contact_email=f"q{n}@qy.cn")
            TaskFactory(campaign=campaign, organizer=organizer, enterprise=enterprise)

    url = f"/accounts/invite-contacts/?source=enterprises&year={campaign.year}"
    rows(0, 3)
    few = _count(client, url)
    rows(3, 37)
    many = _count(client, url)
    assert few == many
    assert "q39@qy.cn" in client.get(url).content.decode()
