"""The notices page: one's own notices only, unread filter, read one, mark all read."""

import pytest
from django.urls import reverse

from portal.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(organizer_user, other_organizer_user):
    mine = [
        Notice.objects.create(recipient=organizer_user, title=f"提醒{i}", url="/reports/dashboard/")
        for i in range(3)
    ]
    theirs = Notice.objects.create(recipient=other_organizer_user, title="山东的提醒")
    return mine, theirs


def test_page_lists_only_the_users_own_notices(client_for, organizer_user, notices):
    """Hebei's staff see their three notices and not Shandong's."""
    body = client_for(organizer_user).get(reverse("notices")).content.decode()
    assert body.count('data-read="no"') == 3
    assert "山东的提醒" not in body


def test_ministry_staff_do_not_see_other_peoples_notices(client_for, ministry_user, notices):
    """Notices are personal even for the ministry, which otherwise reads everything."""
    response = client_for(ministry_user).get(reverse("notices"))
    assert not response.context["page_obj"].object_list


def test_reading_a_notice_marks_it_and_follows_its_link(client_for, organizer_user, notices):
    """POST …/read/ sets read_at and redirects to the notice's page."""
    mine, _ = notices
    response = client_for(organizer_user).post(reverse("notice-read", args=[mine[0].pk]))
    assert response["Location"] == "/reports/dashboard/"
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None


def test_another_users_notice_is_a_404(client_for, organizer_user, ministry_user, notices):
    """Marking someone else's notice read is a 404, for the ministry too."""
    _, theirs = notices
    for user in (organizer_user, ministry_user):
        assert client_for(user).post(reverse("notice-read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_unread_filter_and_mark_all_read(client_for, organizer_user, notices):
    """?show=unread lists unread ones; POST to the page marks all of them read."""
    mine, theirs = notices
    client = client_for(organizer_user)
    client.post(reverse("notice-read", args=[mine[0].pk]))
    unread = client.get(reverse("notices"), {"show": "unread"}).context["page_obj"]
    assert len(unread.object_list) == 2
    client.post(reverse("notices"))
    assert not Notice.objects.filter(recipient=organizer_user, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
