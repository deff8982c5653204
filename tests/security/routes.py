"""Every URL pattern of the portal (pages, DRF routers, admin), with its parameters, for the matrix.

`all_routes()` walks the resolver, so a route added anywhere is in the matrix on its next run.
`Route.url(**values)` builds a concrete path the same way `reverse` does (regex_helper).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.regex_helper import normalize

# Routes anyone may open without signing in, and why. A route that answers an anonymous GET
# with 200 and is not listed here fails the matrix: it has no access rule at all.
PUBLIC = {
    "home": "the landing page (redirects to sign-in when anonymous)",
    "healthz": "load-balancer health check, no data",
    "readyz": "readiness check: names the parts that answer, no data",
    "metrics": "Prometheus metrics: allowed networks and/or a token (portal/metrics.py)",
    "login": "the sign-in page",
    "logout": "signing out",
    "set_language": "language switch",
    "api-token": "token sign-in with a password (throttled by axes)",
    "invitation-accept": "the invitation's one-time link: sets the invited account's password",
    "password_reset": "忘记密码: asks for a reset link (throttled, never says if the address exists)",
    "password_reset_done": "忘记密码: the same answer for every address",
    "password_reset_confirm": "忘记密码: the e-mailed one-time link",
    "password_reset_complete": "忘记密码: done, sign in",
    "api-password-reset": "忘记密码 in the API (throttled, 202 for every address)",
    "captcha-image": "the sign-in CAPTCHA's image (a random key; no data)",
    "captcha-image-2x": "the sign-in CAPTCHA's image (a random key; no data)",
    "captcha-audio": "the sign-in CAPTCHA read out (a random key; no data)",
    "captcha-refresh": "a new sign-in CAPTCHA (no data)",
    "api-schema": "the OpenAPI schema is public, it holds no data",
    "api-docs": "interactive docs for the public schema",
    "enterprises:public-list": "SPEC §2: the published national list is public",
    "enterprises:public-download": "SPEC §2: the published national list is public",
    "published-list-list": "SPEC §2: the published national lists are public (API)",
    "published-list-detail": "SPEC §2: the published national lists are public (API)",
    "published-list-entries": "SPEC §2: the published national lists are public (API)",
    "help-index": "the user manuals (帮助) describe screens, not data",
    "help-page": "the user manuals (帮助) describe screens, not data",
    "reports:register-public": "anonymised statistics of measures, no group below REGISTER_MIN_GROUP",
    "api-register-public": "anonymised statistics of measures, no group below REGISTER_MIN_GROUP",
}


# Sample values of non-numeric URL parameters, by parameter name.
def _moves() -> list[str]:
    import importlib

    names: list[str] = []
    for module in ("provinces.workflow", "enterprises.workflow", "reports.workflow"):
        try:
            names += list(getattr(importlib.import_module(module), "MOVES", {}))
        except ImportError:
            continue
    return sorted(set(names))


def _keys(module: str, attr: str, default: list[str]):
    """The keys of a registry in another app's module (e.g. the row kinds), else `default`."""

    def read() -> list[str]:
        import importlib

        try:
            return sorted(getattr(importlib.import_module(module), attr))
        except (ImportError, AttributeError, TypeError):
            return default

    return read


PARAM_SAMPLES = {
    "move": _moves,
    "fmt": _keys("portal.choices", "LETTER_KINDS", ["docx", "pdf"]),
    "format": lambda: ["csv", "xlsx"],
    "kind": _keys("reports.diagnosis.views.rows", "ROW_FORMS", ["energy", "equipment", "measure"]),
    "code": lambda: ["C31"],
    "token": lambda: ["not-a-token"],
    "uidb64": lambda: ["MQ"],
    "key": lambda: ["0" * 40],  # a sign-in CAPTCHA's key (none such)
}
# Samples of one route's parameter where the generic ones name nothing it takes: the account
# pages' and the campaign page's moves are their own, not the workflows' (each other name is a
# 404 that only made the probe try every object again).
ROUTE_SAMPLES = {
    "people-move": {"move": _keys("portal.views_people", "MOVES", ["activate", "deactivate"])},
    "security-account-move": {
        "move": lambda: [*_keys("portal.views_accounts", "MOVES", ["activate"])(), "duty"]
    },
    "campaign-move": {"move": _keys("portal.campaigns", "MOVES", ["close", "open"])},
    "help-page": {
        "slug": lambda: [s for s in _keys("portal.help", "PAGES", ["public"])() if s != "index"]
    },
    "reports:campaign-data": {
        "piece": lambda: [
            "obligations",
            "diagnosis_types",
            "acceptance_criteria",
            "summary_outline",
        ]
    },
}

# Routes whose numeric parameter is the id of one model's rows (the view looks it up as that
# model's, nothing else): the matrix's probe tries only the other tenant's objects of that model.
# Every object of the world has a primary key no other object has, so to such a route an object
# of another model is a missing id, and trying each of them (every move, GET and POST, every user
# who may see it) only repeated the missing id's answer: about 9 s of CPU for the account page.
ROUTE_MODELS = {
    "security-account-move": "portal.User",  # views_accounts.account_move: user_id=pk
    # Reference tables and published lists, read by all: the world has none of the other
    # tenant's, so these routes stay "uncovered" at once instead of after trying every object.
    "reports:benchmark-table": "reports.BenchmarkTable",
    "benchmark-table-detail": "reports.BenchmarkTable",
    "reports:grading-table": "reports.GradingTable",
    "grading-table-detail": "reports.GradingTable",
    "published-list-detail": "enterprises.PublishedList",
    "published-list-entries": "enterprises.PublishedList",
}


