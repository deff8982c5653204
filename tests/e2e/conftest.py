"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
import threading
import warnings

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# The one way to leave the browser tests out; the run's summary then says they were skipped.
SKIP_VARIABLE = "SKIP_BROWSER_TESTS"


def _opted_out() -> bool:
    return os.environ.get(SKIP_VARIABLE, "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if _opted_out():
                item.add_marker(pytest.mark.skip(reason=f"{SKIP_VARIABLE} is set"))


def pytest_terminal_summary(terminalreporter):
    if _opted_out():
        terminalreporter.write_line(
            f"Browser tests were skipped because {SKIP_VARIABLE} is set.", yellow=True
        )


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Browser tests run in transactions that flush the reference tables; reload them."""


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Debian's Chromium is not at {CHROMIUM}: run `make test` (it installs it as root), "
            f"or `apt-get install chromium`; {SKIP_VARIABLE}=1 leaves the browser tests out.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class _InFlight:
    """How many requests the live server is still answering.

    A test can end while the server thread still runs a request the browser sent (a form post
    whose render runs on commit); the flush that follows would pull the rows from under it.
    The page fixture waits for this to reach zero before the test's database is torn down.
    Only the live server's requests count (its handler is a WSGIHandler): a test client's
    response that is never read to the end is never closed, so it would never finish.
    """

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    @staticmethod
    def _live(sender) -> bool:
        return isinstance(sender, type) and issubclass(sender, WSGIHandler)

    def started(self, sender, **kwargs) -> None:
        if not self._live(sender):
            return
        with self.changed:
            self.count += 1

    def finished(self, sender, **kwargs) -> None:
        if not self._live(sender):
            return
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count <= 0, timeout=timeout)


_in_flight = _InFlight()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="zh-CN", base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(15000)
    request_started.connect(_in_flight.started, dispatch_uid="e2e-in-flight-started")
    request_finished.connect(_in_flight.finished, dispatch_uid="e2e-in-flight-finished")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()
    if not _in_flight.wait_idle(timeout=30):
        # Not the test's failure: say so, and go on with a fresh count.
        warnings.warn(
            f"the live server still answered {_in_flight.count} request(s) after 30 s", stacklevel=2
        )
    request_started.disconnect(dispatch_uid="e2e-in-flight-started")
    request_finished.disconnect(dispatch_uid="e2e-in-flight-finished")
    with _in_flight.changed:
        _in_flight.count = 0


@pytest.fixture
def server_idle(page):
    """server_idle() returns once the live server has answered every request it has begun (a
    request the browser sent a moment ago, e.g. the second click of a double click)."""

    def wait(timeout: float = 30) -> None:
        if not _in_flight.wait_idle(timeout=timeout):
            pytest.fail(f"the live server still answers {_in_flight.count} request(s)")

    return wait


@pytest.fixture
def login(page):
    """login(username, password) through the real login form."""

    def do(username: str, password: str):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
            page.press("input[name=password]", "Enter")
        return page

    return do
