"""Take a full-page screenshot of a URL or a local HTML file with Debian's Chromium.

Usage:
    .venv/bin/python tests/e2e/screenshot.py PAGE OUT.png [--width 1366] [--height 900]
        [--viewport-only] [--wait-for CSS] [--lang zh-CN]

PAGE is an http(s) URL, a file:// URL or a path to an HTML file. Console errors, failed
requests and CSP violations are printed so a page that silently breaks under the
Content-Security-Policy is noticed; the exit status is 1 when there were any.

Playwright drives /usr/bin/chromium (Playwright's own browser download does not work here).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Request, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def page_url(page: str) -> str:
    """Turn a path to an HTML file into a file:// URL; leave URLs alone."""
    if page.startswith(("http://", "https://", "file://")):
        return page
    path = Path(page).resolve()
    if not path.is_file():
        raise SystemExit(f"no such file: {path}")
    return path.as_uri()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="URL or path to an HTML file")
    parser.add_argument("out", help="PNG file to write")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--viewport-only", action="store_true", help="no full-page capture")
    parser.add_argument("--wait-for", default="", help="CSS selector to wait for first")
    parser.add_argument("--lang", default="zh-CN", help="browser locale (Accept-Language)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds")
    return parser.parse_args(argv)


def take(args: argparse.Namespace) -> list[str]:
    """Load the page, write the PNG and return the problems the browser reported."""
    problems: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            problems.append(f"console {msg.type}: {msg.text}")

    def on_failed(request: Request) -> None:
        problems.append(f"request failed: {request.url} ({request.failure})")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": args.width, "height": args.height}, locale=args.lang
            )
            page = context.new_page()
            page.on("console", on_console)
            page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
            page.on("requestfailed", on_failed)
            page.goto(page_url(args.page), wait_until="load", timeout=args.timeout * 1000)
            if args.wait_for:
                page.wait_for_selector(args.wait_for, timeout=args.timeout * 1000)
            # Web fonts and late layout (charts) settle after the load event.
            page.wait_for_timeout(300)
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.out, full_page=not args.viewport_only)
        finally:
            browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    problems = take(args)
    for line in problems:
        print(line, file=sys.stderr)
    print(args.out)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
