"""Data versions: a token per table, changed by every write to it, so that what a list page
derives from a table (its row count, its filter facets) is computed once per version and
read from the shared cache until the next write — and stays exact.

How a write changes the version: every connection runs its SQL through `_watch` (installed
on `connection_created`). A statement that writes (INSERT, UPDATE, DELETE, TRUNCATE, also
from bulk_create, QuerySet.update() or raw SQL through Django's cursors) marks its table.
Outside a transaction the table's version changes at once; inside one it changes when the
transaction commits (`on_commit`), so that no other connection caches a count of rows it
cannot see yet. Until then the writing connection itself reads those tables uncached (its
own uncommitted rows count for it, and must not reach the cache), and so after a rollback.

What a cached value depends on: the tables its SQL names. The cache key is the SQL itself
(with its parameters: the user's scope and the filters are in it) and the versions of those
tables, so two users or two filters never share a value. SQL run outside the ORM bypasses
nothing: it goes through the same cursors.

The versions live in the default cache; they are only worth caching when that cache is
shared by every process (Redis). With a per-process cache (LocMemCache, the development
default) nothing is cached unless DATAVERSION_LOCAL is set (tests, a single process).
"""

import contextlib
import datetime as dt
import functools
import hashlib
import logging
import pickle
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property

PREFIX = "dataversion"
# A version forgotten by the cache is only a new version (one recount); a value lives at most
# this long, which also bounds what a write whose version change the cache missed can leave.
TTL = 3600
# After the cache fails once, this process leaves it alone for this long (seconds): a Redis that
# is down costs one failed call per process and period, not one per request.
RETRY_AFTER = 30.0
_down_until = 0.0
# Set when this process saw the cache fail. A write made meanwhile could not change its table's
# version, and a cache that comes back with its contents (a network blip, not a restart) would
# go on serving the counts from before that write until their TTL. So the first call that finds
# the cache usable again gives every table a new version: one recount of each list, then exact.
_missed = False
log = logging.getLogger(__name__)
# Within one request the versions read are kept (`_request`): a page that reads the task table's
# version for its count, its facets and its keys asks the cache once. A write of this process
# (bump) updates them; outside a request (Celery, commands) nothing is kept.
_request = threading.local()
_asked: set[str] = set()  # the version keys requests have asked for (at most one per table)
# Values this process has read, by their versioned key (which names every version they depend
# on, so a kept value is never stale), pickled so that no caller can change another's copy:
# the cache is asked for the versions only, not for the value again.
# At most 512 values of at most 1 MiB each, and 16 MiB in all per process (a gunicorn worker
# keeps its own): the least recently read go first.
LOCAL_VALUES, LOCAL_MAX_BYTES, LOCAL_TOTAL_BYTES = 512, 1 << 20, 16 << 20
_local: "OrderedDict[str, bytes | _Shared]" = OrderedDict()
_local_bytes = 0
_local_lock = threading.Lock()
WRITES = re.compile(
    r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?\"?(?P<table>\w+)\"?", re.I
)
TRUNCATE = re.compile(
    r"^\s*TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?(?P<tables>.*?)"
    r"(?:\s+(?:RESTART|CONTINUE|CASCADE|RESTRICT)\b.*)?;?\s*$",
    re.I | re.S,
)
QUOTED = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"')


def _written(sql: str) -> list[str]:
    """The tables a statement writes to (none for a read)."""
    match = WRITES.match(sql)
    if match is not None:
        return [match["table"]]
    match = TRUNCATE.match(sql)
    if match is not None:
        return [name.strip().strip('"') for name in match["tables"].split(",") if name.strip()]
    return []


def _key(table: str) -> str:
    return f"{PREFIX}:v:{table}"


def _cache_down() -> bool:
    return time.monotonic() < _down_until


def _cache_failed() -> None:
    global _down_until, _missed
    _down_until = time.monotonic() + RETRY_AFTER
    _missed = True


def _recovered() -> None:
    """After an outage this process saw: new versions for every table (see `_missed`)."""
    global _missed
    if not _missed:
        return
    cache.set_many({_key(t): uuid.uuid4().hex for t in _known_tables()}, TTL)
    _missed = False
    _forget_request_versions()
    log.info("data-version cache back: every table has a new version")


