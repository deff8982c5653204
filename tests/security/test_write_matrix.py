"""Write half of the permission matrix: every write route × every role × another tenant's object.

Routes and their unsafe methods come from the URL resolver and the views' own method lists
(`write_routes.unsafe_methods`); each is classified in `write_routes.WRITES` and a new one that is
not fails. The world of two tenants is built once per module. Every request runs in a savepoint
that is rolled back after the database has been read again, so each one starts from the same
rows and its effect is measured alone.

The rule, per requester (tenant A's organizer, agency and enterprise, the ministry, anonymous):

* anonymous: 401/403, a redirect to sign-in, or 405 — and no row changes — except on the
  public routes (sign-in, language, token), where still no row changes;
* a role that may make this write, aimed at tenant B's object: the same denial as for a missing
  id (404 for the scoped object, or 403/405 where the route or method is closed) — and no row
  changes (values compared, not counts);
* a role that may never make this write: 403, 404 or 405, the same as for a missing id, and no
  row changes;
* a write aimed at a shared record tenant B lists (an Enterprise or Agency row): it may succeed
  for tenant A, but no row outside tenant A's own changes or disappears, and every new row is
  one its author may see;
* the ministry acting on any tenant's object through a ministry move is its job, not checked here;
  but a national record (a campaign, `national`) is only the ministry's to move: its move
  changes that record and no other row;
* a write that needs a ministry duty (三员分立, `duty`): a requester holding the duty is added;
  ministry staff without it are refused like every other role.

For each object route a control request by tenant B's own user (for a ministry-only route: the
ministry, or the duty holder) must get an answer other than the missing-id answer, so the matrix
cannot pass by aiming at nothing.
"""

import copy
import datetime as dt
import json
import re
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from enterprises.choices import DiagnosisType, TaskState
from portal.choices import LETTER_KINDS, CampaignState, Duty, Role
from portal.models import ApiToken, Invitation, User
from portal.scoping import RULES
from tests.factories import CampaignFactory, TaskFactory, UserFactory
from tests.fixtures.sheets import agency_row, agency_xlsx, intent_row, intent_xlsx
from tests.security.routes import PUBLIC, all_routes, to_login
from tests.security.tenants import A_BASE, B_BASE, build_world, visible
from tests.security.write_routes import CHILD, UNSAFE, WRITES, unsafe_methods

pytestmark = pytest.mark.django_db  # each test also runs in a savepoint of the module's world

ROUTES = [r for r in all_routes() if not r.is_admin]
WRITE_ROUTES = [r for r in ROUTES if unsafe_methods(r)]
ADMIN_ROUTES = [r for r in all_routes() if r.is_admin]
MISSING = 987_654_321
DENIED = {401, 403, 404, 405}
BACKEND = "portal.security.backends.TenantModelBackend"
APPS = ("portal", "provinces", "agencies", "enterprises", "reports", "authtoken", "otp_totp")
APPS += ("otp_static", "auth")
# Written by any request and owned by no tenant: the trail of the request itself.
NOT_TENANT_DATA = {"portal.AuditLog", "sessions.Session"}
PERSONAL = {
    "portal.Notice": "recipient_id",
    "portal.DocumentJob": "requested_by_id",
    "portal.ApiToken": "user_id",
}


class _Rollback(Exception):
    pass


@dataclass
class Setup:
    world: object
    targets: dict  # key → tenant B's object
    a_targets: dict  # key → tenant A's object of the same kind (nested-id variants)
    ids: dict  # key → value of B's objects in bodies
    clients: dict
    users: dict
    baseline: dict
    duty_holders: dict


def _models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in APPS and m._meta.label not in NOT_TENANT_DATA
    ]


def snapshot() -> dict:
    """Every row of every tenant table, by model and primary key, with all its values (raw SQL:
    one cheap query per table, since it runs after every request of the matrix)."""
    rows = {}
    with connection.cursor() as cursor:
        for m in _models():
            columns = [f.column for f in m._meta.concrete_fields]
            pk = m._meta.pk.column
            names = ", ".join(connection.ops.quote_name(c) for c in [pk, *columns])
            cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(m._meta.db_table)}")  # noqa: S608
            rows[m._meta.label] = {row[0]: row[1:] for row in cursor.fetchall()}
    return rows


