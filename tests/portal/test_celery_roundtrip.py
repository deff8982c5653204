"""A task goes through Redis to a real worker process and its result comes back."""

import os

import pytest

from portal.celery import app, ping
from tests.integration import celery_worker

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
]


@pytest.fixture
def real_broker(settings):
    """Turn off eager mode and point the app at the real Redis for this test."""
    url = os.environ["REDIS_URL"]
    old = dict(app.conf)
    app.conf.update(task_always_eager=False, broker_url=url, result_backend=url)
    yield
    app.conf.update(
        task_always_eager=old["task_always_eager"],
        broker_url=old["broker_url"],
        result_backend=old["result_backend"],
    )


def test_ping_round_trip_through_redis_worker(real_broker):
    """ping(41) sent to a worker started by the test comes back as 42."""
    with celery_worker() as (_process, queue):
        result = ping.apply_async(args=[41], queue=queue)
        assert result.get(timeout=60) == 42
