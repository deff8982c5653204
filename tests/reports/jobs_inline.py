"""A stand-in for the document worker in tests that queue jobs (exports).

portal.tasks.JobTask derives from celery.Task rather than Celery's DjangoTask, so
render_document has no delay_on_commit yet (reported to the kernel's owner). Until it has, this
fixture gives it one with the same meaning: run the real Celery task in-process after commit.
"""

from types import SimpleNamespace

import pytest
from django.db import transaction


@pytest.fixture
def inline_worker(monkeypatch):
    from portal.tasks import render_document

    if hasattr(render_document, "delay_on_commit"):
        return
    monkeypatch.setattr(
        "portal.tasks.render_document",
        SimpleNamespace(
            delay_on_commit=lambda job_id: transaction.on_commit(
                lambda: render_document.apply(args=[job_id])
            )
        ),
    )
