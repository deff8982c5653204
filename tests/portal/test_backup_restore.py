"""Backup and restore (portal/backup.py, `manage.py backup|restore|jobs_resume`).

A populated portal is backed up, wiped (every table dropped, every stored file deleted),
restored: every table's rows and every stored file's SHA-256 are back, and the document jobs in
flight at backup time are each rendered exactly once afterwards.
"""

import hashlib
import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from portal import backup as backups
from portal.choices import DocumentKind, JobState, Role
from portal.jobs.reconcile import document_jobs_reconcile
from portal.jobs.registry import REGISTRY, Builder
from portal.jobs.run import document_job_run
from portal.jobs.service import document_job_request
from portal.models import DocumentJob
from tests.factories import DocumentJobFactory, TaskFactory, TaskLetterFactory, UserFactory

KIND = DocumentKind.EXPORT


class CountingBuilder:
    def __init__(self):
        self.calls: list[int] = []

    def build(self, job, path: Path, progress) -> str:
        self.calls.append(job.pk)
        path.write_bytes(f"job {job.pk} rendered".encode())
        return "导出.txt"

    def version(self, job) -> str:
        return "v1"


@pytest.fixture
def builder(monkeypatch):
    counting = CountingBuilder()
    monkeypatch.setitem(REGISTRY, KIND, Builder(build=counting.build, version=counting.version))
    return counting


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    return tmp_path


def table_snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its rows' content."""

    def plain(value):
        return bytes(value) if isinstance(value, memoryview) else value

    snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(tuple(plain(v) for v in row)) for row in cursor.fetchall())
            snapshot[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return snapshot


def stored_files() -> dict[str, str]:
    result = {}
    for name in backups.stored_names():
        with default_storage.open(name, "rb") as f:
            result[name] = hashlib.sha256(f.read()).hexdigest()
    return result


def wipe(media_root: Path) -> None:
    """A fresh installation's empty database and storage: every table dropped, every file gone."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    shutil.rmtree(media_root, ignore_errors=True)


def populate(builder) -> dict[str, DocumentJob]:
    ministry = UserFactory(role=Role.MINISTRY)
    for _ in range(3):
        TaskFactory()
    letter = TaskLetterFactory(signed=True)
    letter.signed_scan.save("盖章任务书.pdf", ContentFile(b"%PDF-1.4 signed scan"), save=True)
    done = document_job_request(actor=ministry, kind=KIND, params={"n": 1}, dispatch=False)
    document_job_run(job_id=done.pk)
    # In flight at backup time: one queued (its message dies with the old broker), one running
    # (its worker dies with the old installation).
    queued = document_job_request(actor=ministry, kind=KIND, params={"n": 2}, dispatch=False)
    running = DocumentJobFactory(running=True, kind=KIND, requested_by=ministry)
    return {"done": done, "queued": queued, "running": running}


def round_trip(folders: Path, builder: CountingBuilder) -> None:
    jobs = populate(builder)
    tables, files = table_snapshot(), stored_files()
    assert len(files) == 2  # the signed scan and the finished job's file
    done = DocumentJob.objects.get(pk=jobs["done"].pk)
    assert files[done.output.name] == done.checksum  # the SHA-256 the job recorded

    call_command("backup")
    (backup,) = backups.backup_list()
    manifest = json.loads((backup.path / "manifest.json").read_text())
    assert {n: m["sha256"] for n, m in manifest["files"].items()} == files
    assert manifest["jobs_in_flight"] == sorted([jobs["queued"].pk, jobs["running"].pk])

    wipe(folders / "media")
    assert stored_files() == {}
    assert not connection.introspection.table_names()

    call_command("restore", str(backup.path), yes=True, no_resume=True)
    assert table_snapshot() == tables
    assert stored_files() == files

    # The jobs in flight are rendered once each, however often resume and the reconciler run.
    builder.calls.clear()
    call_command("jobs_resume", backup=backup.path)
    call_command("jobs_resume", backup=backup.path)
    document_jobs_reconcile(now=timezone.now() + timedelta(hours=1))
    assert sorted(builder.calls) == sorted([jobs["queued"].pk, jobs["running"].pk])
    for key in ("queued", "running", "done"):
        assert DocumentJob.objects.get(pk=jobs[key].pk).state == JobState.DONE
    assert DocumentJob.objects.get(pk=jobs["running"].pk).attempts == 2  # its first kept
    assert builder.calls.count(jobs["done"].pk) == 0


@pytest.mark.django_db(transaction=True)
def test_round_trip_on_this_database(reference_data, folders, builder):
    round_trip(folders, builder)


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_round_trip_on_postgresql_with_pg_dump(reference_data, folders, builder):
    assert connection.vendor == "postgresql"
    round_trip(folders, builder)
    (backup,) = backups.backup_list()
    assert (backup.path / "db.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup_before_touching_anything(reference_data, folders):
    default_storage.save("letters/2021/a.pdf", ContentFile(b"%PDF-1.4 a"))
    call_command("backup")
    (backup,) = backups.backup_list()
    (backup.path / "media" / "letters/2021/a.pdf").write_bytes(b"%PDF-1.4 tampered")
    default_storage.delete("letters/2021/a.pdf")
    tables = table_snapshot()
    with pytest.raises(Exception, match="does not match its manifest"):
        call_command("restore", str(backup.path), yes=True)
    assert table_snapshot() == tables
    assert stored_files() == {}


def test_retention_keeps_the_newest_and_drops_the_old(settings, tmp_path):
    now = timezone.now()
    for days in (0, 1, 2, 3, 40, 50):
        folder = tmp_path / (now - timedelta(days=days)).strftime(backups.STAMP)
        folder.mkdir()
        (folder / "manifest.json").write_text(json.dumps({"format": backups.FORMAT}))
    partial = tmp_path / ".20200101T000000Z.partial"
    partial.mkdir()
    os.utime(partial, (0, 0))
    deleted = backups.backup_prune(directory=tmp_path, keep=3, max_age_days=35, now=now)
    assert len(deleted) == 4  # the fourth newest, the two past 35 days, the stale partial
    kept = [b.path.name for b in backups.backup_list(tmp_path)]
    assert kept == [(now - timedelta(days=d)).strftime(backups.STAMP) for d in (0, 1, 2)]
    # the newest backup survives any age limit
    backups.backup_prune(directory=tmp_path, keep=1, max_age_days=1, now=now + timedelta(days=9))
    assert [b.path.name for b in backups.backup_list(tmp_path)] == kept[:1]


def test_jobs_resume_needs_a_backup_or_a_time():
    with pytest.raises(CommandError, match="--backup"):
        call_command("jobs_resume")


@pytest.mark.django_db
def test_jobs_resume_leaves_jobs_written_after_the_backup_alone(builder, folders):
    ministry = UserFactory(role=Role.MINISTRY)
    before = timezone.now() - timedelta(hours=1)
    live = DocumentJobFactory(running=True, kind=KIND, requested_by=ministry)
    fresh = DocumentJobFactory(kind=KIND, requested_by=ministry)
    call_command("jobs_resume", before=before.isoformat())
    assert builder.calls == []
    assert DocumentJob.objects.get(pk=live.pk).state == JobState.RUNNING
    assert DocumentJob.objects.get(pk=fresh.pk).state == JobState.QUEUED
