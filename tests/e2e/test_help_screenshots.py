"""The user manuals' screenshots are taken here, by the browser tests (docs/help.md).

Over the demo programme (`seed_demo`, once, in this one test), each demo user of
`portal.help.SHOTS` signs in through the real form; on each of their pages the 帮助 link must
open the manual section for that page, and the page, 1280 × 800, must be a real picture (the
right size, not blank). With `HELP_SCREENSHOTS_WRITE=1` (what `make help-screenshots` sets) the
same pictures are also written to static/help/<manual>/<name>.png, reduced to a 256-colour
palette, and pictures no `Shot` names any more are removed. That the committed pictures and
`SHOTS` agree is checked without a browser (tests/portal/test_help.py).

The test is one function on purpose: a live-server test empties the database when it ends, and
the demo costs several seconds to seed.
"""

import io
import os
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import resolve, reverse
from PIL import Image, ImageStat

from demo.seed import DEMO_PASSWORD
from portal.help import INDEX, SHOTS, Shot, help_target
from portal.models import User

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "static" / "help"
WIDTH, HEIGHT = 1280, 800
WRITE_VARIABLE = "HELP_SCREENSHOTS_WRITE"


def _writing() -> bool:
    return os.environ.get(WRITE_VARIABLE, "").lower() in {"1", "true", "yes"}


def recompress(png: bytes) -> bytes:
    """The screenshot as a 256-colour palette PNG, saved optimised (about a quarter the size)."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    out = io.BytesIO()
    palette = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def assert_real_picture(png: bytes, what: str) -> None:
    """1280 × 800, and not one flat colour: a header, text and a table have many tones.

    `getcolors(maxcolors=32)` is None exactly when the picture has more than 32 colours, and
    stops counting there (counting up to 65,536 tones of an antialiased page took about 60 ms
    of CPU per picture): the same test as "more than 32 colours", without the full count."""
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (WIDTH, HEIGHT), f"{what}: {image.size}"
        rgb = image.convert("RGB")
    colours = rgb.getcolors(maxcolors=32)
    assert colours is None, f"{what}: only {len(colours or [])} colours"
    spread = max(ImageStat.Stat(rgb.convert("L")).stddev)
    assert spread > 10, f"{what} is almost blank (grey-level deviation {spread:.1f})"


def _expected_help(shot: Shot, url: str, role: str | None) -> tuple[str, str]:
    slug, anchor = help_target(resolve(url).view_name, role)
    path = reverse("help-index") if slug == INDEX else reverse("help-page", args=[slug])
    return path, anchor


def _check_help_link(page, shot: Shot, url: str, role: str | None) -> None:
    """The 帮助 link of the page opens the manual section for it."""
    path, anchor = _expected_help(shot, url, role)
    if role:  # a signed-in reader gets the manual the picture is in (a visitor may get the index)
        assert path == reverse("help-page", args=[shot.slug]), f"{shot.name}: {path}"
    link = page.locator("[data-help-link]").first
    href = link.get_attribute("href")
    assert href == (f"{path}#{anchor}" if anchor else path), f"{shot.name}: {href}"
    with page.expect_navigation():
        link.click()
    assert page.url.split("#")[0].endswith(path), page.url
    if anchor:
        section = page.locator(f"section#{anchor}")
        assert section.count() == 1, f"{path} has no section #{anchor}"
        assert section.locator("h2").first.is_visible()
    else:
        assert page.locator("main h1, h1").first.is_visible()


@pytest.mark.django_db(transaction=True)
def test_every_manual_screenshot_is_taken_from_the_live_demo(browser, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    by_user: dict[str, list[Shot]] = defaultdict(list)
    for shot in SHOTS:
        by_user[shot.username].append(shot)
    written: set[Path] = set()
    for username, shots in by_user.items():
        role = User.objects.get(username=username).role if username else None
        context = browser.new_context(
            locale="zh-CN",
            base_url=live_server.url,
            viewport={"width": WIDTH, "height": HEIGHT},
            device_scale_factor=1,
        )
        context.set_default_timeout(15000)
        try:
            page = context.new_page()
            if username:
                page.goto(reverse("login"))
                page.fill("input[name=username]", username)
                page.fill("input[name=password]", DEMO_PASSWORD)
                with page.expect_navigation():
                    page.press("input[name=password]", "Enter")
                assert "/accounts/login/" not in page.url, f"{username} could not sign in"
            for shot in shots:
                url = reverse(shot.url_name)
                response = page.goto(url)
                assert response is not None and response.status == 200, f"{shot}: {url}"
                page.wait_for_load_state("load")
                page.evaluate("document.fonts.ready")
                png = page.screenshot(full_page=False, animations="disabled", caret="hide")
                assert_real_picture(png, f"{shot.slug}/{shot.name}")
                if _writing():
                    target = OUT / shot.slug / f"{shot.name}.png"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(recompress(png))
                    written.add(target)
                _check_help_link(page, shot, url, role)
        finally:
            context.close()
    if _writing():
        for old in OUT.rglob("*.png"):
            if old not in written:
                old.unlink()
