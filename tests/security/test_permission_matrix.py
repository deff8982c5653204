"""Permission matrix: every route × every role × objects of another tenant → never their data.

Routes come from the URL resolver (pages, DRF routers, admin), objects from `tenants.py` (one per
scoped model and tenant, each with a primary key no other object has). For a route with numeric
parameters, a probe first finds which other-tenant objects the route serves to someone allowed
to see them (the answer differs from the answer for a missing id); then every role of tenant A,
the ministry and anonymous must get, for each object the scoping rules hide from them, the same
denial as for a missing id (404, 403, 405 or a redirect to sign-in). A route that serves no
object of the other tenant is reported as skipped ("uncovered") with the reason; a route that
answers anonymous users without being listed in PUBLIC fails. The world is built once per
module.
"""

from contextlib import suppress

import pytest
from django.db import transaction
from django.test import Client

from portal.choices import Role
from provinces.models import Organizer
from tests.conftest import built_once_per_module
from tests.factories import CampaignFactory
from tests.security.bodies import body_text, response_bytes
from tests.security.routes import (
    PUBLIC,
    all_routes,
    ministry_only,
    own_organizer_only,
    route_model,
    to_login,
)
from tests.security.tenants import build_world, visible

ROUTES = all_routes()
PAGES = [r for r in ROUTES if not r.is_admin]
MISSING = 987_654_321  # an id that no object has
DENIED = {401, 403, 404, 405}
BACKEND = "portal.security.backends.TenantModelBackend"
ADMIN_PUBLIC = {"admin:login", "admin:logout"}
CODE_ONLY = {"api-schema", "api-docs"}  # made from the code, never from tenant data

pytestmark = pytest.mark.django_db  # each test runs in a savepoint of the module's world


class _Rollback(Exception):
    pass


class Requester:
    """Signed-in clients per user; every request runs in a savepoint that is rolled back."""

    def __init__(self):
        self.clients: dict = {}
        self.cache: dict = {}

    def client(self, user) -> Client:
        key = getattr(user, "pk", None)
        if key not in self.clients:
            # A crash is an answer too: the matrix reports it instead of stopping at it.
            self.clients[key] = Client(raise_request_exception=False)
            if user is not None:
                self.clients[key].force_login(user, backend=BACKEND)
        return self.clients[key]

    def __call__(self, user, method: str, url: str):
        key = (getattr(user, "pk", None), method, url)
        if key not in self.cache:
            outcome, client = {}, self.client(user)
            with suppress(_Rollback), transaction.atomic():
                response = client.generic(method, url)
                outcome["r"] = response
                outcome["body"] = response_bytes(response)
                raise _Rollback
            self.cache[key] = (outcome["r"], outcome["body"])
        return self.cache[key]


def _sig(response) -> tuple:
    location = response.get("Location", "").split("?")[0]
    return response.status_code, location


def _denied(response) -> bool:
    return response.status_code in DENIED or to_login(response)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The two tenants, built once for the module: every request runs in a savepoint that is
    rolled back, so no test sees another's effects; the whole world is rolled back after it."""
    with built_once_per_module(django_db_blocker):
        yield build_world(CampaignFactory(year=2021))


def _seers(world, obj, route) -> list:
    users = [world.ministry, world.security, *world.b.users.values()]
    return [u for u in users if _visible(world, u, obj, route)]


def _visible(world, user, obj, route) -> bool:
    """`visible` once per user and object: the module's world does not change (every request
    is rolled back), and the probe asks the same question for every variant and method. On a
    route only the ministry may use (routes.MINISTRY_ONLY), no other role may see the object."""
    if route is not None and ministry_only(route.name) and user.role != Role.MINISTRY:
        return False
    if route is not None and own_organizer_only(route.name) and isinstance(obj, Organizer):
        return user.role == Role.MINISTRY or user.organizer_id == obj.pk
    answers = world.__dict__.setdefault("visible_answers", {})
    key = (user.pk, type(obj), obj.pk)
    if key not in answers:
        answers[key] = visible(user, obj)
    return answers[key]


def _reachable(obj, values: dict, depth: int = 3) -> list:
    """Objects of `values` that `obj` points to through foreign keys (its parents)."""
    found, frontier = [], [obj]
    for _level in range(depth):
        nxt = []
        for item in frontier:
            for f in item._meta.concrete_fields:
                if f.is_relation and (f.many_to_one or f.one_to_one):
                    parent_id = getattr(item, f.attname, None)
                    parent = values.get(parent_id)
                    if parent is not None and type(parent) is f.related_model:
                        found.append(parent)
                        nxt.append(parent)
        frontier = nxt
    return found


def _assignments(route, world) -> list[tuple[dict, object, dict]]:
    """(numeric values, the other tenant's object under test, the same with tenant A's parents)."""
    b_values, a_by_model = world.values(world.b), {type(o): o for o in world.a.objects.values()}
    names = route.numeric
    if len(names) == 1:
        return [({names[0]: pk}, obj, {}) for pk, obj in b_values.items()]
    out = []
    for pk, inner in b_values.items():
        for outer in [*_reachable(inner, b_values), *world.b.pairs.get(pk, [])]:
            own = a_by_model.get(type(outer))
            out.append(
                (
                    {names[0]: outer.pk, names[-1]: pk},
                    inner,
                    {names[0]: own.pk, names[-1]: pk} if own else {},
                )
            )
    return out