def bump(*tables: str) -> None:
    """New versions for `tables`: the next read recomputes what depends on them."""
    if _cache_down():
        return
    try:
        _recovered()
        new = {_key(t): uuid.uuid4().hex for t in tables}
        cache.set_many(new, TTL)
        kept = getattr(_request, "versions", None)
        if kept is not None:
            kept.update(new)
    except Exception:  # the cache is down: it comes back empty, or the TTL ends what it kept
        _cache_failed()
        log.warning("data versions of %s not changed: cache unavailable", tables, exc_info=True)


def versions(tables: list[str]) -> list[str]:
    """The current version of each table; a table without one gets one now.

    In a request, the versions read are kept until it ends (or this process writes)."""
    kept = getattr(_request, "versions", None)
    keys = [_key(t) for t in tables]
    found = {k: kept[k] for k in keys if k in kept} if kept is not None else {}
    unknown = [k for k in keys if k not in found]
    if unknown:
        ahead: list[str] = []
        if kept is not None:
            # With them, the versions of every table this process's requests have asked for:
            # a page's header, facets, count and rows usually cost one round trip, not four.
            ahead = [k for k in tuple(_asked) if k not in kept and k not in found]
            _asked.update(unknown)
        read = cache.get_many(list(dict.fromkeys(unknown + ahead)))
        found.update((k, read[k]) for k in unknown if k in read)
        if kept is not None:
            kept.update(read)
    missing = {k: uuid.uuid4().hex for k in keys if k not in found}
    if missing:
        # add(): two processes starting a version at once agree on the first one written.
        for key, value in missing.items():
            cache.add(key, value, TTL)
        found.update(cache.get_many(list(missing)))
    if kept is not None:
        kept.update((k, found[k]) for k in unknown if k in found)
    return [str(found.get(k, "")) for k in keys]


def _start_request(**kwargs) -> None:
    _request.versions = {}


def _end_request(**kwargs) -> None:
    _request.versions = None


def _forget_request_versions() -> None:
    if getattr(_request, "versions", None) is not None:
        _request.versions = {}


class _Shared(NamedTuple):
    """A value no caller can change (`_immutable`), kept as it is: every reader gets the same
    object, with nothing to unpickle (a filter bar's 570 agencies were unpickled per request)."""

    value: Any
    size: int


IMMUTABLE = (str, int, float, bool, bytes, type(None), Decimal, dt.date, dt.time, dt.timedelta)


def _immutable(value: Any) -> bool:
    if isinstance(value, IMMUTABLE):
        return True
    if type(value) in (tuple, frozenset):
        return all(_immutable(item) for item in value)
    return False


def _size(data: "bytes | _Shared") -> int:
    return data.size if isinstance(data, _Shared) else len(data)


def _local_get(key: str) -> Any:
    with _local_lock:
        data = _local.get(key)
        if data is not None:
            _local.move_to_end(key)
    if data is None or isinstance(data, _Shared):
        return None if data is None else data.value
    # Bytes this process pickled itself (`_local_put`), never read from outside.
    return pickle.loads(data)  # noqa: S301


def _local_put(key: str, value: Any) -> None:
    try:
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # not picklable: the shared cache could not keep it either
        return
    if len(pickled) > LOCAL_MAX_BYTES:
        return
    data = _Shared(value, len(pickled)) if _immutable(value) else pickled
    global _local_bytes
    with _local_lock:
        old = _local.pop(key, None)
        _local[key] = data
        _local_bytes += _size(data) - (_size(old) if old is not None else 0)
        while len(_local) > LOCAL_VALUES or _local_bytes > LOCAL_TOTAL_BYTES:
            _local_bytes -= _size(_local.popitem(last=False)[1])


def _pending(connection) -> set[str]:
    """Tables this connection wrote in its open transaction (not committed yet).

    A transaction that rolled back leaves its tables here but its commit hook gone (Django
    drops the on_commit callbacks of a rollback): they are forgotten then, nothing changed."""
    if not hasattr(connection, "dataversion_pending"):
        connection.dataversion_pending = set()
    if connection.dataversion_pending and not _hooked(connection):
        connection.dataversion_pending = set()
    return connection.dataversion_pending


