"""Celery adapters of the notices: ids in, a service call, safe to run twice (claims)."""

from celery import shared_task

from .delivery import digest_send, notices_deliver


@shared_task(name="portal.deliver_notices", acks_late=True)
def deliver_notices(notice_ids: list[int]) -> int:
    """Sent by notify() after its commit; returns how many notices went out now."""
    return notices_deliver(notice_ids=notice_ids)


@shared_task(name="portal.send_notice_digest", acks_late=True)
def send_notice_digest() -> int:
    """Daily (Celery beat): the digest e-mails; returns how many users got one."""
    return digest_send()