def _follow_up_task(tenant, campaign):
    """A follow-up of the tenant's reported task for the tenant's own enterprise user's
    enterprise (so its contact may report progress), in a campaign of its own (the enterprise
    is already listed in `campaign`)."""
    task = tenant.objects[_model("enterprises.DiagnosisTask")]
    return TaskFactory(
        pk=next(tenant.pks),
        campaign=CampaignFactory(year=2019),
        organizer=task.organizer,
        agency=task.agency,
        enterprise=tenant.users["enterprise"].enterprise,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        previous_task=task,
        state=TaskState.PUBLISHED,
    )


def _model(label):
    return apps.get_model(label)


def _api_token(tenant) -> ApiToken:
    """A live API token of the tenant's organizer user, numbered in the tenant's range."""
    token, _key = ApiToken.objects.create(user=tenant.users["organizer"], name="matrix")
    pk = next(tenant.pks)
    ApiToken.objects.filter(pk=token.pk).update(id=pk)
    return ApiToken.objects.get(pk=pk)


def _invitation(tenant=None, **user) -> Invitation:
    """A pending invitation (to a colleague of the tenant's organizer user, or to `user`)."""
    pk = next(tenant.pks) if tenant else None
    if tenant is not None:
        inviter = tenant.users["organizer"]
        user = {"role": Role.ORGANIZER, "organizer": inviter.organizer, "pk": pk}
    invited = UserFactory(username=f"matrix-invited-{pk or 'ministry'}", **user)
    return Invitation.objects.create(
        pk=pk,
        user=invited,
        nonce=f"n{pk}",
        token_hash=f"h{pk}",
        expires_at=timezone.now() + dt.timedelta(days=1),
    )


def _targets(tenant, campaign) -> dict:
    o = {m._meta.label: v for m, v in tenant.objects.items()}
    return {
        "account": tenant.users["organizer"],
        "organizer": tenant.users["organizer"].organizer,
        "invitation": _invitation(tenant),
        "api_token": _api_token(tenant),
        "campaign": campaign,
        "notice": o["portal.Notice"],
        "job": o["portal.DocumentJob"],
        "submission": o["provinces.Submission"],
        "plan": o["provinces.PlanContent"],
        "recommendation": o["agencies.Recommendation"],
        "agency": o["agencies.Agency"],
        "enterprise": o["enterprises.Enterprise"],
        "task": o["enterprises.DiagnosisTask"],
        "secret": tenant.extras[0],
        "letter": o["enterprises.TaskLetter"],
        "report": o["reports.DiagnosisReport"],
        "energy": o["reports.EnergyUse"],
        "equipment": o["reports.Equipment"],
        "measure": o["reports.Measure"],
        "product": o["reports.ProductRow"],
        "earlier_measure": o["reports.Measure"],
        "followup": o["reports.FollowUp"],
        "followup_task": _follow_up_task(tenant, campaign),
    }


def _ids(setup_targets: dict, world, campaign2022, *, missing: bool) -> dict:
    """Values naming tenant B's objects in a body (or a missing id in their place)."""
    b, a = world.b, world.a
    ids = {k: (MISSING if missing else v.pk) for k, v in setup_targets.items()}
    organizer = b.users["organizer"].organizer
    agency, enterprise = setup_targets["agency"], setup_targets["enterprise"]
    ids.update(
        organizer=MISSING if missing else organizer.pk,
        organizer_code=organizer.code,  # public (the list of provinces), not a secret
        agency_a=a.users["agency"].agency_id,
        letter_kind=str(LETTER_KINDS["docx"]),
        campaign=world.a.links[_model("portal.Campaign")].pk,
        campaign2022=campaign2022.pk,
        industry=enterprise.industry_id,
        enterprise_code=enterprise.credit_code,
        # The follow-up task is published (its report open): bulk entry aims at it.
        followup_code=setup_targets["followup_task"].enterprise.credit_code,
        followup_campaign=setup_targets["followup_task"].campaign_id,
        followup_year=setup_targets["followup_task"].campaign.year,
        agency_code=agency.credit_code,
        agency_name_a=a.users["agency"].agency.name,
    )
    return ids


