"""Writes of the in-portal notices: marking them read (one, or all of a user's)."""

from django.utils import timezone

from .models import Notice


def notice_mark_read(*, notice: Notice, actor) -> Notice:
    """Only the recipient's own reading counts; reading again keeps the first time."""
    if notice.recipient_id == actor.pk and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notice_mark_all_read(*, actor) -> int:
    return Notice.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
