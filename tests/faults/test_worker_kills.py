"""Workers killed in the middle of renders: every job still completes, exactly once, in time.

Real workers against REDIS_URL render real documents, slowed down by PORTAL_TEST_RENDER_DELAY
so there is time to kill them. They run with a short visibility timeout and restore interval
(CELERY_VISIBILITY_TIMEOUT, CELERY_RESTORE_INTERVAL) so that a task abandoned by a dead worker
comes back within seconds: recovery must take at most visibility + restore interval + 15 s.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

from portal.choices import DocumentKind, JobState, Role
from portal.jobs.service import document_job_request
from portal.jobs.tasks import render_document
from portal.models import DocumentJob
from tests.factories import CampaignFactory, TaskFactory, UserFactory, province
from tests.faults.conftest import broker_at, needs_redis
from tests.integration import celery_worker, wait_for

pytestmark = [pytest.mark.integration, needs_redis]

VISIBILITY_S, RESTORE_S, MARGIN_S = 10, 2, 15
WORKER_ENV = {
    "PORTAL_TEST_RENDER_DELAY": "4",
    "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_S),
    "CELERY_RESTORE_INTERVAL": str(RESTORE_S),
}
PROVINCES = ("130000", "370000", "410000")


@pytest.fixture
def jobs(reference_data, shared_database):
    """Three organizers' 附件3 jobs, recorded but not yet sent."""
    campaign = CampaignFactory(year=2021)
    made = []
    for code in PROVINCES:
        organizer = province(code)
        TaskFactory.create_batch(3, campaign=campaign, organizer=organizer)
        user = UserFactory(username=f"kill-{code}", role=Role.ORGANIZER, organizer=organizer)
        made.append(
            document_job_request(
                actor=user,
                kind=DocumentKind.FORM_INTENT,
                campaign=campaign,
                organizer=organizer,
                dispatch=False,
            )
        )
    with broker_at(os.environ["REDIS_URL"]):
        yield made


def _send(jobs, queue: str) -> None:
    for job in jobs:
        render_document.apply_async(args=[job.pk], queue=queue)


def _rendering() -> DocumentJob:
    """The job a worker is in the middle of (its progress has moved)."""
    return wait_for(
        lambda: DocumentJob.objects.filter(state=JobState.RUNNING, progress__gt=0).first(),
        timeout=90,
    )


def _seconds_until_claimed_again(job: DocumentJob, killed_at: float) -> float:
    wait_for(lambda: DocumentJob.objects.filter(pk=job.pk, attempts__gte=2).exists(), timeout=90)
    return time.monotonic() - killed_at


def _assert_each_done_once(jobs) -> None:
    wait_for(
        lambda: DocumentJob.objects.filter(state=JobState.DONE).count() == len(jobs), timeout=120
    )
    for job in DocumentJob.objects.all():
        outputs = [p.name for p in Path(settings.MEDIA_ROOT).rglob(f"job-{job.pk}-*")]
        assert outputs == [Path(job.output.name).name], job
        assert job.error == "" and job.progress == 100
    assert DocumentJob.objects.count() == len(jobs)


def _pool_child(pid: int) -> int:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    children = [int(line) for line in found.stdout.split()]
    assert children, f"worker {pid} has no pool process"
    return children[0]


def test_killing_the_pool_child_mid_render_redelivers_at_once(jobs):
    """SIGKILL of the prefork child: the same worker renders the job again; all done once."""
    with celery_worker(extra_env=WORKER_ENV) as (worker, queue):
        _send(jobs, queue)
        victim = _rendering()
        os.kill(_pool_child(worker.pid), signal.SIGKILL)
        killed_at = time.monotonic()
        recovery = _seconds_until_claimed_again(victim, killed_at)
        _assert_each_done_once(jobs)
    assert recovery <= VISIBILITY_S + RESTORE_S + MARGIN_S


def test_killing_the_whole_worker_mid_render_hands_the_job_to_another(jobs):
    """SIGKILL of the worker and its children: a second worker picks the abandoned job up
    after the visibility timeout; every job is done exactly once."""
    with celery_worker(extra_env=WORKER_ENV) as (first, queue):
        _send(jobs, queue)
        victim = _rendering()
        os.killpg(first.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        first.wait(timeout=10)
    assert DocumentJob.objects.get(pk=victim.pk).state == JobState.RUNNING
    with celery_worker(queue=queue, concurrency=2, extra_env=WORKER_ENV):
        recovery = _seconds_until_claimed_again(victim, killed_at)
        _assert_each_done_once(jobs)
    assert recovery <= VISIBILITY_S + RESTORE_S + MARGIN_S