def _files(ids: dict) -> dict:
    """Fresh uploads for one request (an upload is read once)."""
    intent = intent_xlsx(
        [
            intent_row(
                1,
                企业名称="改名矩阵企业",
                组织机构代码=ids["enterprise_code"],
                提供服务的机构=ids["agency_name_a"],
            )
        ]
    )
    agency = agency_xlsx(
        [agency_row(1, 机构名称="改名矩阵机构", 统一社会信用代码=ids["agency_code"])]
    )
    return {
        "pdf": SimpleUploadedFile("m.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        "intent_xlsx": SimpleUploadedFile("a3.xlsx", intent, "application/octet-stream"),
        "agency_xlsx": SimpleUploadedFile("a2.xlsx", agency, "application/octet-stream"),
    }


def _requesters(world, spec=None, duty_holders=None) -> dict:
    """Tenant A's users, the ministry, anonymous; and the holder of the duty `spec` needs."""
    requesters = {
        **{f"a-{role}": u for role, u in world.a.users.items()},
        "ministry": world.ministry,
        "anonymous": None,
    }
    if spec is not None and spec.duty:
        requesters[f"ministry-{spec.duty}"] = duty_holders[spec.duty]
    return requesters


def _duty_holders() -> dict:
    """One ministry user per administrative duty (the system one may open the admin)."""
    return {
        duty: UserFactory(
            username=f"matrix-{duty}",
            role=Role.MINISTRY,
            duty=duty,
            is_staff=duty == Duty.SYSTEM,
            is_superuser=duty == Duty.SYSTEM,
        )
        for duty in (Duty.SYSTEM, Duty.SECURITY, Duty.AUDIT)
    }


@pytest.fixture(scope="module")
def setup(django_db_setup, django_db_blocker):
    """The two tenants, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), suppress(_Rollback), transaction.atomic():
        campaign = CampaignFactory(year=2021)
        campaign2022 = CampaignFactory(year=2022)
        world = build_world(campaign)
        targets = _targets(world.b, campaign)
        a_targets = _targets(world.a, campaign)
        # National records and ministry accounts: the same for both tenants.
        national = {
            "closed_campaign": CampaignFactory(year=2020, state=CampaignState.CLOSED),
            "ministry_account": UserFactory(username="matrix-ministry-daily", role=Role.MINISTRY),
            "ministry_invitation": _invitation(role=Role.MINISTRY),
        }
        targets.update(national)
        a_targets.update(national)
        duty_holders = _duty_holders()
        users = {
            **_requesters(world),
            **{f"ministry-{duty}": u for duty, u in duty_holders.items()},
            **{f"b-{r}": u for r, u in world.b.users.items()},
        }
        clients = {}
        for who, user in users.items():
            clients[who] = Client(raise_request_exception=False)
            if user is not None:
                clients[who].force_login(user, backend=BACKEND)
        ids = {
            "b": _ids(targets, world, campaign2022, missing=False),
            "missing": _ids(targets, world, campaign2022, missing=True),
        }
        yield Setup(world, targets, a_targets, ids, clients, users, snapshot(), duty_holders)
        raise _Rollback


def _send(client, route, method: str, url: str, data: dict | None):
    if method == "POST" and not route.is_api:
        return client.post(url, data or {})
    if method == "POST" and data and any(hasattr(v, "read") for v in data.values()):
        return client.post(url, data)
    if route.is_api:
        payload = json.dumps(data or {}, default=str)
        return client.generic(method, url, payload, content_type="application/json")
    return client.generic(
        method, url, urlencode(data or {}), content_type="application/x-www-form-urlencoded"
    )


def _sig(response) -> tuple:
    """Status, redirect target and, for a JSON error, which fields it names (a 400 for a foreign
    id must name the same field as the 400 for a missing id)."""
    keys: tuple = ()
    if 400 <= response.status_code < 500 and "json" in response.get("Content-Type", ""):
        with suppress(ValueError):
            payload = json.loads(response.content or b"{}")
            keys = tuple(sorted(payload)) if isinstance(payload, dict) else ()
    return response.status_code, response.get("Location", "").split("?")[0], keys


def _ask(setup: Setup, who: str, route, method: str, url: str, data, *, rows=True) -> tuple:
    """(status and redirect target, sent to sign-in, the rows after) of one request, rolled
    back at once; the client's cookies too (a sign-out or a new session stays in that request)."""
    outcome = {}
    client, user = setup.clients[who], setup.users[who]
    cookies = copy.deepcopy(client.cookies)
    with suppress(_Rollback), transaction.atomic():
        response = _send(client, route, method, url, data)
        outcome["sig"] = _sig(response)
        outcome["login"] = to_login(response)
        outcome["after"] = snapshot() if rows else None
        outcome["unseen"] = _unseen_new_rows(setup.baseline, outcome["after"], user) if rows else []
        raise _Rollback
    client.cookies = cookies
    return outcome["sig"], outcome["login"], outcome["after"], outcome["unseen"]


def _diff(before: dict, after: dict, *, keep=lambda label, pk: False) -> list[str]:
    """Rows changed or deleted (and, unless kept, rows added) between two snapshots."""
    out = []
    for label, rows in before.items():
        new = after[label]
        for pk, row in rows.items():
            if keep(label, pk):
                continue
            if pk not in new:
                out.append(f"{label} #{pk} deleted")
            elif new[pk] != row:
                changed = [f"{a!r}→{b!r}" for a, b in zip(row, new[pk], strict=True) if a != b]
                out.append(f"{label} #{pk} changed: {', '.join(changed)[:300]}")
    return out


def _added(before: dict, after: dict) -> list[tuple[str, object]]:
    return [(label, pk) for label, rows in after.items() for pk in rows if pk not in before[label]]


def _own_rows(setup: Setup, user):
    """Rows the requester owns: its own user row, and for tenant A every row A was built with."""
    if user is None:
        return lambda label, pk: False
    a = setup.world.a
    a_users = {u.pk for u in a.users.values()}
    organizer = a.users["organizer"].organizer_id
    in_a = user.pk in a_users

    def keep(label, pk):
        if label == "portal.User":
            return pk == user.pk or (in_a and pk in a_users)
        if label == "provinces.Organizer":
            return in_a and pk == organizer
        return in_a and isinstance(pk, int) and A_BASE <= pk < B_BASE

    return keep


def _unseen_new_rows(before, after, user) -> list[str]:
    """New rows their author may not see (a write into someone else's scope)."""
    out = []
    for label, pk in _added(before, after):
        model = _model(label)
        if model in RULES and user is not None and not visible(user, model.objects.get(pk=pk)):
            out.append(f"{label} #{pk} created outside the author's scope")
    return out


def _may_see(user, obj) -> bool:
    if isinstance(obj, Invitation):  # an invitation is seen with the account it opens
        obj = obj.user
    if isinstance(obj, User):  # accounts: the ministry sees them all, anyone else only their own
        return user is not None and (user.role == Role.MINISTRY or user.pk == obj.pk)
    field = PERSONAL.get(obj._meta.label)
    if field is not None:
        return user is not None and getattr(obj, field) == user.pk
    return visible(user, obj)


def _variants(setup: Setup, route, spec) -> list[tuple[dict, dict, object]]:
    """(URL values naming B's object, the same with missing ids, B's object under test)."""
    params = dict(spec.params)
    if not route.numeric:
        return [(params, params, setup.targets.get(spec.target))]
    outer = route.numeric[0]
    target = setup.targets[spec.target] if spec.target else None
    if target is None:  # a "none" route with an id: aim at B's task
        target = setup.targets["task"]
    if not spec.nested:
        return [({**params, outer: target.pk}, {**params, outer: MISSING}, target)]
    child = setup.targets[CHILD[spec.nested]]
    own_parent = setup.a_targets[spec.target].pk
    return [
        (
            {**params, outer: target.pk, spec.nested: child.pk},
            {**params, outer: MISSING, spec.nested: MISSING},
            child,
        ),
        (
            {**params, outer: own_parent, spec.nested: child.pk},
            {**params, outer: own_parent, spec.nested: MISSING},
            child,
        ),
    ]


def _data(setup: Setup, spec, *, missing: bool) -> dict | None:
    if spec.body is None:
        return None
    ids = setup.ids["missing" if missing else "b"]
    return spec.body({**ids, **_files(ids)})


def _role(setup: Setup, user) -> str | None:
    return None if user is None else str(user.role)


def _judge(setup, route, spec, who, user, method, values, missing, target) -> list[str]:
    """What went wrong for one requester, method and variant (empty when the rule holds)."""
    url = route.url(**values)
    data = _data(setup, spec, missing=False)
    sig, login, after, unseen = _ask(setup, who, route, method, url, data)
    where = f"{who} {method} {url}"
    base = setup.baseline
    everything = _diff(base, after) + [f"{lbl} #{pk} added" for lbl, pk in _added(base, after)]
    if sig[0] >= 500:
        return [f"{where} → {sig[0]} (server error)"]
    role = _role(setup, user)
    if user is None:
        denied = sig[0] in DENIED or login or route.name in PUBLIC or spec.kind == "none"
        problems = [] if denied else [f"{where} → {sig}: anonymous must be refused"]
        return problems + [f"{where}: {d}" for d in everything]
    if spec.kind == "none":
        return [f"{where}: {d}" for d in everything]
    mine = _own_rows(setup, user)
    outside = _diff(base, after, keep=mine) + unseen
    if spec.kind == "own":
        return [f"{where}: {d}" for d in outside]
    allowed = role in spec.roles and (not spec.duty or user.duty == spec.duty)
    legit = allowed and (spec.kind == "body" or (target is not None and _may_see(user, target)))
    if legit and role == "ministry" and (spec.national or spec.duty):
        # A national record, or a duty's own records: this write changes the target alone.
        def keep(label, pk):
            return mine(label, pk) or (
                target is not None and label == target._meta.label and pk == target.pk
            )

        return [f"{where}: {d}" for d in _diff(base, after, keep=keep)]
    if legit and role == "ministry":
        return []  # the ministry's moves act on every tenant: its job
    if legit and (spec.shared or spec.kind == "object"):
        return [f"{where}: {d}" for d in outside]
    missing_data = _data(setup, spec, missing=True)
    missing_url = route.url(**missing)
    msig = _ask(setup, who, route, method, missing_url, missing_data, rows=False)[0]
    problems = [f"{where}: {d}" for d in everything]
    if target is not None and _may_see(user, target):
        # It may read the object anyway (the ministry): any refusal will do, nothing changes.
        if not 400 <= sig[0] < 500:
            problems.append(f"{where} → {sig}: must be refused")
        return problems
    # Out of its scope: no answer may tell the object exists. An object in the URL is denied
    # (403/404/405); an id in a body is refused with a 4xx that names the same field.
    # A child id under the requester's own parent may be refused as "not one of yours" (409).
    strict = (
        spec.kind == "object"
        and values.get(route.numeric[0]) != setup.a_targets.get(spec.target, target).pk
        if route.numeric
        else spec.kind == "object"
    )
    refused = sig[0] in DENIED if strict else 400 <= sig[0] < 500
    if not refused or sig != msig:
        problems.append(f"{where} → {sig}, missing id → {msig}: must be refused alike")
    return problems


def _control_values(setup, route, spec, values) -> dict:
    """The URL values with the control object in place of the target (`spec.control`)."""
    if not spec.control or not route.numeric:
        return values
    return {**values, route.numeric[0]: setup.targets[spec.control].pk}


def _control(setup, route, spec, values, missing) -> str | None:
    """Tenant B's own user (for a ministry-only route: the ministry or the duty holder) gets
    something else than the missing-id answer for its object."""
    owners = [f"b-{r}" for r in ("organizer", "agency", "enterprise") if r in spec.roles]
    if not owners and spec.duty:
        owners = [f"ministry-{spec.duty}"]
    elif not owners and "ministry" in spec.roles and spec.kind == "object":
        owners = ["ministry"]
    if spec.kind not in {"object", "body"} or spec.shared or not owners:
        return None
    if spec.kind == "body" and not spec.target:
        return None  # no id to aim at: nothing for a missing id to differ from
    values = _control_values(setup, route, spec, values)
    method = unsafe_methods(route)[0]
    for who in owners:
        data = _data(setup, spec, missing=False)
        sig = _ask(setup, who, route, method, route.url(**values), data, rows=False)[0]
        mdata = _data(setup, spec, missing=True)
        msig = _ask(setup, who, route, method, route.url(**missing), mdata, rows=False)[0]
        if sig != msig:
            return None
    return (
        f"control: {'/'.join(owners)} get the missing-id answer {sig} for "
        f"{spec.control or spec.target} on {method} {route.url(**values)}: the matrix does not "
        "reach it"
    )


def test_every_write_route_is_classified():
    """A route that accepts POST, PUT, PATCH or DELETE and is not in WRITES is unclassified."""
    names = {r.name for r in WRITE_ROUTES}
    unclassified = sorted(names - set(WRITES))
    stale = sorted(set(WRITES) - names)
    assert not unclassified, "routes not classified in write_routes.WRITES: " + ", ".join(
        unclassified
    )
    assert not stale, "WRITES names routes that take no unsafe method: " + ", ".join(stale)


def test_the_api_schema_lists_no_write_the_resolver_missed():
    """Every unsafe operation in the OpenAPI schema is a write route of the matrix."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    by_path = {re.sub(r"%\(\w+\)s", "{}", r.fmt): r for r in WRITE_ROUTES}
    missing = []
    for path, operations in schema["paths"].items():
        fmt = re.sub(r"\{\w+\}", "{}", path)
        for method in operations:
            if method.upper() not in UNSAFE:
                continue
            route = by_path.get(fmt)
            if route is None or method.upper() not in unsafe_methods(route):
                missing.append(f"{method.upper()} {path}")
    assert not missing, "in the schema but not in the write matrix: " + ", ".join(missing)


@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda r: r.name)
def test_writes_aimed_at_another_tenant_change_nothing_of_it(route, setup):
    """Each role, each unsafe method, tenant B's object or shared record: the rule above."""
    spec = WRITES.get(route.name)
    if spec is None:
        pytest.fail(f"route {route.name} is not classified in tests/security/write_routes.py")
    failures = []
    variants = _variants(setup, route, spec)
    control = _control(setup, route, spec, *variants[0][:2])
    if control:
        failures.append(control)
    for who, user in _requesters(setup.world, spec, setup.duty_holders).items():
        for method in unsafe_methods(route):
            for values, missing, target in variants:
                failures += _judge(setup, route, spec, who, user, method, values, missing, target)
    assert not failures, "\n".join(failures)


def test_admin_refuses_every_write_of_every_role(setup):
    """Every admin page sends a POST of each role (none is staff) to the admin sign-in, and
    nothing changes."""
    wrong = []
    some_pk = setup.targets["task"].pk
    for route in ADMIN_ROUTES:
        if route.name in {"admin:login", "admin:logout"}:
            continue
        url = route.url(**dict.fromkeys(route.params, some_pk))
        with suppress(_Rollback), transaction.atomic():
            for who in _requesters(setup.world):
                client = setup.clients[who]
                cookies = copy.deepcopy(client.cookies)
                response = client.post(url, {"_save": "1", "name": "矩阵"})
                client.cookies = cookies
                if not to_login(response):
                    wrong.append(f"{who} POST {url} → {response.status_code}")
            wrong += [f"POST {url}: {d}" for d in _diff(setup.baseline, snapshot())]
            raise _Rollback
    assert not wrong, "\n".join(wrong)
