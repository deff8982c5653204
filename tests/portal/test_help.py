"""The user manuals at /help/: every manual renders for everyone, every picture it shows exists,
and the 帮助 link opens the manual of the reader's role at the section of the page they are on.

No browser: the screenshots are taken by tests/e2e/test_help_screenshots.py (and written by
`make help-screenshots`); this checks that the committed files match `SHOTS` and the manuals.
"""

import re
import struct
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from portal.choices import Role
from portal.help import INDEX, PAGES, PUBLIC, ROUTES, SHOTS, help_target
from tests.factories import CampaignFactory

ROOT = Path(__file__).resolve().parents[2]
STATIC_HELP = ROOT / "static" / "help"
MANUALS = [slug for slug in PAGES if slug != INDEX]
ROLE_USERS = ["ministry_user", "organizer_user", "agency_user", "enterprise_user"]


def _url(slug: str) -> str:
    return reverse("help-index") if slug == INDEX else reverse("help-page", args=[slug])


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is a PNG"
    return struct.unpack(">II", head[16:24])


# ------------------------------------------------------------------ pages render


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(PAGES))
def test_every_manual_renders_for_a_visitor(client, slug):
    response = client.get(_url(slug))
    assert response.status_code == 200
    html = response.content.decode()
    page = PAGES[slug]
    # Its table of contents and its sections agree, in order.
    ids = re.findall(r'<section id="([^"]+)"', html)
    assert ids == [anchor for anchor, _heading in page.sections]
    for anchor, heading in page.sections:
        assert f'href="#{anchor}"' in html
        assert heading in html


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ROLE_USERS)
def test_every_manual_renders_for_each_role(request, client_for, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    for slug in PAGES:
        assert client.get(_url(slug)).status_code == 200, slug


@pytest.mark.django_db
def test_unknown_manual_is_404(client):
    assert client.get("/help/nobody/").status_code == 404
    assert client.get("/help/index/").status_code == 404


@pytest.mark.django_db
def test_manuals_answer_only_safe_methods(client):
    assert client.post(_url(Role.AGENCY)).status_code == 405


@pytest.mark.django_db
def test_index_names_the_readers_own_manual(client_for, agency_user):
    html = client_for(agency_user).get(reverse("help-index")).content.decode()
    own = re.search(r'<li class="is-own">\s*<a href="([^"]+)"', html)
    assert own and own.group(1) == reverse("help-page", args=[Role.AGENCY])


@pytest.mark.django_db
def test_english_reader_is_told_the_manual_is_in_chinese(client):
    client.cookies["django_language"] = "en"
    html = client.get(_url(Role.ORGANIZER), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "written in Chinese" in html
    assert 'lang="zh-hans"' in html


# ------------------------------------------------------------------ pictures


@pytest.mark.django_db
@pytest.mark.parametrize("slug", MANUALS)
def test_every_picture_a_manual_shows_exists(client, slug):
    html = client.get(_url(slug)).content.decode()
    sources = re.findall(r'<img src="/static/help/([^"]+)"', html)
    shots = {f"{s.slug}/{s.name}.png" for s in SHOTS if s.slug == slug}
    assert sorted(sources) == sorted(shots), "the manual shows each of its screenshots once"
    for source in sources:
        assert (STATIC_HELP / source).is_file(), f"static/help/{source} (make help-screenshots)"
    assert 'alt=""' not in html.split('class="help-article')[1]


def test_every_screenshot_is_committed_small_and_1280_wide():
    files = sorted(STATIC_HELP.rglob("*.png"))
    expected = {STATIC_HELP / s.slug / f"{s.name}.png" for s in SHOTS}
    assert set(files) == expected, "static/help holds exactly the screenshots of SHOTS"
    for path in files:
        width, _height = _png_size(path)
        assert width == 1280, path
    assert sum(p.stat().st_size for p in files) < 3_000_000


# ------------------------------------------------------------------ the 帮助 link


def test_route_anchors_exist_in_their_manuals():
    for _prefixes, anchors in ROUTES:
        for slug, anchor in anchors.items():
            if slug == "*":
                continue
            assert anchor in {a for a, _h in PAGES[slug].sections}, (slug, anchor)


@pytest.mark.parametrize(
    ("view_name", "role", "expected"),
    [
        ("login", None, (INDEX, "sign-in")),
        ("logout", None, (INDEX, "sign-in")),
        ("enterprises:public-list", None, (PUBLIC, "list")),
        ("home", Role.MINISTRY, (Role.MINISTRY, "home")),
        ("provinces:review-queue", Role.MINISTRY, (Role.MINISTRY, "review")),
        ("provinces:submission-detail", Role.ORGANIZER, (Role.ORGANIZER, "submit")),
        ("provinces:plan-edit", Role.ORGANIZER, (Role.ORGANIZER, "plan")),
        ("agencies:recommendation-list", Role.ORGANIZER, (Role.ORGANIZER, "agencies")),
        ("enterprises:task-list", Role.ORGANIZER, (Role.ORGANIZER, "intent-list")),
        ("enterprises:task-list", Role.AGENCY, (Role.AGENCY, "tasks")),
        ("enterprises:letter-list", Role.AGENCY, (Role.AGENCY, "letters")),
        ("enterprises:published-list", Role.MINISTRY, (Role.MINISTRY, "publish")),
        ("reports:report-detail", Role.ENTERPRISE, (Role.ENTERPRISE, "confirm")),
        ("reports:report-detail", Role.ORGANIZER, (Role.ORGANIZER, "acceptance")),
        ("reports:follow-up", Role.AGENCY, (Role.AGENCY, "follow-up")),
        ("reports:campaign-setup", Role.MINISTRY, (Role.MINISTRY, "campaigns")),
        ("campaigns", Role.MINISTRY, (Role.MINISTRY, "campaigns")),
        ("audit-log", Role.MINISTRY, (Role.MINISTRY, "admin")),
        ("people", Role.AGENCY, (Role.AGENCY, "accounts")),
        ("notices", Role.ENTERPRISE, (Role.ENTERPRISE, "notices")),
        # A page the role's manual has no section for: the top of its own manual.
        ("campaigns", Role.AGENCY, (Role.AGENCY, "")),
        ("api-docs", Role.ORGANIZER, (Role.ORGANIZER, "")),
        ("api-docs", None, (INDEX, "")),
    ],
)
def test_help_target(view_name, role, expected):
    assert help_target(view_name, role) == (str(expected[0]), expected[1])


def _help_href(html: str) -> str:
    match = re.search(r'<a class="header-link" href="([^"]+)" data-help-link>', html)
    assert match, "the page has the 帮助 link"
    return match.group(1)


@pytest.mark.django_db
def test_header_link_opens_the_section_of_the_page(client_for, organizer_user, agency_user):
    CampaignFactory(year=2021)
    organizer = client_for(organizer_user)
    assert _help_href(organizer.get(reverse("home")).content.decode()) == "/help/organizer/#home"
    response = organizer.get(reverse("agencies:recommendation-list"))
    assert response.status_code == 200
    assert _help_href(response.content.decode()) == "/help/organizer/#agencies"
    organizer.logout()
    agency = client_for(agency_user)
    response = agency.get(reverse("enterprises:letter-list"))
    assert _help_href(response.content.decode()) == "/help/agency/#letters"


@pytest.mark.django_db
def test_sign_in_and_signed_out_pages_have_the_help_link(client, organizer_user):
    html = client.get(reverse("login")).content.decode()
    assert _help_href(html) == "/help/#sign-in"
    assert "帮助" in html
    client.force_login(organizer_user, backend="portal.security.backends.TenantModelBackend")
    response = client.post(reverse("logout"), follow=True)  # LOGOUT_REDIRECT_URL: the sign-in
    assert _help_href(response.content.decode()) == "/help/#sign-in"
    # The signed-out page (shown when no redirect is configured) has it too.
    request = RequestFactory().get("/accounts/logout/")
    request.user = AnonymousUser()
    html = render_to_string("registration/logged_out.html", request=request)
    assert _help_href(html) == "/help/"


@pytest.mark.django_db
def test_public_list_links_to_the_visitors_manual(client):
    html = client.get(reverse("enterprises:public-list")).content.decode()
    assert _help_href(html) == "/help/public/#list"


@pytest.mark.django_db
def test_each_manual_page_has_the_help_link_to_itself_or_the_index(client_for, enterprise_user):
    html = client_for(enterprise_user).get(_url(Role.ENTERPRISE)).content.decode()
    assert _help_href(html) == reverse("help-page", args=[Role.ENTERPRISE])
