"""What each pytest-xdist worker needs of its own; loaded early (`-p tests.parallel`, pyproject).

Each worker is a separate process with its own test database (SQLite in memory; on PostgreSQL
pytest-django suffixes the name: test_<db>_gw0, test_<db>_gw1) and its own temporary MEDIA_ROOT
(portal/settings/test.py makes one per process; removed here at the end). Redis is the one
service the workers would share: with REDIS_URL set, worker gwN uses the database number of
REDIS_URL plus N, so the Celery workers that integration tests start, their unacknowledged
messages and the cache never meet another xdist worker's. This runs at import, before the
settings read REDIS_URL.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

REDIS_DATABASES = 16  # Redis's default number of databases


def worker_index() -> int | None:
    """N of the xdist worker gwN this process is, None outside a parallel run."""
    match = re.fullmatch(r"gw(\d+)", os.environ.get("PYTEST_XDIST_WORKER", ""))
    return int(match.group(1)) if match else None


def redis_url_for_worker(url: str, index: int) -> str:
    """The same server, database number + index (modulo the server's 16 databases)."""
    match = re.fullmatch(r"(rediss?://[^/?#]*)(?:/(\d*))?([?#].*)?", url)
    if not match:
        return url
    base, number, rest = match.groups()
    database = (int(number or 0) + index) % REDIS_DATABASES
    return f"{base}/{database}{rest or ''}"


_index = worker_index()
if _index is not None and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = redis_url_for_worker(os.environ["REDIS_URL"], _index)


# Tests that must not run beside each other (`--dist loadgroup`): each group runs on one worker,
# one test after another, while the other workers go on with the rest. The fault tests (private
# redis-servers, real Celery workers, time limits) and the integration tests starting a Celery
# worker share "serial". The write matrix builds its world once per module and worker, so it
# stays on one; so does the demo the seed tests share. The browser tests are in no group: each
# worker has its own database, MEDIA_ROOT, cache and Redis database, its own live server (a port
# of its own) and its own Chromium, so they spread over the workers like any test; sorted last
# (tests/conftest.py), they are what every worker ends with. Like every transactional test each
# flushes its worker's database, and the reference data is loaded again when an ordinary test
# comes next (`pytest_runtest_teardown` in tests/conftest.py).
XDIST_GROUPS = {
    "tests/faults/": "serial",
    "tests/security/test_write_matrix.py": "write-matrix",
    "tests/demo/test_seed_demo.py": "demo-seed",
    "tests/e2e/test_help_screenshots.py": "help-screenshots",
    # Each process pays once for what these modules' tests share: the schemathesis cases (the
    # schema loaded and every operation's cases drawn, about 6 s of CPU, charged to whichever
    # user's test a worker runs first: that is why two users looked four times as costly as
    # the others when the five were spread over two workers) and the crawl's OpenAPI schemas of
    # each junk `version` and `lang` (tests/openapi_once.py). On one worker they are paid once.
    "tests/security/test_api_schemathesis.py": "api-schemathesis",
    "tests/security/test_query_params_crawl.py": "query-params-crawl",
}


def xdist_group_of(item) -> str | None:
    if item.get_closest_marker("integration"):
        return "serial"
    path = item.nodeid.split("::", 1)[0]
    return next((group for prefix, group in XDIST_GROUPS.items() if path.startswith(prefix)), None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the groups, and name each grouped test `<id>@<group>` as `--dist loadgroup` expects.

    pytest-xdist 3.8 appends the group by setting `item._nodeid`, which pytest 9 no longer reads
    (a node's id is `item._id`): without this its loadgroup would silently spread a group over
    every worker."""
    loadgroup = bool(getattr(config.option, "loadgroup", False))
    for item in items:
        group = xdist_group_of(item)
        if group is None:
            continue
        item.add_marker(pytest.mark.xdist_group(group))
        if loadgroup and hasattr(item, "_id") and "@" not in item.nodeid:
            from _pytest.nodeid import coerce_node_id

            item._id = coerce_node_id(f"{item.nodeid}@{group}")


def pytest_unconfigure(config):
    """Remove this process's temporary MEDIA_ROOT (made by the test settings, never another)."""
    from django.conf import settings

    if not settings.configured:
        return
    media = Path(settings.MEDIA_ROOT)
    if media.name.startswith("portal-test-media-") and media.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(media, ignore_errors=True)