def _first_served(route, world, ask, variant, method, model) -> tuple | None:
    for values, obj, own in _assignments(route, world):
        if model is not None and type(obj) is not model:
            continue
        missing = route.url(**variant, **dict.fromkeys(values, MISSING))
        for user in _seers(world, obj, route):
            url = route.url(**variant, **values)
            if _sig(ask(user, method, url)[0]) != _sig(ask(user, method, missing)[0]):
                return variant, values, obj, own
    return None


def _probe(route, world, ask) -> list:
    """Per variant, the first assignment whose object the route serves (GET, else POST) to a
    user allowed to see it; later variants only try objects of the model found first (all of
    them only objects of the route's model, when routes.ROUTE_MODELS names it, or of this
    variant's model, when routes.ROUTE_MODELS_BY does)."""
    served, model = [], route_model(route.name)
    for variant in route.variants():
        own = route_model(route.name, variant) or model
        for method in ("GET", "POST"):
            hit = _first_served(route, world, ask, variant, method, own)
            if hit is not None:
                served.append(hit)
                model = model or type(hit[2])
                break
    return served


def _requesters(world) -> dict:
    return {
        **{f"a-{role}": u for role, u in world.a.users.items()},
        "ministry": world.ministry,
        "anonymous": None,
    }


@pytest.mark.parametrize("route", [r for r in PAGES if r.numeric], ids=lambda r: r.name)
def test_other_tenants_objects_are_not_served(route, world):
    """Each role gets, for an object it may not see, the same denial as for a missing id."""
    if route.variants() is None:
        pytest.skip(f"uncovered: no sample value for {route.other} (add one in PARAM_SAMPLES)")
    ask = Requester()
    served = _probe(route, world, ask)
    if not served:
        pytest.skip(
            f"uncovered: {route.name} served none of the other tenant's objects to a user "
            "allowed to see them (its objects are shared by all, or need a state the "
            f"generic ones lack; not built: {', '.join(world.unbuilt) or 'none'})"
        )
    failures = []
    for variant, values, obj, own in served:
        for who, user in _requesters(world).items():
            if user is not None and _visible(world, user, obj, route):
                continue
            for assignment in filter(None, [values, own]):
                for method in ("GET", "POST"):
                    url = route.url(**variant, **assignment)
                    response, _body = ask(user, method, url)
                    missing = route.url(**variant, **dict.fromkeys(values, MISSING))
                    base = ask(user, method, missing)[0]
                    # A user who may read the object elsewhere (a campaign on a ministry-only
                    # route) learns nothing from a 403 instead of a 404: denied is enough.
                    knows = user is not None and _visible(world, user, obj, None)
                    if not _denied(response) or (not knows and _sig(response) != _sig(base)):
                        failures.append(
                            f"{who} {method} {url} ({type(obj).__name__}) → "
                            f"{_sig(response)}, missing id → {_sig(base)}"
                        )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", [r for r in PAGES if not r.numeric], ids=lambda r: r.name)
def test_lists_exports_and_dashboards_hold_no_other_tenants_rows(route, world):
    """Pages without ids (lists, dashboards, exports, API lists) never show tenant B's rows,
    even when asked for B by query parameters."""
    variants = route.variants()
    if variants is None:
        pytest.skip(f"uncovered: no sample value for {route.other}")
    if route.name in CODE_ONLY:
        pytest.skip(f"{route.name} is generated from code, not data")
    b = world.b
    tamper = {
        "organizer": b.users["organizer"].organizer_id,
        "agency": b.users["agency"].agency_id,
        "enterprise": b.users["enterprise"].enterprise_id,
        "page_size": 1000,
    }
    ask = Requester()
    leaks = []
    for who, user in _requesters(world).items():
        if who == "ministry":
            continue
        for variant in variants:
            for query in ("", "?" + "&".join(f"{k}={v}" for k, v in tamper.items())):
                response, body = ask(user, "GET", route.url(**variant) + query)
                text = body_text(body)
                leaks += [
                    f"{who} GET {route.url(**variant)}{query} → {response.status_code} shows {m}"
                    for m in world.markers
                    if m in text
                ]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("route", PAGES, ids=lambda r: r.name)
def test_every_route_has_an_access_rule(route, world):
    """Anonymous users are sent to sign in (or refused) unless the route is listed as public."""
    if route.name in PUBLIC:
        return
    variants = route.variants() or [dict.fromkeys(route.other, "x")]
    values = {p: next(iter(world.values(world.b))) for p in route.numeric}
    ask = Requester()
    for variant in variants[:1]:
        for method in ("GET", "POST"):
            response, _body = ask(None, method, route.url(**variant, **values))
            assert _denied(response), (
                f"anonymous {method} {route.url(**variant, **values)} → {response.status_code}: "
                "sign-in required, or list the route in tests/security/routes.py PUBLIC with why"
            )


def test_admin_is_for_staff_only(world):
    """Every admin page sends anonymous users and non-staff of every role to the admin sign-in."""
    ask = Requester()
    users = {"anonymous": None, "ministry": world.ministry, **world.a.users}
    wrong = []
    for route in (r for r in ROUTES if r.is_admin and r.name not in ADMIN_PUBLIC):
        url = route.url(**{p: next(iter(world.values(world.b))) for p in route.params})
        for who, user in users.items():
            response, _body = ask(user, "GET", url)
            if not to_login(response):
                wrong.append(f"{who} GET {url} → {response.status_code}")
    assert not wrong, "\n".join(wrong)
