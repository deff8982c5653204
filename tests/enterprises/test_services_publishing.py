"""Publishing the national list: approved intent lists, a snapshot, and its history."""

import pytest
from django.core.exceptions import PermissionDenied

from enterprises.choices import TaskState
from enterprises.models import PublishedList, TaskEvent
from enterprises.services import published_list_publish
from portal.errors import DomainError
from tests.factories import SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_hebei(campaign, hebei):
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    return TaskFactory.create_batch(
        3, campaign=campaign, organizer=hebei, state=TaskState.LETTER_SIGNED
    )


def test_publishing_moves_approved_tasks_and_snapshots_them(
    approved_hebei, campaign, ministry_user
):
    """Tasks of approved lists become published (with events) and enter the snapshot."""
    published = published_list_publish(campaign=campaign, actor=ministry_user)
    assert published.version == 1 and published.is_current and published.entry_count == 3
    assert {t.state for t in approved_hebei[0].__class__.objects.all()} == {TaskState.PUBLISHED}
    assert TaskEvent.objects.filter(action="publish").count() == 3
    entry = published.entries.first()
    assert entry.organizer_name == "河北省" or entry.organizer_code == "130000"
    # The list is ordered by agency name within an organizer; the factories' names carry a
    # sequence number, so which task comes first depends on how many ran before this test.
    first = min(approved_hebei, key=lambda t: (t.agency.name, t.seq, t.pk))
    assert entry.enterprise_name == first.enterprise.name


def test_lists_not_yet_approved_stay_out(approved_hebei, campaign, shandong, ministry_user):
    """A submitted (not approved) list is not published."""
    SubmissionFactory(campaign=campaign, organizer=shandong, form=3, submitted=True)
    waiting = TaskFactory(campaign=campaign, organizer=shandong, state=TaskState.LETTER_SIGNED)
    published = published_list_publish(campaign=campaign, actor=ministry_user)
    assert published.entry_count == 3
    waiting.refresh_from_db()
    assert waiting.state == TaskState.LETTER_SIGNED


def test_publishing_again_replaces_and_keeps_the_history(
    approved_hebei, campaign, shandong, ministry_user
):
    """Version 2 becomes current; version 1 stays unchanged in the history."""
    first = published_list_publish(campaign=campaign, actor=ministry_user)
    SubmissionFactory(campaign=campaign, organizer=shandong, form=3, approved=True)
    TaskFactory(campaign=campaign, organizer=shandong, state=TaskState.LETTER_SIGNED)
    second = published_list_publish(campaign=campaign, actor=ministry_user)
    first.refresh_from_db()
    assert (first.is_current, second.is_current, second.version) == (False, True, 2)
    assert first.entries.count() == 3 and second.entries.count() == 4
    assert PublishedList.objects.filter(campaign=campaign, is_current=True).count() == 1


def test_only_the_ministry_publishes(approved_hebei, campaign, organizer_user):
    """An organizer cannot publish."""
    with pytest.raises(PermissionDenied):
        published_list_publish(campaign=campaign, actor=organizer_user)


def test_nothing_approved_nothing_published(campaign, ministry_user):
    """Without an approved intent list there is nothing to publish."""
    with pytest.raises(DomainError):
        published_list_publish(campaign=campaign, actor=ministry_user)
