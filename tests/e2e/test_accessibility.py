"""Everyone can use it (issue 15): each role's main pages pass axe-core's WCAG 2.1 A/AA rules
with no serious or critical violation; the pages work from the keyboard with a visible focus and
a skip link; they reflow at 640 px (200 % zoom of a 1280 px window) and on a 390 px phone
without scrolling sideways, tables scrolling in their own box with a visible cue; on a phone a
菜单 button opens and closes the navigation.

One test per role walks that role's pages in one signed-in browser context.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from enterprises.choices import TaskState
from enterprises.services import published_list_publish
from provinces.models import PlanContent
from tests.conftest import PASSWORD
from tests.e2e.a11y import install, overflow, violations
from tests.factories import (
    DiagnosisReportFactory,
    RecommendationFactory,
    SubmissionFactory,
    TaskFactory,
    TaskLetterFactory,
)
from tests.reports.cases.world import build as build_cases

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")  # a folder to keep the pages' screenshots in


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def year(campaign, hebei, agency, enterprise, ministry_user):
    """A year under way: the work plan a draft, 附件2 and 附件4 submitted, the intent list
    approved and published, an agency with a signed letter, a task with a submitted report (so
    the lists and tables have rows)."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=1)
    for form in (2, 4):
        SubmissionFactory(campaign=campaign, organizer=hebei, form=form, submitted=True)
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    RecommendationFactory(campaign=campaign, organizer=hebei, agency=agency)
    TaskLetterFactory(campaign=campaign, organizer=hebei, agency=agency, signed=True)
    task = TaskFactory(
        campaign=campaign,
        organizer=hebei,
        agency=agency,
        enterprise=enterprise,
        state=TaskState.PUBLISHED,
    )
    published_list_publish(campaign=campaign, actor=ministry_user)
    DiagnosisReportFactory(task=task, submitted=True)
    task.refresh_from_db()
    return task


DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Elements htmx makes clickable that the keyboard cannot reach (not a link, button, field or
# form, and no tabindex); polling and load-triggered elements are not controls.
HTMX_UNREACHABLE = """() => [...document.querySelectorAll(
    '[hx-get],[hx-post],[hx-put],[hx-patch],[hx-delete]')].filter(e =>
    !e.matches('a[href],button,input,select,textarea,form,[tabindex]')
    && !/\\b(every|load|revealed|intersect)\\b/.test(e.getAttribute('hx-trigger') || '')
    ).map(e => e.outerHTML.slice(0, 120))"""
# What sticks out past the right edge of the viewport (outside tables' own scrolling boxes).
WIDE = """(w) => [...document.querySelectorAll('body *')].filter(e =>
    e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap')).slice(0, 6)
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _context(browser, live_server, **kwargs):
    options = {"locale": "zh-CN", "base_url": live_server.url, "viewport": DESKTOP}
    options.update(kwargs)
    context = browser.new_context(**options)
    context.set_default_timeout(15000)
    install(context)
    return context


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")


def _nav_paths(page) -> list[str]:
    return page.eval_on_selector_all(
        ".mainnav a.mainnav__link", "links => links.map(a => a.getAttribute('href'))"
    )


# Two animation frames: ResizeObserver callbacks (the charts' resize) have run and painted.
SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _walk(page, paths) -> list[str]:
    """Each page: axe at an office width, then no sideways scrolling at 640 px (a 1280 px window
    at 200 % zoom) and at 390 px (a phone), and every htmx control reachable by keyboard."""
    found: list[str] = []
    for path in paths:
        response = page.goto(path)  # no page loads parts of itself later (hx-trigger=load)
        assert response is not None and response.status == 200, path
        found += violations(page)
        found += [
            f"{path}: not keyboard-operable: {html}" for html in page.evaluate(HTMX_UNREACHABLE)
        ]
        for width in (640, 390):
            page.set_viewport_size({"width": width, "height": 800})
            page.evaluate(SETTLED)  # charts redraw at the new width from a ResizeObserver
            shot(page, f"{path.strip('/').replace('/', '-') or 'home'}-{width}")
            extra = overflow(page)
            if extra > 0:
                found.append(
                    f"{path} at {width}px scrolls {extra}px sideways: {page.evaluate(WIDE, width)}"
                )
        page.set_viewport_size(DESKTOP)
    return found


def _role_pages(browser, live_server, username: str, extra: list[str]) -> list[str]:
    context = _context(browser, live_server)
    try:
        page = context.new_page()
        _sign_in(page, username)
        paths = _nav_paths(page)
        return _walk(page, [*paths, *extra])
    finally:
        context.close()


def test_ministry_pages(browser, live_server, year, ministry_user):
    submission = year.organizer.submissions.get(form=2)
    found = _role_pages(
        browser,
        live_server,
        ministry_user.username,
        [reverse("provinces:submission-detail", args=[submission.pk])],
    )
    assert not found, "\n".join(found)


def test_organizer_pages(browser, live_server, year, organizer_user):
    submission = year.organizer.submissions.get(form=2)
    case = build_cases().jia  # an excellent case with measures and follow-ups (issue 17)
    found = _role_pages(
        browser,
        live_server,
        organizer_user.username,
        [
            reverse("provinces:plan-edit"),
            reverse("provinces:submission-detail", args=[submission.pk]),
            reverse("reports:case-detail", args=[case.pk]),
            reverse("reports:case-edit", args=[case.pk]),
            reverse("reports:case-print", args=[case.pk]),
            reverse("reports:dossier", args=[case.task.enterprise_id]),
        ],
    )
    assert not found, "\n".join(found)


def test_agency_pages(browser, live_server, year, agency_user):
    found = _role_pages(
        browser,
        live_server,
        agency_user.username,
        [reverse("reports:report-detail", args=[year.pk])],
    )
    assert not found, "\n".join(found)


def test_enterprise_pages(browser, live_server, year, enterprise_user):
    found = _role_pages(
        browser,
        live_server,
        enterprise_user.username,
        [reverse("reports:report-detail", args=[year.pk])],
    )
    assert not found, "\n".join(found)


def test_public_and_login_pages(browser, live_server, year):
    context = _context(browser, live_server)
    try:
        page = context.new_page()
        found = _walk(page, [reverse("login"), reverse("enterprises:public-list")])
    finally:
        context.close()
    assert not found, "\n".join(found)


# The focused element, whether its focus is drawn (an outline of at least 2 px or a box-shadow
# ring) and whether it is on screen.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const drawn = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                       || s.boxShadow !== 'none';
    const r = e.getBoundingClientRect();
    return {
        tag: e.tagName, id: e.id, name: e.getAttribute('name') || '', cls: e.className || '',
        type: e.getAttribute('type') || '', text: (e.innerText || '').trim().slice(0, 40),
        ring: drawn(getComputedStyle(e)) || drawn(getComputedStyle(e, '::after')),
        onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                  && r.top < innerHeight && r.left < innerWidth,
        inPlanForm: !!e.closest('#plan-form'),
        inMain: !!e.closest('main'),
    };
}"""


def test_keyboard_skip_link_visible_focus_and_the_work_plan(
    browser, live_server, year, organizer_user
):
    """From the address bar: Tab shows the skip link, Enter moves to the content; every stop on
    the way is drawn with a focus ring and on screen; the work plan is filled in and saved
    without the mouse."""
    context = _context(browser, live_server)
    try:
        page = context.new_page()
        _sign_in(page, organizer_user.username)
        page.goto(reverse("provinces:plan-edit"))  # returns once the page has loaded
        expect(page.locator("#plan-form")).to_be_visible()
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        assert first and "skip-link" in first["cls"], first
        assert first["ring"] and first["onScreen"], first
        # The header and the navigation: every stop drawn and on screen, up to the content.
        for _ in range(40):
            page.keyboard.press("Tab")
            now = page.evaluate(FOCUSED)
            assert now["ring"] and now["onScreen"], json.dumps(now, ensure_ascii=False)
            if now["inMain"]:
                break
        else:
            raise AssertionError("Tab never reaches the page's content")
        page.goto(reverse("provinces:plan-edit"))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main"

        values = {
            "key_industry": "120",
            "sme": "60",
            "agencies_planned": "3",
            "contact_name": "王科长",
            "contact_phone": "0311-1234567",
            "below_minimum_reason": "本省重点用能企业较少",
        }
        stops = []
        dated = False
        for _ in range(60):
            page.keyboard.press("Tab")
            now = page.evaluate(FOCUSED)
            assert now is not None
            stops.append(now)
            assert now["ring"] and now["onScreen"], json.dumps(now, ensure_ascii=False)
            if now["inPlanForm"] and now["name"] in values:
                page.keyboard.type(values.pop(now["name"]))
            elif now["inPlanForm"] and now["name"] == "completion_date" and not dated:
                # The date's segments (one tab stop each) follow the browser's own locale.
                page.fill("#plan-form [name=completion_date]", "2021-11-15")
                dated = True
            if now["inPlanForm"] and now["tag"] == "BUTTON" and now["type"] in ("", "submit"):
                break
        else:
            raise AssertionError(f"the plan's save button is not reachable by Tab: {stops}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        shot(page, "keyboard-plan-saved")
        plan = PlanContent.objects.get()
        assert plan.total == 180 and plan.contact_name == "王科长"
        assert str(plan.completion_date) == "2021-11-15"

        # Submitting it: the button, then the confirmation dialog, from the keyboard.
        submission = year.organizer.submissions.get(form=1)
        page.goto(reverse("provinces:submission-detail", args=[submission.pk]))
        for _ in range(60):
            page.keyboard.press("Tab")
            now = page.evaluate(FOCUSED)
            assert now["ring"] and now["onScreen"], json.dumps(now, ensure_ascii=False)
            if page.evaluate("() => !!document.activeElement.closest('#move-submit')"):
                break
        else:
            raise AssertionError("the submit button is not reachable by Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("#confirm-dialog[open]")
        in_dialog = page.evaluate(FOCUSED)
        assert in_dialog["ring"] and in_dialog["text"] == "取消", in_dialog
        assert not violations(page, include="#confirm-dialog")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)["text"] == "确定"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        shot(page, "keyboard-plan-submitted")
        submission.refresh_from_db()
        assert submission.state == "submitted"
    finally:
        context.close()


def test_phone_menu_tables_and_forms(browser, live_server, year, organizer_user):
    """At 390 px the navigation folds under 菜单 (aria-expanded follows it, Escape closes it),
    a wide table scrolls in its own box with a hint and keyboard access, and a form fits."""
    context = _context(browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        _sign_in(page, organizer_user.username)
        toggle = page.locator(".mainnav__toggle")
        links = page.locator(".mainnav__link")
        assert toggle.is_visible() and "菜单" in toggle.inner_text()
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not links.first.is_visible()
        shot(page, "phone-menu-closed")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert links.count() > 3
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert links.nth(i).is_visible() and box and box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE["width"]
        assert not violations(page, include=".mainnav")
        assert overflow(page) == 0
        shot(page, "phone-menu-open")
        links.first.focus()
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.evaluate("() => document.activeElement.classList.contains('mainnav__toggle')")
        # The menu leads somewhere: open it and follow an entry.
        toggle.click()
        with page.expect_navigation():
            page.click(".mainnav__link[href='/enterprises/tasks/']")
        wrap = page.locator(".table-wrap:has(table)").first
        assert "table-wrap--scrolls" in (wrap.get_attribute("class") or "")
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("aria-label")
        assert page.locator(".table-hint").first.is_visible()
        assert overflow(page) == 0
        # Scrolling the table to its end takes the fade off that side.
        wrap.evaluate(
            "w => { w.scrollLeft = w.scrollWidth; w.dispatchEvent(new Event('scroll')); }"
        )
        page.wait_for_function(
            "() => !document.querySelector('.table-wrap--scrolls').classList"
            ".contains('table-wrap--more-right')"
        )
        shot(page, "phone-table")
        # A form: every field fits the screen and saves.
        page.goto(reverse("provinces:plan-edit"))
        fields = page.locator(
            "#plan-form input:not([type=hidden]), #plan-form select, #plan-form textarea"
        )
        for i in range(fields.count()):
            box = fields.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert not violations(page)
        for name, value in {
            "key_industry": "150",
            "sme": "50",
            "agencies_planned": "2",
            "completion_date": "2021-11-15",
            "contact_name": "李科长",
            "contact_phone": "0311-7654321",
        }.items():
            page.fill(f"#plan-form [name={name}]", value)
        with page.expect_navigation():
            page.locator("#plan-form button[type=submit]").tap()
        shot(page, "phone-plan-form")
        assert PlanContent.objects.get().total == 200
    finally:
        context.close()


def test_a_table_that_fits_is_left_alone(browser, live_server, year, organizer_user):
    """Where the table fits (an office screen), no hint and no extra tab stop."""
    context = _context(browser, live_server)
    try:
        page = context.new_page()
        _sign_in(page, organizer_user.username)
        page.goto(reverse("enterprises:letter-list"))
        wrap = page.locator(".table-wrap:has(table)").first
        assert "table-wrap--scrolls" not in (wrap.get_attribute("class") or "")
        assert wrap.get_attribute("tabindex") is None
        assert page.locator(".table-hint:not([hidden])").count() == 0
        # Narrowing the window afterwards brings the cue (the layout is watched, not read once).
        page.set_viewport_size(PHONE)
        page.wait_for_function("() => document.querySelector('.table-hint:not([hidden])')")
        assert wrap.get_attribute("tabindex") == "0"
        # And widening it again takes the cue and the extra tab stop away.
        page.set_viewport_size(DESKTOP)
        page.wait_for_function("() => !document.querySelector('.table-hint:not([hidden])')")
        assert wrap.get_attribute("tabindex") is None
    finally:
        context.close()


def test_keyboard_edits_an_intent_list_row_in_place(
    browser, live_server, campaign, hebei, agency, organizer_user
):
    """The htmx row editor from the keyboard: 编辑 turns the row into fields with the focus on
    the first one, 保存 saves and brings the focus back to the row, not to the top of the page."""
    from enterprises.models import DiagnosisTask

    task = TaskFactory(campaign=campaign, organizer=hebei, agency=agency, remarks="")
    context = _context(browser, live_server)
    try:
        page = context.new_page()
        _sign_in(page, organizer_user.username)
        page.goto(reverse("enterprises:task-list"))
        row = f"#task-{task.pk}"
        page.focus(f"{row} .actions button:has-text('编辑')")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"#task-form-{task.pk}", state="attached")
        # the focus is placed once htmx has settled the swapped row, a moment after the swap
        page.wait_for_function(
            "() => document.activeElement && document.activeElement !== document.body",
            timeout=5000,
        )
        now = page.evaluate(FOCUSED)
        assert now is not None, "the focus fell back to the top of the page"
        assert now["tag"] in {"INPUT", "SELECT", "TEXTAREA"} and now["ring"], now
        assert page.evaluate(f"() => !!document.activeElement.closest('{row}')")
        assert not violations(page, include=row)
        page.fill(f"{row} [name=remarks]", "键盘修改")
        page.focus(f"{row} [name=remarks]")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate(FOCUSED)["text"] == "保存":
                break
        else:
            raise AssertionError("Tab does not reach 保存 in the row")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"#task-form-{task.pk}", state="detached")
        assert DiagnosisTask.objects.get(pk=task.pk).remarks == "键盘修改"
        # the focus is placed once htmx has settled the swapped row, a moment after the swap
        page.wait_for_function(
            "() => document.activeElement && document.activeElement !== document.body",
            timeout=5000,
        )
        now = page.evaluate(FOCUSED)
        assert now is not None and now["ring"], "the focus fell back to the top of the page"
        assert page.evaluate(f"() => !!document.activeElement.closest('{row}')")
        shot(page, "keyboard-row-saved")
    finally:
        context.close()
