"""A migrated SQLite database kept as a file and copied into each worker's in-memory test database.

Migrating an empty database (every app's migrations and the data migrations that load the
reference tables) costs each pytest-xdist worker about 9 s of CPU on every run. On the embedded
default the first process to need it runs the real migrations once and saves the result under
`.pytest_cache/portal-test-db/<key>.sqlite3`; every later worker (and later run) copies that file
into its in-memory database with SQLite's backup API instead. The key is a hash of every installed
app's migration files, the project apps' `data/` files the data migrations read, and the Django
and SQLite versions, so changing any migration or reference file migrates again. PostgreSQL
(DATABASE_URL), `--nomigrations` and `--create-db` always migrate for real; the migration tests
(`test_migrations_*.py`) run the real migrations themselves in any case.
"""

import fcntl
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_APPS = ("portal", "provinces", "agencies", "enterprises", "reports")


def template_key() -> str:
    """A hash of everything the migrated database is made of."""
    import django
    from django.apps import apps

    digest = hashlib.sha256()
    digest.update(f"django {django.__version__} sqlite {sqlite3.sqlite_version}".encode())
    folders = []
    for config in apps.get_app_configs():
        folders.append(Path(config.path) / "migrations")
        if config.label in PROJECT_APPS:
            folders.append(Path(config.path) / "data")
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(folder.parent.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One process at a time builds or reads the template (the other xdist workers wait)."""
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


def migrate_from_template(
    migrate: Callable[..., object], folder: Path, *, rebuild: bool
) -> Callable[..., object]:
    """A stand-in for `call_command` that serves `migrate` of an in-memory SQLite database from
    the template (building it first when missing) and passes every other command through."""
    from django.db import connections

    def call_command(command_name, *args, **options):
        connection = connections[options.get("database", "default")]
        if command_name != "migrate" or not _in_memory_sqlite(connection):
            return migrate(command_name, *args, **options)
        folder.mkdir(parents=True, exist_ok=True)
        template = folder / f"{template_key()}.sqlite3"
        with _locked(folder / "lock"):
            connection.ensure_connection()
            if template.exists() and not rebuild:
                source = sqlite3.connect(template)
                try:
                    _copy(source, connection.connection)
                finally:
                    source.close()
                return None
            outcome = migrate(command_name, *args, **options)
            partial = template.with_suffix(f".{os.getpid()}.part")
            saved = sqlite3.connect(partial)
            try:
                _copy(connection.connection, saved)
            finally:
                saved.close()
            partial.replace(template)
            for old in folder.glob("*.sqlite3"):
                if old != template:
                    old.unlink(missing_ok=True)
            return outcome

    return call_command


class Snapshot:
    """The worker's test database as the session set it up, to put back after a flush.

    A transactional test (`transaction=True`, `live_server`) ends with Django's `flush`: every
    table emptied (about a hundred), the post-migrate signal run again, and the next test loads
    the reference data of the data migrations again (`tests.conftest.load_reference_data`) —
    about a second of CPU per test. On the embedded default (SQLite in memory) the session keeps
    a copy of its database as set up (migrated, reference data loaded) in a second in-memory
    database, and the flush after a transactional test copies it back with SQLite's backup API
    instead: the database is as the session began, reference data included, schema too (a test
    that migrated backwards leaves nothing behind). PostgreSQL flushes for real.
    """

    def __init__(self) -> None:
        self.copy: sqlite3.Connection | None = None

    def take(self, connection) -> bool:
        """Keep a copy of `connection`'s database when it is SQLite in memory."""
        if not _in_memory_sqlite(connection):
            return False
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        _copy(connection.connection, self.copy)
        return True

    def restore(self, connection) -> bool:
        """Put the copy back into `connection`'s database; False when there is none to use."""
        if self.copy is None or not _in_memory_sqlite(connection):
            return False
        if connection.in_atomic_block:
            return False  # a flush inside a transaction: not the test teardown's
        connection.ensure_connection()
        _copy(self.copy, connection.connection)
        return True

    def close(self) -> None:
        if self.copy is not None:
            self.copy.close()
            self.copy = None


SNAPSHOT = Snapshot()


def flush_from_snapshot(flush: Callable[..., object]) -> Callable[..., object]:
    """A stand-in for the `call_command` of django.test.testcases (its teardown flush): a plain
    flush of the default in-memory database is served from SNAPSHOT; anything else passes."""
    from django.db import DEFAULT_DB_ALIAS, connections

    def call_command(command_name, *args, **options):
        alias = options.get("database", DEFAULT_DB_ALIAS)
        if (
            command_name == "flush"
            and not args
            and alias == DEFAULT_DB_ALIAS
            and not options.get("allow_cascade")  # available_apps: a partial flush
            and not options.get("inhibit_post_migrate")  # serialized rollback loads its own rows
            and SNAPSHOT.restore(connections[alias])
        ):
            return None
        return flush(command_name, *args, **options)

    return call_command


def reference_data_kept() -> bool:
    """True when every flush puts the session's database back (reference data included), so
    nothing needs loading again after one."""
    return SNAPSHOT.copy is not None
