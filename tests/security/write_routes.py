"""The write half of the permission matrix: which routes accept an unsafe method, and how each
one is aimed at another tenant.

`unsafe_methods(route)` reads the methods from the code itself: a DRF viewset's action map, a
class-based view's handlers, and for a function view the method list of `require_POST` /
`require_http_methods` (a function view without one answers every method). `WRITES` classifies
every non-admin route that accepts an unsafe method; a new one that is not in it fails
`test_every_write_route_is_classified`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.security.routes import Route

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
EVERY_ROLE = frozenset({"ministry", "organizer", "agency", "enterprise"})


def _decorated_methods(func) -> set[str] | None:
    """The methods `require_http_methods` lets through, read from its closure; None if absent."""
    while func is not None:
        cells = dict(zip(func.__code__.co_freevars, func.__closure__ or (), strict=True))
        if "request_method_list" in cells:
            return {m.upper() for m in cells["request_method_list"].cell_contents}
        func = getattr(func, "__wrapped__", None)
    return None


def unsafe_methods(route: Route) -> tuple[str, ...]:
    callback = route.callback
    actions = getattr(callback, "actions", None)
    if actions:  # a DRF router route: {"post": "create", ...}, within the viewset's methods
        allowed = {m.upper() for m in callback.cls.http_method_names}
        return tuple(m for m in UNSAFE if m.lower() in actions and m in allowed)
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        allowed = {m.upper() for m in view_class.http_method_names}
        return tuple(m for m in UNSAFE if m in allowed and hasattr(view_class, m.lower()))
    allowed = _decorated_methods(callback)
    return tuple(m for m in UNSAFE if allowed is None or m in allowed)


# --- How each write route is aimed at another tenant -------------------------------------------
# kind "object": the URL names tenant B's object (`target`), once with B's parents and, for
#   nested ids, once with tenant A's own parent and B's child.
# kind "body": no id in the URL; the request body names B's object, or a shared record that B
#   lists (`shared=True`: the write may succeed for tenant A, but nothing of B may change).
# kind "own": the route acts on the requesting user's own records only (session, password,
#   devices, own notices, own organizer's forms); the body tries to name tenant B.
# kind "none": the route answers unsafe methods but writes nothing (a read that ignores the
#   method); the database must be exactly as before.
#
# Ministry-only writes name no tenant owner, so the matrix checks them from the ministry's side:
# `duty`: only ministry staff holding this duty (三员分立) may write; the matrix adds a requester
#   holding it, and a ministry user without it is refused like every other role.
# `national`: the target is a national record (a campaign) that only the ministry moves: every
#   other role is refused with nothing changed, and the ministry's move changes that record
#   alone (the rows it adds, events and notices, are its trail).
# `control`: the object the control request aims at when it is not `target` (the duty holder's
#   own kind of object, e.g. a ministry account, while `target` is tenant B's user). For a
#   ministry-only route the control requester is the ministry (or the duty holder): it must get
#   an answer other than the missing-id answer, so the route is really reached.


@dataclass(frozen=True)
class Write:
    kind: str
    roles: frozenset[str] = frozenset()  # who may make this write on objects in their scope
    target: str = ""  # key of tenant B's object the URL or the body names
    params: dict = field(default_factory=dict)  # other URL parameters (kind, fmt, move)
    nested: str = ""  # URL parameter of a child id under `target` (row_pk, measure_pk)
    body: Callable | None = None  # body(ids) → request data; ids maps keys to B's (or missing) pks
    shared: bool = False
    why: str = ""
    duty: str = ""  # the ministry duty the write needs (portal.choices.Duty)
    national: bool = False
    control: str = ""  # key of the control request's object, when not `target`


def _roles(*names: str) -> frozenset[str]:
    return frozenset(names)


ORG, MIN, AGY, ENT = "organizer", "ministry", "agency", "enterprise"


def obj(target: str, *roles: str, **kw) -> Write:
    return Write("object", _roles(*roles), target, **kw)


def body(
    make: Callable, *roles: str, target: str = "", shared: bool = False, why="", **kw
) -> Write:
    return Write("body", _roles(*roles), target, body=make, shared=shared, why=why, **kw)


def own(why: str, *, make: Callable | None = None) -> Write:
    return Write("own", EVERY_ROLE, body=make, why=why)


def none(why: str, target: str = "") -> Write:
    return Write("none", target=target, why=why)


def _tamper(ids) -> dict:
    """Fields an attacker adds to any form to name tenant B."""
    return {"organizer": ids["organizer"], "agency": ids["agency"], "year": 2021}


def _benchmark_upload(ids) -> dict:
    """A new benchmark table: ministry only, names no tenant."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = (
        "product,indicator,unit,leading_value,advanced_value,limit_value,source,confidence\n"
        "矩阵产品,单位产品综合能耗,kgce/t,1,2,3,矩阵,secondary\n"
    )
    return {
        "code": "GB 矩阵",
        "edition": "2099",
        "kind": "limit_standard",
        "effective_year": 2021,
        "source": "矩阵",
        "confidence": "secondary",
        "file": SimpleUploadedFile("m.csv", csv.encode(), content_type="text/csv"),
    }


