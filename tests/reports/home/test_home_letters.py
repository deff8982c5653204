"""Unsigned task letters are asked for only where the campaign's obligations say the organizer's
kind signs them: a province and its agencies are reminded, an association and its agencies not."""

import pytest
from django.urls import reverse

from enterprises.models import TaskLetter
from enterprises.services import letters_sync
from portal.choices import Role
from tests.factories import OrganizerFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _draft_letter(campaign, organizer, agency):
    TaskFactory(campaign=campaign, organizer=organizer, agency=agency)
    letters_sync(campaign=campaign, organizer=organizer)
    return TaskLetter.objects.get(campaign=campaign, organizer=organizer, agency=agency)


def test_a_province_is_reminded_of_its_unsigned_letters_an_association_not(
    campaign, hebei, agency, organizer_user, client_for
):
    _draft_letter(campaign, hebei, agency)
    association = OrganizerFactory()
    official = UserFactory(role=Role.ORGANIZER, organizer=association)
    _draft_letter(campaign, association, agency)
    assert client_for(organizer_user).get(reverse("home")).context["letters_unsigned"] == 1
    assert client_for(official).get(reverse("home")).context["letters_unsigned"] == 0


def test_an_agency_counts_only_the_letters_it_must_sign(
    campaign, hebei, agency, agency_user, client_for
):
    _draft_letter(campaign, hebei, agency)
    _draft_letter(campaign, OrganizerFactory(), agency)
    assert client_for(agency_user).get(reverse("home")).context["letters_unsigned"] == 1
