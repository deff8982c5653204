"""Content-Security-Policy: a crawl over the pages each demo role reaches finds no inline script,
style or event handler that the policy (no 'unsafe-inline') would block."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from demo.seed import seed_demo
from portal.models import User
from tests.conftest import built_once_per_module

MAX_PAGES = 40  # per role: enough to reach every kind of page, bounded in time
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/accounts/logout/", "/static/", "/media/")
DEMO_LOGINS = ["ministry", "hebei", "agency", "enterprise", "secadmin", "auditor"]
JS_TYPES = {"", "text/javascript", "module", "application/javascript"}
PER_PATH = 2  # query-string variants of one path to visit, so the crawl spreads over pages

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """Collects links and every construct the policy forbids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.problems: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=…> inline style")
        # A data block (<script type="application/json">, json_script) is never executed.
        data_block = tag == "script" and (names.get("type") or "").lower() not in JS_TYPES
        if tag in ("script", "style") and not (
            names.get("src") or names.get("nonce") or data_block
        ):
            self._open = tag
        if tag == "a" and names.get("href"):
            self.links.append(names["href"])

    def handle_data(self, data):
        if self._open and data.strip():
            self.problems.append(f"inline <{self._open}> without a nonce: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None


def _same_site(base: str, href: str) -> str | None:
    url = urlparse(urljoin(base, href))
    if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
        return None
    if url.path.startswith(SKIP_PREFIXES) or href.startswith("#"):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def _crawl(client: Client) -> tuple[int, list[str]]:
    seen, queue, problems, pages = {"/"}, deque(["/"]), [], 0
    per_path: dict[str, int] = {}
    while queue and pages < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302):
            target = _same_site(path, response["Location"])
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        pages += 1
        policy = response.get("Content-Security-Policy", "")
        if "'unsafe-inline'" in policy or "script-src" not in policy:
            problems.append(f"{path}: policy {policy!r}")
        page = _Page()
        page.feed(response.content.decode())
        problems += [f"{path}: {p}" for p in dict.fromkeys(page.problems)]
        for href in page.links:
            target = _same_site(path, href)
            if target and target not in seen:
                seen.add(target)
                bare = target.split("?")[0]
                per_path[bare] = per_path.get(bare, 0) + 1
                if per_path[bare] <= PER_PATH:
                    queue.append(target)
    return pages, problems


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module; each test's own writes are rolled back."""
    with built_once_per_module(django_db_blocker):
        seed_demo()
        yield


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_pages_have_no_inline_script_style_or_handler(demo, username):
    """Every page a demo user reaches by links obeys the policy: nothing inline without a nonce."""
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="portal.security.backends.TenantModelBackend"
    )
    pages, problems = _crawl(client)
    assert pages >= 3, f"{username} reached only {pages} pages"
    assert not problems, "\n".join(problems)


def test_sign_in_pages_obey_the_policy(db):
    """The pages an anonymous visitor sees (sign-in, public list) obey the policy too."""
    pages, problems = _crawl(Client())
    assert pages >= 1
    assert not problems, "\n".join(problems)
