"""Administrators of each tenant, with a second tenant at hand."""

import re

import pytest
from django.core import mail

from portal.choices import Duty, Role
from tests.factories import UserFactory


@pytest.fixture
def organizer_admin(hebei):
    return UserFactory(
        username="hebei-admin", role=Role.ORGANIZER, organizer=hebei, tenant_admin=True
    )


@pytest.fixture
def other_organizer_admin(shandong):
    return UserFactory(
        username="shandong-admin", role=Role.ORGANIZER, organizer=shandong, tenant_admin=True
    )


@pytest.fixture
def agency_admin(agency):
    return UserFactory(username="agency-admin", role=Role.AGENCY, agency=agency, tenant_admin=True)


@pytest.fixture
def security_admin(db):
    return UserFactory(username="secadmin", role=Role.MINISTRY, duty=Duty.SECURITY)


def link_in_mail(index: int = -1) -> str:
    """The path of the one-time link in an e-mail of the outbox."""
    match = re.search(r"https?://[^/\s]+(/accounts/\S+/)", mail.outbox[index].body)
    assert match, mail.outbox[index].body
    return match.group(1)
