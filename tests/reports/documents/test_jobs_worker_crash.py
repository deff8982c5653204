"""A real worker killed in the middle of a render: the job still finishes, exactly once.

Needs REDIS_URL and a database the worker process can open too (PostgreSQL, as `make test`
runs with DATABASE_URL; pytest's in-memory SQLite is private to this process). The worker's
renders are slowed down by PORTAL_TEST_RENDER_DELAY so that there is time to kill its child.
"""

import os
import signal
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app
from portal.choices import DocumentKind, JobState, Role
from portal.jobs.service import document_job_request
from portal.jobs.tasks import render_document
from portal.models import DocumentJob
from tests.factories import CampaignFactory, TaskFactory, UserFactory, province
from tests.integration import celery_worker, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
]


@pytest.fixture
def real_broker():
    """This test talks to the real Redis, not the eager in-process Celery of the unit tests."""
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("the worker cannot open pytest's in-memory SQLite: set DATABASE_URL")
    url = os.environ["REDIS_URL"]
    old = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    app.conf.update(task_always_eager=False, broker_url=url, result_backend=url)
    yield
    app.conf.update(**old)


def _child_of(pid: int) -> int:
    """The pool process of a prefork worker with concurrency 1."""
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    children = [int(line) for line in found.stdout.split()]
    assert children, f"worker {pid} has no child process"
    return children[0]


def _outputs(job: DocumentJob) -> list[Path]:
    return list(Path(settings.MEDIA_ROOT).rglob(f"job-{job.pk}-*"))


def test_killing_the_workers_child_mid_render_completes_the_job_once(reference_data, real_broker):
    """SIGKILL during the render: the job is redelivered, rendered again and done once."""
    campaign, hebei = CampaignFactory(year=2021), province("130000")
    TaskFactory.create_batch(5, campaign=campaign, organizer=hebei)
    user = UserFactory(username="crash-hebei", role=Role.ORGANIZER, organizer=hebei)
    job = document_job_request(
        actor=user,
        kind=DocumentKind.FORM_INTENT,
        campaign=campaign,
        organizer=hebei,
        dispatch=False,
    )
    with celery_worker(extra_env={"PORTAL_TEST_RENDER_DELAY": "4"}) as (worker, queue):
        render_document.apply_async(args=[job.pk], queue=queue)
        wait_for(
            lambda: DocumentJob.objects.filter(
                pk=job.pk, state=JobState.RUNNING, progress__gt=0
            ).exists(),
            timeout=90,
        )
        os.kill(_child_of(worker.pid), signal.SIGKILL)
        wait_for(
            lambda: DocumentJob.objects.filter(pk=job.pk, state=JobState.DONE).exists(), timeout=120
        )
    job.refresh_from_db()
    assert job.attempts >= 2 and job.error == ""
    assert [path.name for path in _outputs(job)] == [Path(job.output.name).name]
    assert DocumentJob.objects.filter(kind=DocumentKind.FORM_INTENT).count() == 1
