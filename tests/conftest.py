"""Role fixtures, each with a second tenant at hand for scoping tests."""

from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from portal.choices import Role
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    EnterpriseFactory,
    UserFactory,
    province,
)

PASSWORD = "Secret-pass-2021"


@pytest.fixture(scope="session")
def _migrated_template(request):
    """While pytest-django creates the test database: take the embedded default's migrated
    database from the template file instead of migrating again (tests/db_template.py).
    Yields the function that puts Django's `call_command` back (once the database exists)."""
    import django.core.management

    from tests.db_template import migrate_from_template

    original = django.core.management.call_command

    def restore() -> None:
        django.core.management.call_command = original

    option = request.config.option
    if not getattr(option, "nomigrations", False):
        django.core.management.call_command = migrate_from_template(
            original,
            Path(str(request.config.cache.mkdir("portal-test-db"))),
            rebuild=bool(getattr(option, "create_db", False)),
        )
    try:
        yield restore
    finally:
        restore()


@pytest.fixture(scope="session")
def django_db_setup(_migrated_template, django_db_setup, django_db_blocker):
    """pytest-django's (which runs after `_migrated_template`, its first argument), with the
    migrations served from the template; tests that call `migrate` themselves get the real one.

    On SQLite in memory the database as set up is kept, and the flush that ends each
    transactional test puts it back instead of emptying every table (tests/db_template.py
    `Snapshot`): no reference data to load again after it."""
    import django.test.testcases

    from tests.db_template import SNAPSHOT, flush_from_snapshot

    _migrated_template()
    original = django.test.testcases.call_command
    with django_db_blocker.unblock():
        from django.db import connection

        kept = SNAPSHOT.take(connection)
    if kept:
        django.test.testcases.call_command = flush_from_snapshot(original)
    try:
        yield django_db_setup
    finally:
        django.test.testcases.call_command = original
        SNAPSHOT.close()


@pytest.fixture(autouse=True)
def _fresh_campaign_ids():
    """Each test's database has its own campaign ids (a rollback fires no delete signal)."""
    from portal.selectors import _CAMPAIGN_IDS

    _CAMPAIGN_IDS.clear()
    yield
    _CAMPAIGN_IDS.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English leaves English active
    in the thread (LocaleMiddleware activates the request's language and does not undo it),
    and a later test on the same worker that calls a service would read its messages in
    English."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _data_version_cache_up(monkeypatch):
    """Each test starts with the cache believed up: a test that made it fail (an outage test)
    would otherwise leave this process computing every count for RETRY_AFTER seconds."""
    from portal import dataversion

    monkeypatch.setattr(dataversion, "_down_until", 0.0)
    monkeypatch.setattr(dataversion, "_missed", False)


@pytest.fixture
def campaign(db):
    return CampaignFactory(year=2021)


@pytest.fixture
def hebei(db):
    return province("130000")


@pytest.fixture
def shandong(db):
    return province("370000")


@pytest.fixture
def ministry_user(db):
    return UserFactory(username="ministry-staff", role=Role.MINISTRY)


@pytest.fixture
def organizer_user(hebei):
    return UserFactory(username="hebei-staff", role=Role.ORGANIZER, organizer=hebei)


@pytest.fixture
def other_organizer_user(shandong):
    return UserFactory(username="shandong-staff", role=Role.ORGANIZER, organizer=shandong)


@pytest.fixture
def agency(db):
    return AgencyFactory(name="河北测试节能技术服务有限公司")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="山东测试节能技术服务有限公司", location="济南市")


@pytest.fixture
def agency_user(agency):
    return UserFactory(username="agency-staff", role=Role.AGENCY, agency=agency)


@pytest.fixture
def other_agency_user(other_agency):
    return UserFactory(username="other-agency-staff", role=Role.AGENCY, agency=other_agency)


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory(name="唐山测试钢铁有限公司")


@pytest.fixture
def enterprise_user(enterprise):
    return UserFactory(username="enterprise-contact", role=Role.ENTERPRISE, enterprise=enterprise)


@pytest.fixture
def other_enterprise_user(db):
    return UserFactory(
        username="other-enterprise-contact",
        role=Role.ENTERPRISE,
        enterprise=EnterpriseFactory(name="济南测试化工有限公司"),
    )


@pytest.fixture
def smsoutbox():
    """The text messages sent by the tests' SMS backend (locmem), emptied for this test."""
    from portal.notifications.sms import locmem

    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as `user`."""

    def login(user):
        client.force_login(user, backend="portal.security.backends.TenantModelBackend")
        return client

    return login


@pytest.fixture
def api_for():
    """api_for(user) → a DRF APIClient authenticated as `user`."""
    from rest_framework.test import APIClient

    def make(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return make


class _RollBack(Exception):
    pass


@contextmanager
def built_once_per_module(django_db_blocker):
    """Data a module's tests share, made in a transaction rolled back after the last of them.

    Use in a module-scoped fixture (and mark the tests `django_db`): each test runs in a
    savepoint inside it, so its own writes are rolled back and the next test sees the same rows.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), suppress(_RollBack), transaction.atomic():
        yield
        raise _RollBack


PROJECT_APPS = ("portal", "provinces", "agencies", "enterprises", "reports")


def load_reference_data() -> None:
    """Call every project data migration's module-level `load(apps, schema_editor)`."""
    import importlib
    import pkgutil

    from django.apps import apps

    for app in PROJECT_APPS:
        package = importlib.import_module(f"{app}.migrations")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{app}.migrations.{info.name}")
            loader = getattr(module, "load", None)
            if callable(loader):
                loader(apps, None)


def reload_reference_data() -> None:
    """Load the reference data again after a flush, unless flushes put it back themselves
    (SQLite in memory: tests/db_template.py `Snapshot`)."""
    from tests.db_template import reference_data_kept

    if not reference_data_kept():
        load_reference_data()


@pytest.fixture
def reference_data(transactional_db):
    """Reload what data migrations load: transactional tests flush every table after each test.

    Convention: a data migration of a project app exposes its loader as `load(apps, schema_editor)`.
    """
    reload_reference_data()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server", "reference_data"} & set(item.fixturenames)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run transactional tests last: each ends with a flush of every table, reference data
    included, which tests that fetch their fixtures dynamically would otherwise run into.
    (In a parallel run, tests/parallel.py groups the tests that must run one after another.)"""
    items.sort(key=_is_transactional)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed every table, load the reference data again when
    an ordinary test comes next on this process: in a parallel run a worker may get ordinary
    tests after transactional ones (sorting them last holds only within one process's queue)."""
    result = yield
    # A test skipped before its set-up (a skipif) flushed nothing, and on a worker whose first
    # database test it was, the test database is not even set up yet.
    ran = "django_db_setup" in getattr(item, "funcargs", {})
    if nextitem is not None and ran and _is_transactional(item) and not _is_transactional(nextitem):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            reload_reference_data()
    return result
