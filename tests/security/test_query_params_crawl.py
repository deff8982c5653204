"""Junk in the query string is never a server error, on any page or API route, for any role.

The crawl takes every route of the URL resolver without a numeric path parameter (numeric ones
are the permission matrix's: their ids, not their query strings, are what varies), opens it
plainly as each role (anonymous, ministry, and tenant A's organizer, agency and enterprise) and
records which query parameters the view reads (every QueryDict lookup is watched). Each parameter
it reads, and the year/page/id/filter names every page may take, then gets each junk value in
turn. No answer may be a 5xx. `year` always gets a junk request, so a view that parses it
without portal.params shows up even when it reads it in a way the watch does not see. The crawl
is one test per role on a world built once; a parallel run keeps the module on one worker
(tests/parallel.py), which then generates the OpenAPI schema of each junk input once for all
roles (tests/openapi_once.py) instead of once on each worker.
"""

from contextlib import contextmanager, suppress

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict

from portal.params import BadParameter, parse_int, parse_year
from tests.conftest import built_once_per_module
from tests.factories import CampaignFactory
from tests.security.routes import all_routes
from tests.security.tenants import build_world

pytestmark = pytest.mark.usefixtures("openapi_schema_once")
BACKEND = "portal.security.backends.TenantModelBackend"
JUNK = ["abc", "99999999999999999999", "-1"]
ALWAYS = ("year",)  # tried on every page even when not seen being read
SKIP = ("/admin/", "/i18n/", "/accounts/logout/", "/static/", "/media/")
ROUTES = [
    r
    for r in all_routes()
    if not r.numeric and not r.fmt.startswith(SKIP) and r.variants() is not None
]


class _Rollback(Exception):
    pass


@contextmanager
def _watching_reads(seen: set[str]):
    """Record the (text) keys looked up in any QueryDict (request.GET, DRF query_params, forms).

    The lookups are watched on MultiValueDict, where QueryDict gets them from, but only those on
    a QueryDict count: the URL resolver's reverse index is a MultiValueDict too, and every
    `{% url %}` of a page looks a route name up in it ("home", "job-list", …), which are no
    query parameters (trying junk under them re-rendered each page a dozen times for nothing)."""
    originals = {name: getattr(MultiValueDict, name) for name in ("get", "getlist", "__getitem__")}
    contains = MultiValueDict.__contains__

    def wrap(name):
        def lookup(self, key, *args, **kwargs):
            if isinstance(self, QueryDict):
                seen.add(key)
            return originals[name](self, key, *args, **kwargs)

        return lookup

    def watched_contains(self, key):
        if isinstance(self, QueryDict):
            seen.add(key)
        return contains(self, key)

    for name in originals:
        setattr(MultiValueDict, name, wrap(name))
    MultiValueDict.__contains__ = watched_contains
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(MultiValueDict, name, original)
        MultiValueDict.__contains__ = contains


def _get(client: Client, url: str, params: dict | None = None):
    """A GET inside a rolled-back savepoint (a view that writes leaves nothing behind)."""
    outcome = {}
    with suppress(_Rollback), transaction.atomic():
        outcome["r"] = client.get(url, params or {})
        raise _Rollback
    return outcome["r"]


API_CASES = [
    (url, parameter, who)
    for url, parameter, roles in (
        ("/api/v1/report-overview/?year=abc", "year", ("ministry", "organizer", "agency")),
        ("/api/v1/realization/?year=null", "year", ("ministry", "organizer", "agency")),
        ("/api/v1/dashboard/?campaign=abc", "campaign", ("ministry", "organizer")),
    )
    for who in roles
]


@pytest.mark.parametrize(("url", "parameter", "who"), API_CASES)
def test_api_answers_a_bad_year_with_400_naming_the_parameter(
    url, parameter, who, request, api_for, campaign
):
    """The reported 500s: JSON 400 that says which parameter and why, for every role."""
    response = api_for(request.getfixturevalue(f"{who}_user")).get(url)
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["parameter"] == parameter and parameter in body["detail"]


@pytest.mark.parametrize(
    ("url", "who"),
    [
        ("/reports/realization/", "ministry_user"),
        ("/provinces/forms/", "organizer_user"),
        ("/enterprises/public/", "organizer_user"),
    ],
)
def test_pages_answer_a_bad_year_with_a_friendly_400(url, who, request, client_for, campaign):
    """An HTML page in Chinese that names the parameter, not a server error or a 404."""
    client = client_for(request.getfixturevalue(who))
    response = client.get(url, {"year": "abc"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    text = response.content.decode()
    assert "请求有误" in text and "请求参数“year”应为年度" in text and "<html" in text.lower()


def test_a_year_without_a_campaign_is_still_not_found(client_for, organizer_user, campaign):
    """A well-formed year that names no campaign stays a 404 (only junk is a 400)."""
    response = client_for(organizer_user).get("/provinces/forms/", {"year": 2030})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["abc", "null", "1e3", "99999999999999999999999", "٣", "2021.0"])
def test_the_parsers_refuse_junk(value):
    with pytest.raises(BadParameter):
        parse_year(value)
    with pytest.raises(BadParameter):
        parse_int(value, "id")


def test_the_parsers_take_blank_as_not_given_and_numbers_as_numbers():
    assert parse_year(None) is None and parse_year("  ") is None and parse_year(" 2021 ") == 2021
    assert parse_int("7", "task") == 7
    with pytest.raises(BadParameter):
        parse_int("0", "task")


# The crawl runs as one test per role. Each role's crawl must reach at least this many junk
# requests: it got past the sign-in redirect to the pages (measured: anonymous 66, ministry
# 591, organizer 600, agency 513, enterprise 471 — only the parameters read from a QueryDict
# count, see _watching_reads).
MIN_ASKED = {"anonymous": 40, "ministry": 400, "organizer": 400, "agency": 300, "enterprise": 300}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The two tenants, built once for the module's crawl: every request runs in a savepoint
    that is rolled back, and the whole world after the module. (The module's other tests only
    ask for parameter errors; the world's rows do not change their answers.)"""
    with built_once_per_module(django_db_blocker):
        yield build_world(CampaignFactory(year=2021))


def _user(world, role: str):
    return {"anonymous": None, "ministry": world.ministry, **world.a.users}[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MIN_ASKED))
def test_junk_query_parameters_are_never_a_server_error(role, world):
    """Every route × this role × parameter it reads × junk value: no 5xx."""
    client = Client(raise_request_exception=False)
    user = _user(world, role)
    if user is not None:
        client.force_login(user, backend=BACKEND)
    failures, asked = [], 0
    for route in ROUTES:
        for variant in route.variants()[:1]:
            url = route.url(**variant)
            read: set[str] = set()
            with _watching_reads(read):
                plain = _get(client, url)
            if plain.status_code >= 500:
                failures.append(f"{role} GET {url}: {plain.status_code} without parameters")
            if plain.status_code != 200:
                continue  # refused, redirected or gone before any parameter is read
            read = {k for k in read if isinstance(k, str)} - {"next", "csrfmiddlewaretoken"}
            names = sorted(read | set(ALWAYS))
            for name in names:
                for junk in JUNK:
                    response = _get(client, url, {name: junk})
                    if response.status_code >= 500:
                        failures.append(f"{role} GET {url}?{name}={junk}: 5xx")
                    asked += 1
    assert not failures, "\n".join(failures)
    # the crawl reached this role's pages, not only their sign-in redirect
    assert asked > MIN_ASKED[role], asked
