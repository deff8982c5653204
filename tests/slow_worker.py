"""The Celery app the integration tests start workers with: portal's, with every render slowed
down by PORTAL_TEST_RENDER_DELAY seconds (unset: no delay) so that a test has time to kill the
worker mid-way (tests/faults/test_worker_kills.py, tests/reports/test_jobs_worker_crash.py).

    celery -A tests.slow_worker worker ...
"""

import os
import time

from celery.signals import worker_process_init

from portal.celery import app

__all__ = ["app"]

DELAY_ENV = "PORTAL_TEST_RENDER_DELAY"
STEPS = 20


def _slowed(build):
    def wrapped(job, path, progress):
        delay = float(os.environ.get(DELAY_ENV) or 0)
        for step in range(STEPS if delay > 0 else 0):
            progress(step, STEPS * 4)  # up to a quarter: the render itself reports the rest
            time.sleep(delay / STEPS)
        return build(job, path, progress)

    return wrapped


@worker_process_init.connect
def slow_down_renders(**kwargs) -> None:
    """In each worker child (Django is set up, the builders are registered): wrap them all."""
    from portal.jobs.registry import REGISTRY, Builder

    for kind, builder in list(REGISTRY.items()):
        REGISTRY[kind] = Builder(build=_slowed(builder.build), version=builder.version)
