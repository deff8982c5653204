"""Backup and restore of the database and the stored files (docs/operations.md).

A backup is one directory under BACKUP_DIR named by its UTC time (20260531T020000Z):

    manifest.json   format, time, database engine, every file's SHA-256 and size,
                    the document jobs in flight
    db.dump         PostgreSQL: pg_dump --format=custom (restored by pg_restore)
    db.sqlite3      SQLite: a copy made with SQLite's online backup API
    media/…         every file of the default storage (local folder or S3 bucket), by name

The database is dumped first, the files copied after: every file a dumped row names already
exists then (a file is stored before the row that names it commits), so a restored row never
points at a missing file; a file made during the copy is an unnamed extra, harmless. The
directory is written as `.<name>.partial` and renamed when complete, so a backup cut short is
never taken for one.

A restore verifies every file of the backup against the manifest before it changes anything,
loads the database, writes the files back into the storage and reads each one back to compare
its SHA-256. Jobs that were queued or running at backup time are sent again once
(portal/jobs/resume.py), after the old broker's messages are purged: none is lost, none runs
twice.
"""

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from portal.choices import JobState

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
STAMP = "%Y%m%dT%H%M%SZ"
SKIP_PREFIXES = ("health/",)  # the readiness probe's short-lived files


class BackupError(Exception):
    """A backup that cannot be made or restored, with the reason for the operator."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict

    @property
    def created_at(self) -> datetime:
        return datetime.strptime(self.path.name, STAMP).replace(tzinfo=UTC)

    @property
    def dumped_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["database"]["dumped_at"])


# ---------------------------------------------------------------- checksums, storage walk
def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return sha256_of(f)


def stored_names(storage=default_storage, prefix: str = "") -> list[str]:
    """Every file name in `storage` (FileSystemStorage or S3Storage), sorted."""
    try:
        dirs, files = storage.listdir(prefix)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(prefix, f)) if prefix else f for f in files]
    for d in dirs:
        names += stored_names(storage, str(PurePosixPath(prefix, d)) if prefix else d)
    return sorted(n for n in names if not n.startswith(SKIP_PREFIXES))


# ---------------------------------------------------------------- the database
def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def _dump_database(folder: Path) -> dict:
    if _is_postgres():
        target = folder / "db.dump"
        args, env = _pg_args()
        dump = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        _run([*dump, "--file", str(target), *args], env)
        engine = "postgresql"
    elif connection.vendor == "sqlite":
        target = folder / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        engine = "sqlite"
    else:
        raise BackupError(f"No backup for the {connection.vendor} database engine.")
    return {"engine": engine, "file": target.name, "sha256": file_sha256(target)}


def _load_database(folder: Path, info: dict) -> None:
    source = folder / info["file"]
    if info["engine"] != ("postgresql" if _is_postgres() else connection.vendor):
        raise BackupError(
            f"The backup holds a {info['engine']} database; this installation uses "
            f"{connection.vendor}."
        )
    if _is_postgres():
        args, env = _pg_args()
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(source),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
        backup.close()


# ---------------------------------------------------------------- backup, verify, restore
def backup_create(*, directory: Path | None = None, now: datetime | None = None) -> Backup:
    """Dump the database, copy every stored file, write the manifest; returns the backup."""
    from portal.models import DocumentJob

    root = Path(directory or settings.BACKUP_DIR)
    name = (now or timezone.now()).astimezone(UTC).strftime(STAMP)
    final, work = root / name, root / f".{name}.partial"
    if final.exists():
        raise BackupError(f"A backup named {name} exists already.")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    in_flight = list(
        DocumentJob.objects.filter(state__in=[JobState.QUEUED, JobState.RUNNING])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    database = _dump_database(work)
    # Every row in the dump was written before this moment: jobs_resume sends the jobs in
    # flight up to it (portal/jobs/resume.py).
    database["dumped_at"] = timezone.now().isoformat()
    files: dict[str, dict] = {}
    for stored in stored_names():
        target = work / MEDIA / stored
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(stored, "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        files[stored] = {"sha256": file_sha256(target), "size": target.stat().st_size}
    manifest = {
        "format": FORMAT,
        "created_at": (now or timezone.now()).isoformat(),
        "database": database,
        "files": files,
        "jobs_in_flight": in_flight,
    }
    (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
    work.rename(final)
    log.info("Backup %s: database and %s files", final, len(files))
    return Backup(final, manifest)


def backup_open(path: Path) -> Backup:
    manifest_path = Path(path) / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path} is not a complete backup (no {MANIFEST}).")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return Backup(Path(path), manifest)


def backup_list(directory: Path | None = None) -> list[Backup]:
    """The complete backups under `directory`, newest first."""
    root = Path(directory or settings.BACKUP_DIR)
    found = []
    for path in root.glob("*") if root.is_dir() else []:
        try:
            datetime.strptime(path.name, STAMP).replace(tzinfo=UTC)
            found.append(backup_open(path))
        except (ValueError, BackupError):
            continue
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def backup_verify(backup: Backup) -> list[str]:
    """What does not match the manifest (an empty list: the backup is whole)."""
    problems = []
    database = backup.manifest["database"]
    db_file = backup.path / database["file"]
    if not db_file.is_file() or file_sha256(db_file) != database["sha256"]:
        problems.append(database["file"])
    for stored, meta in backup.manifest["files"].items():
        copy = backup.path / MEDIA / stored
        if not copy.is_file() or file_sha256(copy) != meta["sha256"]:
            problems.append(f"{MEDIA}/{stored}")
    return problems


def backup_restore(*, backup: Backup) -> dict[str, int]:
    """Load the backup's database and files into this installation (workers stopped)."""
    problems = backup_verify(backup)
    if problems:
        raise BackupError("The backup does not match its manifest: " + ", ".join(problems[:10]))
    _load_database(backup.path, backup.manifest["database"])
    restored = 0
    for stored, meta in backup.manifest["files"].items():
        if default_storage.exists(stored):
            default_storage.delete(stored)
        with (backup.path / MEDIA / stored).open("rb") as f:
            saved = default_storage.save(stored, File(f, name=stored))
        if saved != stored:
            raise BackupError(f"The storage stored {stored} as {saved}.")
        with default_storage.open(stored, "rb") as f:
            if sha256_of(f) != meta["sha256"]:
                raise BackupError(f"{stored} reads back with another SHA-256.")
        restored += 1
    log.info("Restored %s: database and %s files", backup.path, restored)
    return {"files": restored}


def backup_prune(
    *,
    directory: Path | None = None,
    keep: int | None = None,
    max_age_days: int | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Delete backups past the newest `keep` (BACKUP_KEEP) or older than `max_age_days`
    (BACKUP_MAX_AGE_DAYS, 0 = no age limit); the newest backup is always kept. Also removes
    backups cut short (`.partial`) older than a day. Returns the deleted paths."""
    keep = settings.BACKUP_KEEP if keep is None else keep
    max_age_days = settings.BACKUP_MAX_AGE_DAYS if max_age_days is None else max_age_days
    now = now or timezone.now()
    backups = backup_list(directory)
    deleted = []
    for index, backup in enumerate(backups):
        too_many = index >= max(keep, 1)
        too_old = bool(max_age_days) and now - backup.created_at > timedelta(days=max_age_days)
        if index > 0 and (too_many or too_old):
            shutil.rmtree(backup.path)
            deleted.append(backup.path)
    root = Path(directory or settings.BACKUP_DIR)
    for partial in root.glob(".*.partial") if root.is_dir() else []:
        if now.timestamp() - partial.stat().st_mtime > 86400:
            shutil.rmtree(partial)
            deleted.append(partial)
    return deleted
