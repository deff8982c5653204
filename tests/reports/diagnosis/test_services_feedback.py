"""The enterprise confirms and rates its diagnosis; an organizer may record it by phone."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.errors import DomainError, InvalidMove
from reports.diagnosis.services.feedback import feedback_save
from tests.reports.reporting import published_task, rate, submitted_task


@pytest.fixture
def submitted(agency_user, enterprise, campaign):
    return submitted_task(agency_user, enterprise=enterprise, campaign=campaign)


def test_enterprise_confirms_and_rates(submitted, enterprise_user):
    """The enterprise's own feedback is marked as given by the enterprise."""
    feedback = feedback_save(
        task_id=submitted.pk, actor=enterprise_user, confirmed=True, rating=4, comments="建议实用"
    )
    assert (feedback.rating, feedback.source, feedback.on_behalf) == (4, "enterprise", False)


def test_phone_feedback_is_marked_as_on_behalf(submitted, organizer_user):
    """The organizer's record names the person phoned and says it was taken by phone."""
    feedback = feedback_save(
        task_id=submitted.pk, actor=organizer_user, confirmed=True, rating=3, contact_name="王主任"
    )
    assert (feedback.source, feedback.on_behalf, feedback.contact_name) == ("phone", True, "王主任")


def test_phone_feedback_needs_the_person_phoned(submitted, organizer_user):
    """Without the contact's name the record is refused."""
    with pytest.raises(DomainError):
        feedback_save(task_id=submitted.pk, actor=organizer_user, confirmed=True, rating=3)


def test_phone_record_cannot_overwrite_the_enterprise(submitted, organizer_user, enterprise_user):
    """Once the enterprise has spoken, nobody speaks for it."""
    rate(submitted, enterprise_user, rating=2)
    with pytest.raises(InvalidMove):
        feedback_save(
            task_id=submitted.pk,
            actor=organizer_user,
            confirmed=True,
            rating=5,
            contact_name="王主任",
        )


def test_enterprise_replaces_a_phone_record(submitted, organizer_user, enterprise_user):
    """The enterprise's own word replaces what was noted by phone."""
    feedback_save(
        task_id=submitted.pk, actor=organizer_user, confirmed=True, rating=5, contact_name="王主任"
    )
    feedback = feedback_save(task_id=submitted.pk, actor=enterprise_user, confirmed=True, rating=2)
    assert (feedback.rating, feedback.source) == (2, "enterprise")


def test_rating_outside_1_to_5_is_refused(submitted, enterprise_user):
    """Satisfaction runs from 1 to 5."""
    with pytest.raises(DomainError):
        feedback_save(task_id=submitted.pk, actor=enterprise_user, confirmed=True, rating=6)


def test_no_feedback_before_the_report_is_submitted(
    agency_user, enterprise, enterprise_user, campaign
):
    """A task still being written has nothing to rate yet."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    with pytest.raises(InvalidMove):
        feedback_save(task_id=task.pk, actor=enterprise_user, confirmed=True, rating=5)


def test_another_enterprise_gets_404(submitted, other_enterprise_user):
    """Another enterprise cannot rate this diagnosis."""
    with pytest.raises(Http404):
        feedback_save(task_id=submitted.pk, actor=other_enterprise_user, confirmed=True, rating=1)


def test_agency_cannot_rate_itself(submitted, agency_user):
    """The agency does not give the enterprise's feedback."""
    with pytest.raises(PermissionDenied):
        feedback_save(task_id=submitted.pk, actor=agency_user, confirmed=True, rating=5)
