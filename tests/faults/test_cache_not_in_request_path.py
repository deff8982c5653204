"""No page needs the cache: with a cache that fails on every call, every page still answers.

In production the Django cache is Redis; when Redis is down the portal must keep serving. The
cache is replaced by one that raises on any use (and counts the attempts); each demo role then
crawls the pages it reaches by links, the public pages and the API lists.
"""

import sys
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.test import Client

from demo.seed import seed_demo
from portal import dataversion
from portal.models import User
from tests.conftest import built_once_per_module

MAX_PAGES = 30
SKIP = ("/admin/", "/i18n/", "/accounts/logout/", "/static/", "/media/", "/api/schema/")
API_LISTS = ("/api/v1/tasks/", "/api/v1/documents/", "/api/v1/published-lists/", "/api/v1/me/")

pytestmark = pytest.mark.django_db
ATTEMPTS: list[str] = []


class DeadCache(BaseCache):
    """A cache server that is down: every call fails, as a Redis connection error would."""

    def __init__(self, location, params):
        super().__init__(params)

    def __getattribute__(self, name):
        if name in {
            "add",
            "get",
            "set",
            "touch",
            "delete",
            "clear",
            "get_many",
            "has_key",
            "incr",
            "decr",
            "set_many",
            "delete_many",
            "get_or_set",
        }:
            frame = sys._getframe(1)  # the first caller outside Django's cache proxy
            while frame.f_back and frame.f_globals.get("__name__", "").startswith("django."):
                frame = frame.f_back
            caller = frame.f_globals.get("__name__", "")
            ATTEMPTS.append(f"{caller}.{name}")
            raise ConnectionError("cache down")
        return super().__getattribute__(name)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith("#"):
            self.links.append(href)


def _local(base: str, href: str) -> str | None:
    url = urlparse(urljoin(base, href))
    if url.netloc not in ("", "testserver") or url.path.startswith(SKIP):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def crawl(client: Client) -> dict[str, int]:
    """Status of every page reached from / by links (bounded), following redirects."""
    statuses, queue = {}, deque(["/"])
    while queue and len(statuses) < MAX_PAGES:
        path = queue.popleft()
        if path in statuses:
            continue
        response = client.get(path)
        statuses[path] = response.status_code
        if response.status_code in (301, 302) and (target := _local(path, response["Location"])):
            queue.append(target)
        if "text/html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(response.content.decode())
            queue.extend(t for href in parser.links if (t := _local(path, href)))
    return statuses


@pytest.fixture
def dead_cache(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.DeadCache"}}
    with pytest.raises(ConnectionError):
        cache.get("anything")  # the dead cache is the one in use
    monkeypatch.setattr(dataversion, "_down_until", 0.0)
    ATTEMPTS.clear()
    return ATTEMPTS


def only_the_data_version_tried_once(attempts: list[str]) -> bool:
    """The one user of the cache in the request path is portal.dataversion (counts and facets,
    computed instead when the cache fails); after one failure it leaves the cache alone."""
    return len(attempts) <= 1 and all(a.startswith("portal.dataversion.") for a in attempts)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module; each test's own writes are rolled back."""
    with built_once_per_module(django_db_blocker):
        seed_demo()
        yield


@pytest.mark.parametrize("username", ["ministry", "hebei", "agency", "enterprise"])
def test_every_page_answers_with_the_cache_down(demo, dead_cache, username):
    """Each role's pages and API lists: no server error, and the cache is tried at most once."""
    client = Client(raise_request_exception=False)
    client.force_login(
        User.objects.get(username=username), backend="portal.security.backends.TenantModelBackend"
    )
    statuses = crawl(client)
    statuses.update({path: client.get(path).status_code for path in API_LISTS})
    assert len(statuses) >= 10
    assert not [path for path, status in statuses.items() if status >= 500]
    assert only_the_data_version_tried_once(dead_cache), dead_cache


def test_public_pages_and_sign_in_answer_with_the_cache_down(db, dead_cache):
    """Anonymous visitors: the sign-in and the public list work without the cache."""
    statuses = crawl(Client(raise_request_exception=False))
    statuses["/accounts/login/"] = (
        Client()
        .post("/accounts/login/", {"username": "nobody", "password": "wrong-password"})
        .status_code
    )
    assert not [path for path, status in statuses.items() if status >= 500]
    assert only_the_data_version_tried_once(dead_cache), dead_cache
