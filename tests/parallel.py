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


def pytest_unconfigure(config):
    """Remove this process's temporary MEDIA_ROOT (made by the test settings, never another)."""
    from django.conf import settings

    if not settings.configured:
        return
    media = Path(settings.MEDIA_ROOT)
    if media.name.startswith("portal-test-media-") and media.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(media, ignore_errors=True)