def _bulk_xlsx(ids):
    """A filled bulk-entry template (issue 17) naming tenant B's open (published) task by its
    enterprise's credit code; with the missing ids (every target the same missing pk), a code
    no task has."""
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = openpyxl.Workbook()
    wb.active.title = "能源消费"
    wb.active.append(["统一社会信用代码", "能源品种", "实物量", "计量单位"])
    missing = ids["followup_task"] == ids["task"]
    code = "91990000MA0MISSING" if missing else ids["followup_code"]
    wb.active.append([code, "原煤", 1000, "t"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("bulk.xlsx", buffer.getvalue(), "application/octet-stream")


def _recommendation_row() -> dict:
    """Every field of an 附件2 row, as the organizer's edit page posts it."""
    return {
        "nature": "节能服务公司",
        "location": "矩阵市",
        "specialties": "钢铁",
        "technical_staff": 9,
        "track_record": "矩阵业绩",
        "planned_enterprises": 7,
        "contact_name": "矩阵",
        "contact_title": "工程师",
        "phone": "010-1",
        "email": "matrix@example.cn",
        "remarks": "矩阵",
    }


def _task_row(ids) -> dict:
    """附件3 row listing B's enterprise (public credit code) in another campaign, renamed."""
    return {
        "campaign": ids["campaign2022"],
        "year": 2022,
        "enterprise_name": "改名矩阵企业",
        "credit_code": ids["enterprise_code"],
        "city": "石家庄市",
        "county": "长安区",
        "industry": ids["industry"],
        "energy_tce": "99999",
        "diagnosis_type": "key_industry",
        "agency_name": ids["agency_name_a"],
        "agency": ids["agency_name_a"],
        "is_sme": False,
        "sme": "no",
    }


def _task_row_api(ids) -> dict:
    return {**_task_row(ids), "agency": ids["agency_a"]}


def _agency_row(ids) -> dict:
    """B's agency (public credit code) registered again under other values."""
    return {
        "credit_code": ids["agency_code"],
        "name": "改名矩阵机构",
        "nature": "节能服务公司",
        "location": "石家庄市",
        "specialties": "改写",
        "technical_staff": 1,
        "track_record": "改写",
        "contact_name": "改写",
        "contact_title": "改写",
        "phone": "13900000000",
        "email": "rewrite@example.cn",
        "planned_enterprises": 1,
        "campaign": ids["campaign"],
        "year": 2021,
    }


def _row(ids) -> dict:
    return {"report": ids["report"], "name": "矩阵", "quantity": "1", "unit": "t"}


def _follow_up(ids) -> dict:
    return {
        "task": ids["followup_task"],
        "measure": ids["earlier_measure"],
        "actual_investment_wan": "1",
        "realized_tce": "1",
        "realized_kwh": "1",
        "realized_wan": "1",
        "move": "plan",
        "comment": "矩阵",
    }


def _follow_up_pick(ids) -> dict:
    """跟踪服务 for B's enterprise (public credit code) on A's own 2022 list."""
    return {"campaign": ids["campaign2022"], "year": 2022, "credit_code": ids["enterprise_code"]}


def _progress(ids) -> dict:
    return {
        "task": ids["followup_task"],
        "measure": ids["earlier_measure"],
        "progress": "implemented",
        "note": "矩阵",
    }


def _document(ids) -> dict:
    return {
        "kind": ids["letter_kind"],
        "year": 2021,
        "organizer": ids["organizer_code"],
        "letter": ids["letter"],
    }


def _account_new(ids) -> dict:
    """A new ministry account whose body also tries to place it in tenant B's organizer."""
    password = "Matrix-pass-2021!"
    return {
        "username": "matrix-new",
        "full_name": "矩阵新账号",
        "email": "matrix-new@example.cn",
        "duty": "none",
        "password1": password,
        "password2": password,
        "role": ORG,
        **_tamper(ids),
    }


def _invite(ids) -> dict:
    """A colleague to invite; the body also names tenant B's organizer and agency."""
    return {
        "kind": "colleague",
        "full_name": "矩阵邀请",
        "email": "matrix-invite@example.cn",
        **_tamper(ids),
    }


def _contacts(ids) -> dict:
    """The contacts of B's 附件2 row (an organizer administrator invites its own rows only)."""
    return {"source": "agencies", "year": 2021, "rows": [ids["recommendation"]]}


CAPTCHA_KEY = {"key": "0" * 40}  # a sign-in CAPTCHA's key (none such)

WRITES: dict[str, Write] = {
    # --- kernel: sign-in, two-factor, notices, documents
    "home": none("the landing page redirects by role"),
    "healthz": none("answers that the process runs"),
    "readyz": none("reads the database, the broker and the storage"),
    "metrics": none("reads counters"),
    "login": own("signs in the posting user"),
    "logout": own("ends the posting user's session"),
    "password_change": own("changes the posting user's password"),
    "security-overview": none("shows the user's own two-factor state"),
    "otp-verify": own("verifies the user's own device"),
    "otp-setup": own("enrols the user's own device"),
    "otp-recovery-codes": own("renews the user's own recovery codes"),
    "audit-log": none("reads the audit log"),
    "audit-export": none("exports the audit log (the export is audited, nothing else)"),
    "notices": own("marks the user's own notices read", make=_tamper),
    "notice-read": obj("notice", MIN, ORG, AGY, ENT),
    "notice-preferences": own("sets the user's own notice settings", make=_tamper),
    "api-notice-read": obj("notice", MIN, ORG, AGY, ENT),
    "api-notice-read-all": own("marks the user's own notices read", make=_tamper),
    "api-notice-preferences": own("sets the user's own notice settings", make=_tamper),
    "job-list": none("lists the user's own jobs"),
    "job-detail": none("shows a job", target="job"),
    "job-download": none("downloads a job's file", target="job"),
    "job-retry": obj("job", MIN, ORG, AGY, ENT),
    "set_language": own("sets the language cookie"),
    "api-token": own("issues the posting user's own token"),
    "captcha-image": Write("none", params=CAPTCHA_KEY, why="draws a sign-in CAPTCHA (GET)"),
    "captcha-image-2x": Write("none", params=CAPTCHA_KEY, why="draws a sign-in CAPTCHA (GET)"),
    "captcha-audio": Write("none", params=CAPTCHA_KEY, why="reads a sign-in CAPTCHA out (GET)"),
    "captcha-refresh": none("a new sign-in CAPTCHA, no tenant data (GET only)"),
    # --- the security administrator's ministry accounts (duty "security" only). Tenant B's user
    #   is no ministry account: refused to everyone, the security administrator too (organizer
    #   administrators manage their own organizer's accounts); the control deactivates a
    #   ministry account.
    "security-accounts": body(_account_new, MIN, duty="security", why="creates a ministry account"),
    "security-account-move": obj(
        "account", duty="security", params={"move": "deactivate"}, control="ministry_account"
    ),
    # --- accounts of one's own tenant (tenant A's and B's organizer and agency users are their
    #   tenants' administrators): B's account or invitation is a 404; the control is B's own
    #   administrator on its own tenant. The security administrator's side is in
    #   tests/security/accounts/.
    "people": own("invites a person into the posting administrator's own tenant", make=_invite),
    "api-invitation-list": own(
        "invites a person into the posting administrator's own tenant", make=_invite
    ),
    "people-move": obj("account", ORG, AGY, params={"move": "deactivate"}),
    "api-account-deactivate": obj("account", ORG, AGY),
    "api-account-activate": obj("account", ORG, AGY),
    "invitation-resend": obj("invitation", ORG),
    "api-invitation-resend": obj("invitation", ORG),
    "invite-contacts": body(_contacts, ORG, target="recommendation"),
    "api-invitation-contacts": body(_contacts, ORG, target="recommendation"),
    # --- anyone: the invitation link and 忘记密码 (no session needed, nothing of another's)
    "invitation-accept": Write(
        "own", EVERY_ROLE, params={"token": "not-a-token"}, why="sets the link's account password"
    ),
    "password_reset": own("queues a reset e-mail to the address's own account"),
    "password_reset_confirm": Write(
        "own",
        EVERY_ROLE,
        params={"uidb64": "MQ", "token": "set-password"},
        why="sets the link's account password",
    ),
    "api-password-reset": own("queues a reset e-mail to the address's own account"),
    # --- one's own API tokens (another user's token is a 404, the ministry's too)
    "api-tokens": none("lists the user's own tokens"),
    "api-token-revoke": obj("api_token", MIN, ORG, AGY, ENT),
    "api-tokens-detail": obj("api_token", MIN, ORG, AGY, ENT),
    "api-tokens-revoke-all": own("revokes the posting user's own tokens", make=_tamper),
    # --- campaigns: national, opened and closed by the ministry only
    "campaigns": none("the ministry's campaign list"),
    "campaign-move": obj("campaign", MIN, params={"move": "close"}, national=True),
    "campaign-close": obj("campaign", MIN, body=lambda ids: {"comment": "矩阵"}, national=True),
    "campaign-open": obj(
        "closed_campaign", MIN, body=lambda ids: {"comment": "矩阵"}, national=True
    ),
    "campaign-archive": obj(
        "closed_campaign", MIN, body=lambda ids: {"comment": "矩阵"}, national=True
    ),
    # --- campaign set-up (ministry): copy a year, edit its data, deadline extensions
    "reports:campaign-new": body(
        lambda ids: {"source": ids["campaign"], "year": 2031, "name": "矩阵"}, MIN
    ),
    "reports:campaign-setup": none("the set-up page of a year (a read)"),
    "reports:campaign-settings": obj("campaign", MIN, body=lambda ids: {}, national=True),
    "reports:campaign-layouts": obj(
        "campaign", MIN, body=lambda ids: {"data": "{", "action": "save"}, national=True
    ),
    "reports:campaign-data": obj(
        "campaign", MIN, params={"piece": "diagnosis_types"}, body=lambda ids: {}, national=True
    ),
    "reports:campaign-extension-grant": obj(
        "campaign", MIN, body=lambda ids: {"reason": "矩阵"}, national=True
    ),
    "reports:campaign-extension-revoke": obj(
        "campaign", MIN, body=lambda ids: {"extension": "x"}, national=True
    ),
    "api-campaign-setup-detail": obj(
        "campaign", MIN, body=lambda ids: {"co2_per_tce": "2.7"}, national=True
    ),
    "api-campaign-setup-copy": body(lambda ids: {"source": 2021, "year": 2031}, MIN),
    "api-campaign-setup-check-layouts": obj(
        "campaign", MIN, body=lambda ids: {"form_layouts": {"forms": []}}, national=True
    ),
    "api-campaign-setup-extensions": obj(
        "campaign",
        MIN,
        body=lambda ids: {"organizer": "370000", "form": 1, "due": "2021-07-01", "reason": "矩阵"},
        national=True,
    ),
    "api-campaign-setup-revoke-extension": obj(
        "campaign", MIN, body=lambda ids: {"extension": "x"}, national=True
    ),
    # --- 报送 (submissions) and 附件1
    "submission-list": own(
        "opens the user's own organizer's submission",
        make=lambda ids: {"campaign": ids["campaign"], "form": "plan", **_tamper(ids)},
    ),
    "submission-submit": obj("submission", ORG),
    "submission-approve": obj("submission", MIN),
    "submission-return-": obj("submission", MIN),
    "submission-reopen": obj("submission", MIN),
    "provinces:submission-list": own("ensures the user's own organizer's four forms"),
    "provinces:submission-detail": none("shows a form", target="submission"),
    "provinces:submission-move": obj("submission", ORG, MIN, params={"move": "submit"}),
    "plan-list": own(
        "saves the user's own organizer's plan",
        make=lambda ids: {"submission": {"campaign": ids["campaign"]}, **_tamper(ids)},
    ),
    "plan-detail": obj("plan", ORG, body=lambda ids: {"version": 1, "remarks": "矩阵"}),
    "provinces:plan-edit": own("saves the user's own organizer's plan", make=_tamper),
    # --- organizers' official names: the ministry any, an organizer's staff their own
    "organizer-detail": obj("organizer", ORG, MIN, body=lambda ids: {"department": "矩阵厅"}),
    "provinces:organizer-edit": obj(
        "organizer", ORG, MIN, body=lambda ids: {"department": "矩阵厅"}
    ),
    # --- 附件2: the agency registry and recommendations
    "agency-list": body(_agency_row, ORG, target="agency", shared=True),
    "agencies:agency-create": body(_agency_row, ORG, target="agency", shared=True),
    "recommendation-list": body(
        lambda ids: {"campaign": ids["campaign"], "agency": ids["agency"], "remarks": "矩阵"},
        ORG,
        target="agency",
        shared=True,
    ),
    "recommendation-import-": body(
        lambda ids: {"file": ids["agency_xlsx"], "campaign": ids["campaign"], "year": 2021},
        ORG,
        target="agency",
        shared=True,
    ),
    "agencies:recommendation-import": body(
        lambda ids: {"file": ids["agency_xlsx"], "year": 2021}, ORG, target="agency", shared=True
    ),
    "recommendation-detail": obj(
        "recommendation", ORG, body=lambda ids: {"planned_enterprises": 7, "remarks": "矩阵"}
    ),
    "agencies:recommendation-list": own("ensures the organizer's own 附件2 submission"),
    "agencies:registry-search": none("searches the registry"),
    "agencies:recommendation-add": obj("agency", ORG, body=lambda ids: {"year": 2021}),
    "agencies:recommendation-template": none("a blank 附件2"),
    "agencies:recommendation-update": obj(
        "recommendation", ORG, body=lambda ids: {"planned_enterprises": 7, "remarks": "矩阵"}
    ),
    "agencies:recommendation-edit": obj(
        "recommendation", ORG, body=lambda ids: _recommendation_row()
    ),
    "agencies:recommendation-remove": obj("recommendation", ORG),
    # --- 附件3: intent list, tasks, letters, the published list
    "task-list": body(_task_row_api, ORG, target="enterprise", shared=True),
    "enterprises:task-create": body(_task_row, ORG, target="enterprise", shared=True),
    "task-import-": body(
        lambda ids: {"file": ids["intent_xlsx"], "campaign": ids["campaign2022"], "year": 2022},
        ORG,
        target="enterprise",
        shared=True,
    ),
    "enterprises:task-import": body(
        lambda ids: {"file": ids["intent_xlsx"], "year": 2022},
        ORG,
        target="enterprise",
        shared=True,
    ),
    "task-detail": obj("secret", ORG, body=_task_row_api),
    "enterprises:task-list": own("ensures the organizer's own 附件3 submission"),
    "enterprises:task-template": none("a blank 附件3"),
    "enterprises:task-row": none("shows one row", target="secret"),
    "enterprises:task-edit": obj("secret", ORG, body=_task_row),
    "enterprises:task-remove": obj("secret", ORG),
    "enterprises:task-contact": obj(
        "secret", ORG, body=lambda ids: {"contact_email": "matrix@example.cn"}
    ),
    "task-contact": obj("secret", ORG, body=lambda ids: {"contact_email": "matrix@example.cn"}),
    "letter-generate": obj("letter", ORG, AGY, body=lambda ids: {"fmt": "docx"}),
    "letter-sign": obj("letter", ORG, AGY, body=lambda ids: {"scan": ids["pdf"]}),
    "enterprises:letter-list": none("lists letters"),
    "enterprises:letter-detail": none("shows a letter", target="letter"),
    "enterprises:letter-generate": obj("letter", ORG, AGY, params={"fmt": "docx"}),
    "enterprises:letter-sign": obj("letter", ORG, AGY, body=lambda ids: {"scan": ids["pdf"]}),
    "enterprises:letter-scan": none("downloads the signed scan", target="letter"),
    "published-list-publish": body(lambda ids: {"year": 2021, "note": "矩阵"}, MIN),
    "enterprises:publish": body(lambda ids: {"year": 2021, "note": "矩阵"}, MIN),
    "enterprises:published-list": none("the ministry's published lists"),
    "enterprises:published-export": own("queues the ministry's own export job"),
    "enterprises:public-list": none("the public list"),
    "enterprises:public-download": none("the public download (audited only)"),
    # --- reports: diagnosis, acceptance, feedback
    "report-list": body(lambda ids: {"task": ids["task"]}, AGY, target="task"),
    "report-detail": obj("report", AGY, body=lambda ids: {"findings": "矩阵"}),
    "report-file": obj("report", AGY, body=lambda ids: {"file": ids["pdf"]}),
    "report-submit": obj("report", AGY),
    "report-accept": obj("report", ORG, body=lambda ids: {"comment": "矩阵"}),
    "report-return-": obj("report", ORG, body=lambda ids: {"comment": "矩阵"}),
    "report-feedback": obj("report", ENT, ORG, body=lambda ids: {"rating": 5, "comment": "矩阵"}),
    "report-excellent": obj("report", ORG, body=lambda ids: {"excellent": True, "note": "矩阵"}),
    "energy-use-list": body(_row, AGY, target="report"),
    "equipment-list": body(_row, AGY, target="report"),
    "measure-list": body(_row, AGY, target="report"),
    "energy-use-detail": obj("energy", AGY),
    "equipment-detail": obj("equipment", AGY),
    "measure-detail": obj("measure", AGY),
    "reports:report-list": none("lists tasks with their reports"),
    "reports:overview": none("the campaign overview"),
    "reports:realization": none("realization rates"),
    "reports:report-detail": none("the report editor", target="task"),
    "reports:report-download": none("downloads the report file", target="task"),
    "reports:report-file": obj("task", AGY, body=lambda ids: {"file": ids["pdf"]}),
    "reports:report-general": obj("task", AGY, body=lambda ids: {"findings": "矩阵"}),
    "reports:row-add": obj("task", AGY, params={"kind": "energy"}, body=_row),
    "reports:row-remove": obj("task", AGY, params={"kind": "energy"}, nested="row_pk"),
    "reports:row-edit": obj(
        "task",
        AGY,
        params={"kind": "energy"},
        nested="row_pk",
        body=lambda ids: {"carrier_code": "raw_coal", "quantity": "1", "unit": "t"},
    ),
    "reports:report-submit": obj("task", AGY),
    "reports:feedback": obj("task", ENT, ORG, body=lambda ids: {"rating": 5, "comment": "矩阵"}),
    "reports:report-decide": obj("task", ORG, body=lambda ids: {"decision": "accept"}),
    "reports:report-excellent": obj("task", ORG, body=lambda ids: {"excellent": "1", "note": "x"}),
    # --- bulk entry of report data (issue 17): a file naming B's task is a row error
    "reports:bulk-import": body(
        lambda ids: {"file": _bulk_xlsx(ids), "year": ids["followup_year"]},
        AGY,
        target="followup_task",
    ),
    "api-bulk-entry": body(
        lambda ids: {"file": _bulk_xlsx(ids), "campaign": ids["followup_campaign"]},
        AGY,
        target="followup_task",
    ),
    # --- product benchmarking (能效对标)
    "product-row-list": body(
        lambda ids: {"report": ids["report"], "product": "矩阵", "output": "1", "energy": "1"},
        AGY,
        target="report",
    ),
    "product-row-detail": obj("product", AGY),
    "reports:product-add": obj(
        "task", AGY, body=lambda ids: {"product": "矩阵", "output": "1", "energy": "1"}
    ),
    "reports:product-remove": obj("task", AGY, nested="product_pk"),
    "reports:product-edit": obj(
        "task",
        AGY,
        nested="product_pk",
        body=lambda ids: {
            "product": "矩阵",
            "output": "1",
            "output_unit": "t",
            "energy": "1",
            "energy_unit": "tce",
        },
    ),
    "benchmark-table-list": body(_benchmark_upload, MIN),
    "reports:benchmark-upload": body(_benchmark_upload, MIN),
    "reports:benchmark-tables": none("the ministry's benchmark tables"),
    "reports:benchmark-table": none("one benchmark table"),
    # --- reports: data checks (reasons of flagged figures)
    "reports:report-checks": obj(
        "task", AGY, body=lambda ids: {"reason-energy_vs_list:report": "x"}
    ),
    "reports:list-checks": obj(
        "submission", ORG, body=lambda ids: {"reason-sme_energy:task:1": "x"}
    ),
    "reports:campaign-checks": obj("campaign", MIN, body=lambda ids: {}, national=True),
    "api-report-checks": obj("report", AGY, body=lambda ids: {"reasons": {}}),
    "api-list-checks": obj("submission", ORG, body=lambda ids: {"reasons": {}}),
    # --- 跟踪服务 (follow-up)
    "follow-up-list": body(_follow_up, AGY, target="followup_task"),
    "follow-up-move": body(_follow_up, AGY, ORG, target="followup_task"),
    "follow-up-progress": body(_progress, ENT, target="followup_task"),
    "reports:follow-up-progress": obj(
        "followup_task", ENT, nested="measure_pk", body=lambda ids: _progress(ids)
    ),
    "task-follow-up": body(_follow_up_pick, ORG, target="enterprise", shared=True),
    "enterprises:task-follow-up": body(_follow_up_pick, ORG, target="enterprise", shared=True),
    "reports:follow-up": none("the follow-up page", target="followup_task"),
    "reports:earlier-measure-add": obj("followup_task", AGY, body=lambda ids: {"name": "矩阵"}),
    "reports:follow-up-record": obj(
        "followup_task", AGY, nested="measure_pk", body=lambda ids: _follow_up(ids)
    ),
    "reports:follow-up-move": obj(
        "followup_task", AGY, ORG, nested="measure_pk", body=lambda ids: {"move": "plan"}
    ),
    "reports:evidence-download": none("downloads evidence", target="followup"),
    # --- 典型案例库: the organizer's title and summary of its own excellent case
    "reports:case-edit": obj("report", ORG, body=lambda ids: {"title": "矩阵", "summary": "矩阵"}),
    "api-case-detail": obj("report", ORG, body=lambda ids: {"title": "矩阵"}),
    # --- documents, dashboard, exports
    "api-document-list": body(_document, ORG, AGY, MIN, target="letter"),
    "reports:document-request": body(_document, ORG, AGY, MIN, target="letter"),
    "api-document-retry": obj("job", MIN, ORG, AGY, ENT),
    "api-job-retry": obj("job", MIN, ORG, AGY, ENT),
    "reports:documents": none("the documents page"),
    "reports:summary-edit": own("saves the organizer's own 附件4", make=_tamper),
    "reports:dashboard": none("the ministry's dashboard"),
    "reports:scorecard-list": none("the scorecards"),
    "reports:export-list": own("queues the user's own export job", make=_tamper),
    "api-exports": own(
        "queues the ministry's own export job",
        make=lambda ids: {"export": "tasks", "campaign": 2021, **_tamper(ids)},
    ),
}

# Nested-id routes: the child parameter's target (B's row under B's or AGY's own parent).
CHILD = {"row_pk": "energy", "measure_pk": "earlier_measure", "product_pk": "product"}
