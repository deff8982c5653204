"""/metrics: request, job and queue metrics in the Prometheus format, for allowed scrapers only."""

import pytest
from django.test import override_settings
from prometheus_client.parser import text_string_to_metric_families

from portal import metrics
from portal.celery import app as celery_app
from portal.choices import JobState

PRODUCTION = {"ALLOWED_HOSTS": ["portal.example.gov.cn"], "SECURE_SSL_REDIRECT": True}


def _samples(response) -> dict[tuple[str, tuple], float]:
    text = response.content.decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_loopback_scraper_reads_request_metrics_under_production_hosts(client):
    client.get("/accounts/login/", HTTP_HOST="portal.example.gov.cn", secure=True)
    response = client.get("/metrics", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    samples = _samples(response)
    names = {name for name, _ in samples}
    assert "django_http_requests_latency_seconds_by_view_method_count" in names
    assert "django_http_responses_total_by_status_total" in names
    assert samples[("portal_document_jobs", (("state", "queued"),))] == 0


@override_settings(METRICS_ALLOWED_NETWORKS=["10.0.0.0/8"], METRICS_TOKEN="")
def test_outside_the_allowed_networks_is_refused(client):
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.9").status_code == 403


@pytest.mark.django_db
@override_settings(METRICS_ALLOWED_NETWORKS=[], METRICS_TOKEN="s3cret-token-for-prometheus")
def test_token_without_networks(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 403
    wrong = client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 403
    right = client.get(
        "/metrics",
        REMOTE_ADDR="203.0.113.7",
        HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus",
    )
    assert right.status_code == 200


@pytest.mark.django_db
@override_settings(METRICS_ALLOWED_NETWORKS=["127.0.0.1/32"], METRICS_TOKEN="tok")
def test_network_and_token_both_required_when_both_set(client):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer tok").status_code == 200


@override_settings(METRICS_ALLOWED_NETWORKS=[], METRICS_TOKEN="")
def test_nothing_configured_means_nobody(client):
    assert client.get("/metrics").status_code == 403


@pytest.mark.django_db
def test_queue_depth_counts_open_document_jobs(client, ministry_user):
    from portal.models import DocumentJob

    for state in (JobState.QUEUED, JobState.QUEUED, JobState.RUNNING, JobState.DONE):
        DocumentJob.objects.create(requested_by=ministry_user, kind="form3", state=state)
    samples = _samples(client.get("/metrics"))
    assert samples[("portal_document_jobs", (("state", "queued"),))] == 2
    assert samples[("portal_document_jobs", (("state", "running"),))] == 1
    assert samples[("portal_document_job_oldest_queued_seconds", ())] >= 0


def test_task_duration_and_failures_are_counted():
    @celery_app.task(name="tests.metrics_boom")
    def boom():
        raise ValueError("boom")

    @celery_app.task(name="tests.metrics_fine")
    def fine():
        return 1

    def value(name, **labels):
        return metrics.REGISTRY.get_sample_value(name, labels) or 0

    before_ok = value(
        "portal_task_duration_seconds_count", task="tests.metrics_fine", outcome="success"
    )
    before_failed = value("portal_task_failures_total", task="tests.metrics_boom")
    fine.apply()
    boom.apply()
    assert (
        value("portal_task_duration_seconds_count", task="tests.metrics_fine", outcome="success")
        == before_ok + 1
    )
    assert value("portal_task_failures_total", task="tests.metrics_boom") == before_failed + 1
    assert (
        value("portal_task_duration_seconds_count", task="tests.metrics_boom", outcome="failure")
        >= 1
    )


def test_metrics_still_answer_while_the_database_does_not(client, monkeypatch):
    from django.db import OperationalError

    def down(self):
        raise OperationalError("connection refused")
        yield  # a generator, like the real one

    monkeypatch.setattr(metrics.QueueCollector, "_jobs", down)
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "portal_document_jobs" not in response.content.decode()
    assert "django_http_requests_total_by_method" in response.content.decode()


def test_a_process_file_not_sized_yet_does_not_fail_the_scrape(tmp_path):
    """A process's metrics file exists at 0 bytes before prometheus_client sizes it (upstream
    client_python#1199): the scrape leaves it out and still reads every other process's file."""
    from prometheus_client import CollectorRegistry, generate_latest, multiprocess
    from prometheus_client.mmap_dict import MmapedDict, mmap_key

    written = MmapedDict(str(tmp_path / "counter_101.db"))
    key = mmap_key("portal_demo_total", "portal_demo_total", [], [], "a counter of one process")
    written.write_value(key, 3.0, 0.0)
    written.close()
    (tmp_path / "counter_102.db").touch()  # the other process, caught between create and size

    plain = CollectorRegistry()
    multiprocess.MultiProcessCollector(plain, path=str(tmp_path))
    with pytest.raises(Exception):  # noqa: B017, PT011 - what upstream raises (struct.error)
        generate_latest(plain)

    registry = CollectorRegistry()
    metrics.LiveFilesCollector(registry, path=str(tmp_path))
    assert "portal_demo_total 3.0" in generate_latest(registry).decode()
