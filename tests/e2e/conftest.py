"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""

import os
import shutil

import pytest

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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="zh-CN", base_url=live_server.url, viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def login(page):
    """login(username, password) through the real login form."""

    def do(username: str, password: str):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.press("input[name=password]", "Enter")
        page.wait_for_load_state("networkidle")
        return page

    return do