def _hooked(connection) -> bool:
    hook = getattr(connection, "dataversion_hook", None)
    return hook is not None and any(item[1] is hook for item in connection.run_on_commit)


def _committed(connection) -> None:
    tables, connection.dataversion_pending = connection.dataversion_pending, set()
    if tables:
        bump(*tables)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = _written(sql) if isinstance(sql, str) else []
    if tables:
        connection = context["connection"]
        if connection.in_atomic_block:
            pending = _pending(connection)
            if not _hooked(connection):
                connection.dataversion_hook = lambda: _committed(connection)
                connection.on_commit(connection.dataversion_hook)
            pending.update(tables)
        else:
            bump(*tables)
    return result


def install(connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def register() -> None:
    """Watch every connection, the ones open already included (from the app's ready())."""
    connection_created.connect(install, dispatch_uid="portal.dataversion")
    request_started.connect(_start_request, dispatch_uid="portal.dataversion.start")
    request_finished.connect(_end_request, dispatch_uid="portal.dataversion.end")
    for connection in connections.all(initialized_only=True):
        install(connection)


def enabled() -> bool:
    if getattr(settings, "DATAVERSION_LOCAL", False):
        return True
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def cached(qs: QuerySet, compute: Callable[[], Any], what: str = "") -> Any:
    """compute(), read from the cache while no table that `qs`'s SQL names was written."""
    if not enabled() or _cache_down():
        return compute()
    compiled = compiled_sql(qs)
    if compiled is None:
        return compute()
    sql, params, tables = compiled
    return cached_for(qs.db, (sql, params), tables, compute, what)


def compiled_sql(qs: QuerySet) -> tuple[str, tuple, list[str]] | None:
    """`qs`'s SQL, its parameters and the tables it names; None for a queryset without SQL
    (none()), which is nothing worth caching."""
    try:
        sql, params = qs.query.sql_with_params()
    except Exception:
        return None
    return sql, tuple(params), sorted(set(QUOTED.findall(sql)) & _known_tables())


def cached_for(
    db: str, name: Any, tables: list[str], compute: Callable[[], Any], what: str = ""
) -> Any:
    """compute(), read from the cache while none of `tables` was written: `name` (repr-able)
    with `tables` must name every input of compute() (as a queryset's SQL and parameters do)."""
    if not enabled() or _cache_down():
        return compute()
    if _pending(connections[db]) & set(tables):
        return compute()  # our own uncommitted writes: not for others to see
    try:
        _recovered()
        current = versions(tables)
        key = f"{PREFIX}:c:" + hashlib.sha256(repr((what, name, current)).encode()).hexdigest()
        value = _local_get(key)
        if value is not None:
            return value
        value = cache.get(key)
    except Exception:  # the cache is down: the page still answers, computing
        _cache_failed()
        log.warning("data-version cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(Exception):
            cache.set(key, value, TTL)
    _local_put(key, value)
    return value


# name -> (database, SQL, parameters, tables) of the queries `cached_named` has compiled here.
NAMED_MAX = 1024
_named: OrderedDict[Any, tuple[str, str, tuple, list[str]] | None] = OrderedDict()
_named_lock = threading.Lock()


def cached_named(
    name: Any, build: Callable[[], QuerySet], compute: Callable[[QuerySet], Any], what: str = ""
) -> Any:
    """compute(build()), read from the cache while no table its SQL names was written — for a
    query that is the same SQL for the same `name` (hashable: its every input, e.g. a user's
    id): its SQL is written once per process and name, not on every request (0.2-0.4 ms each,
    several per page: the campaign in the header, the year tabs, the unread count)."""
    if not enabled() or _cache_down():
        return compute(build())
    with _named_lock:
        known = name in _named
        compiled = _named.get(name)
        if known:
            _named.move_to_end(name)
    qs = None
    if not known:
        qs = build()
        found = compiled_sql(qs)
        compiled = None if found is None else (qs.db, *found)
        with _named_lock:
            _named[name] = compiled
            while len(_named) > NAMED_MAX:
                _named.popitem(last=False)
    if compiled is None:
        return compute(qs if qs is not None else build())
    db, sql, params, tables = compiled
    return cached_for(
        db, (sql, params), tables, lambda: compute(qs if qs is not None else build()), what
    )


@functools.cache  # the models do not change while the process runs
def _known_tables() -> set[str]:
    return set(connections["default"].introspection.django_table_names(include_views=False))


def count(qs: QuerySet) -> int:
    """qs.count(), once per version of the tables it reads."""
    return cached(_counted(qs), qs.count, "count")


def count_named(name: Any, build: Callable[[], QuerySet]) -> int:
    """count(build()) for a query that is the same SQL for the same `name` (cached_named)."""
    return cached_named(name, lambda: _counted(build()), lambda qs: qs.count(), "count")


def _counted(qs: QuerySet) -> QuerySet:
    """The rows `qs` counts, as the cheapest SQL to name them by (the cache key): a list's
    queryset selects every column of every related row it shows, and writing that SQL costs
    more (5 ms for the national intent list) than reading its count from the cache. The
    columns and the order do not change the count; a values() query, a slice, DISTINCT ON,
    extra() or a union keep their own SQL."""
    query = qs.query
    if (
        qs._iterable_class is not ModelIterable
        or query.is_sliced
        or query.distinct_fields
        or query.extra
        or query.combinator
    ):
        return qs
    return qs.order_by().values("pk")


class VersionedPaginator(Paginator):
    """A paginator whose count is read once per data version and whose pages cost the same
    at any depth: the page's keys are found first (an index-only walk of the ordering, also
    kept once per data version), then its rows by those keys, with every join the queryset
    asks for."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return count(self.object_list)
        return len(self.object_list)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        qs = self.object_list
        if not isinstance(qs, QuerySet):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        # The page's keys are a function of the tables the ordering reads: once per version
        # (a sort over the whole list, e.g. by the organizers' order, is not paid per request).
        window = qs.values_list("pk", flat=True)[bottom:top]
        compiled = compiled_sql(window) if enabled() else None
        if compiled is None:
            keys = list(window)
        else:
            sql, params, tables = compiled
            keys = cached_for(window.db, (sql, params), tables, lambda: list(window), "keys")
        query = qs.filter(pk__in=keys).order_by()
        page = Page(PageRows(query, keys), number, self)
        # What reads the rows, for what is kept per version of them (portal/fragments.py):
        # the query, and the window's SQL, which names the list (scope, filters, order) and
        # the page without compiling the rows' wider SQL.
        page.rows_query = query  # type: ignore[attr-defined]
        page.rows_window = compiled and compiled[:2]  # type: ignore[attr-defined]
        return page


class PageRows:
    """A page's rows in the order of its keys, read when first used: a page whose rows' HTML
    is kept (portal/fragments.py) needs its keys, its count and its number, not its rows."""

    def __init__(self, query: QuerySet, keys: list) -> None:
        self.query, self.keys = query, keys
        self.prepare: Callable[[Any], None] | None = None  # run on each row when read

    @cached_property
    def rows(self) -> list:
        found = {row.pk: row for row in self.query}
        rows = [found[k] for k in self.keys if k in found]
        if self.prepare is not None:
            for row in rows:
                self.prepare(row)
        return rows

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]


def page_values(page: Page, field: str) -> list:
    """One column of a page's rows without reading the rows (once per version of their
    tables); the rows' own values for a page not read by VersionedPaginator."""
    query = getattr(page, "rows_query", None)
    if query is None or not enabled():  # nothing kept: the rows answer in the same statement
        return [getattr(row, field) for row in page.object_list]
    # Named by its own SQL (its tables' versions); computed from the rows, which a page whose
    # values are not kept yet has its rows' HTML to render too: no statement of its own.
    values = query.values_list(field, flat=True)
    return cached(values, lambda: [getattr(row, field) for row in page.object_list], "values")


def prepare_rows(page: Page, prepare: Callable[[Any], None]) -> None:
    """prepare(row) for each of the page's rows, when they are read (now for rows read already)."""
    rows = page.object_list
    if isinstance(rows, PageRows) and "rows" not in rows.__dict__:  # not read yet
        rows.prepare = prepare
    else:
        for row in page.object_list:
            prepare(row)


def paginate(request, qs, per_page: int) -> Page:
    return VersionedPaginator(qs, per_page).get_page(request.GET.get("page"))