# Routes whose id names the rows of a model chosen by another parameter: a report's data rows
# (reports.diagnosis.views.rows ROW_TABLES: `kind` picks the table the row is looked up in). The
# probe tries, for each kind, the other tenant's rows of that kind's model; before, the first
# kind's model was tried for every kind, so only the energy rows were ever covered, and finding
# them first went through every object of the world (the matrix's costliest tests).
_ROW_KINDS = {"energy": "reports.EnergyUse", "equipment": "reports.Equipment"}
_ROW_KINDS["measure"] = "reports.Measure"
ROUTE_MODELS_BY = {
    "reports:row-show": ("kind", _ROW_KINDS),
    "reports:row-edit": ("kind", _ROW_KINDS),
    "reports:row-remove": ("kind", _ROW_KINDS),
}
# The measure a follow-up move or record names (reports.follow_up.services `_earlier_measure`:
# one of the task's earlier reports' measures, looked up as a Measure and nothing else).
ROUTE_MODELS.update(
    {
        "reports:follow-up-record": "reports.Measure",
        "reports:follow-up-move": "reports.Measure",
        "reports:follow-up-progress": "reports.Measure",
    }
)
# The product rows of a report (reports.benchmarking.views `_product_row`).
ROUTE_MODELS.update(
    {
        "reports:product-show": "reports.ProductRow",
        "reports:product-edit": "reports.ProductRow",
        "reports:product-remove": "reports.ProductRow",
    }
)


def route_model(name: str, variant: dict | None = None):
    """The model whose rows the route's id names (ROUTE_MODELS, or ROUTE_MODELS_BY for this
    variant of its other parameters), else None (any model)."""
    from django.apps import apps

    label = ROUTE_MODELS.get(name)
    if label is None and name in ROUTE_MODELS_BY and variant is not None:
        param, labels = ROUTE_MODELS_BY[name]
        label = labels.get(variant.get(param, ""))
    return apps.get_model(label) if label else None


# Routes that act on objects every role may read (campaigns) but only the ministry may manage:
# for them the matrix treats every other role as not allowed to see the object, so each must
# get the same denial as for a missing id.
MINISTRY_ONLY = (
    "campaign-move",
    "campaign-archive",
    "campaign-close",
    "campaign-open",
    "reports:campaign-",
    "api-campaign-setup-",
)


def ministry_only(name: str) -> bool:
    return name.startswith(MINISTRY_ONLY)


# Routes on organizers (read by everyone) that only the organizer's own staff and the ministry
# may use: the official name's edit page. For them another organizer is not "visible".
OWN_ORGANIZER_ONLY = ("provinces:organizer-edit",)


def own_organizer_only(name: str) -> bool:
    return name in OWN_ORGANIZER_ONLY


NUMERIC = re.compile(r"^(pk|id|.*_pk|.*_id|object_id)$")


@dataclass(frozen=True)
class Route:
    name: str
    fmt: str  # "%(pk)s"-style path
    params: tuple[str, ...]
    callback: object

    @property
    def numeric(self) -> tuple[str, ...]:
        return tuple(p for p in self.params if NUMERIC.match(p))

    @property
    def other(self) -> tuple[str, ...]:
        return tuple(p for p in self.params if not NUMERIC.match(p))

    @property
    def is_admin(self) -> bool:
        return self.fmt.startswith("/admin/")

    @property
    def is_api(self) -> bool:
        return self.fmt.startswith("/api/")

    def url(self, **values) -> str:
        return self.fmt % {k: str(v) for k, v in values.items()}

    def variants(self) -> list[dict[str, str]] | None:
        """Values of the non-numeric parameters to try: each sample of one parameter with the
        first sample of the others; None when a parameter has no samples."""
        samples = {}
        own = ROUTE_SAMPLES.get(self.name, {})
        for p in self.other:
            source = own.get(p) or PARAM_SAMPLES.get(p)
            values = source() if source else []
            if not values:
                return None
            samples[p] = values
        first = {p: v[0] for p, v in samples.items()}
        out = [first]
        for p, values in samples.items():
            out += [{**first, p: v} for v in values[1:]]
        return out


def _walk(resolver, prefix: str, namespace: list[str]):
    for p in resolver.url_patterns:
        regex = p.pattern.regex.pattern
        if isinstance(p, URLResolver):
            ns = [*namespace, p.namespace] if p.namespace else namespace
            yield from _walk(p, prefix + regex.lstrip("^"), ns)
        elif isinstance(p, URLPattern):
            name = ":".join([*namespace, p.name]) if p.name else f"<unnamed {p.lookup_str}>"
            yield name, prefix + regex.lstrip("^"), p.callback


def all_routes() -> list[Route]:
    routes, seen = [], set()
    for name, regex, callback in _walk(get_resolver(), "", []):
        fmt, params = normalize(regex.replace("\\Z", "$"))[0]
        key = (name, fmt)
        if key in seen:
            continue
        seen.add(key)
        routes.append(Route(name=name, fmt="/" + fmt, params=tuple(params), callback=callback))
    return routes


def login_paths() -> set[str]:
    return {reverse("login"), "/admin/login/"}


def to_login(response) -> bool:
    return response.status_code in (301, 302, 303) and (
        urlparse(response["Location"]).path in login_paths()
    )
