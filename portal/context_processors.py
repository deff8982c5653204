"""Context every page gets: the navigation for the user's role and the current campaign.

The values are lazy: they are worked out when a template uses them (base.html does), so an
htmx fragment rendered with the request — a progress bar, a table row — pays nothing for them.
"""

import functools
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import dataversion
from .choices import Duty, Role
from .security.account_admin import is_account_admin
from .selectors import campaign_current

# (label, url name, roles); entries whose URL is not installed yet are skipped.
NAV = [
    (_("Home"), "home", {Role.MINISTRY, Role.ORGANIZER, Role.AGENCY, Role.ENTERPRISE}),
    (_("Dashboard"), "reports:dashboard", {Role.MINISTRY, Role.ORGANIZER}),
    (_("Review queue"), "provinces:review-queue", {Role.MINISTRY}),
    (_("My forms"), "provinces:submission-list", {Role.ORGANIZER}),
    (_("Agencies"), "agencies:recommendation-list", {Role.ORGANIZER}),
    (_("Intent list"), "enterprises:task-list", {Role.ORGANIZER, Role.MINISTRY}),
    (_("My tasks"), "enterprises:task-list", {Role.AGENCY, Role.ENTERPRISE}),
    (_("Task letters"), "enterprises:letter-list", {Role.ORGANIZER, Role.AGENCY}),
    (
        _("Reports"),
        "reports:report-list",
        {Role.MINISTRY, Role.ORGANIZER, Role.AGENCY, Role.ENTERPRISE},
    ),
    (_("Published list"), "enterprises:published-list", {Role.MINISTRY}),
    (_("Forms and packages"), "reports:documents", {Role.MINISTRY, Role.ORGANIZER}),
    (_("Exports"), "reports:export-list", {Role.MINISTRY}),
    (_("Campaign years"), "campaigns", {Role.MINISTRY}),
    (_("Official name"), "provinces:organizer-list", {Role.ORGANIZER}),
    (_("Agency scorecards"), "reports:scorecard-list", {Role.MINISTRY, Role.ORGANIZER}),
    (_("Register of measures"), "reports:register", {Role.MINISTRY, Role.ORGANIZER}),
    (_("Case library"), "reports:case-list", {Role.MINISTRY, Role.ORGANIZER}),
    (_("Results application list"), "reports:results", {Role.MINISTRY, Role.ORGANIZER}),
    (_("My documents"), "job-list", {Role.MINISTRY, Role.ORGANIZER, Role.AGENCY}),
    (_("Audit log"), "audit-log", {Role.MINISTRY}),
    (_("Ministry accounts"), "security-accounts", {Role.MINISTRY}),
    (_("Accounts"), "people", {Role.MINISTRY, Role.ORGANIZER, Role.AGENCY}),
]
# Pages that belong to an entry although their URL does not start with the entry's URL: the
# entry is the section they are part of (e.g. a campaign's set-up pages under /reports/campaigns/
# belong to "Campaign years", not to "Reports"). Keys are nav URL names, values view-name
# prefixes; an entry the user's role does not see passes its pages to the next entry that
# claims them (a submission page is the ministry's "Review queue" and the organizer's
# "My forms").
SECTIONS: dict[str, tuple[str, ...]] = {
    "campaigns": ("campaign-", "reports:campaign-"),
    "provinces:review-queue": ("provinces:submission-",),
    "provinces:submission-list": (
        "provinces:submission-",
        "provinces:plan-",
        "reports:summary-",
    ),
    "provinces:organizer-list": ("provinces:organizer-",),
    "enterprises:task-list": ("enterprises:task-",),
    "enterprises:published-list": ("enterprises:publish",),
    "reports:report-list": (
        "reports:report-",
        "reports:row-",
        "reports:feedback",
        "reports:overview",
        "reports:realization",
        "reports:follow-up",
        "reports:earlier-measure-",
        "reports:evidence-",
    ),
    "reports:documents": ("reports:document-",),
    "job-list": ("job-",),
    "audit-log": ("audit-",),
    "security-accounts": ("security-account",),
    "people": ("people", "invitation-resend", "invite-contacts"),
}
# Entries that need more than the role: the separated duties (portal/security/duties.py).
NAV_ONLY_IF = {
    "audit-log": lambda user: user.duty == Duty.AUDIT,
    "security-accounts": lambda user: user.duty == Duty.SECURITY,
    "people": is_account_admin,
}


def _nav(request) -> list[dict[str, Any]]:
    user = request.user
    # The entries depend on the role and the separated duties only: their labels and URLs are
    # worked out once per role, duties, language and URL prefix (`_entries`), not per request.
    duties = tuple(name for name, allowed in NAV_ONLY_IF.items() if allowed(user))
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    entries = _entries(user.role, duties, get_language(), get_script_prefix(), urlconf)
    items = [
        {"label": label, "url": url, "active": False, "badge": None, "name": name}
        for label, url, name in entries
    ]
    active = _section_of(request, items) or _longest_prefix(request.path, items)
    if active is not None:
        active["active"] = True
    return items


@functools.lru_cache(maxsize=128)
def _entries(
    role: str, duties: tuple[str, ...], language: str | None, prefix: str, urlconf: Any
) -> tuple[tuple[str, str, str], ...]:
    """(label, URL, URL name) of the entries a role sees; `duties` are the NAV_ONLY_IF entries
    the user passes. The labels are translated into `language` (the active one: the caller
    passes it so that each language has its own entries)."""
    entries: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for label, name, roles in NAV:
        if role not in roles or name in seen:
            continue
        if name in NAV_ONLY_IF and name not in duties:
            continue
        try:
            url = reverse(name, urlconf=urlconf)
        except NoReverseMatch:
            continue
        seen.add(name)
        entries.append((str(label), url, name))
    return tuple(entries)


def _urls_changed(*, setting: str, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "LANGUAGES", "FORCE_SCRIPT_NAME"):
        _entries.cache_clear()


setting_changed.connect(_urls_changed, dispatch_uid="portal.context_processors.nav")


def _section_of(request, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The entry that claims the current page by its view name (SECTIONS)."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    if not view_name:
        return None
    for item in items:
        if item["name"] == view_name:
            return item
    for item in items:
        if view_name.startswith(SECTIONS.get(item["name"], ())):
            return item
    return None


def _longest_prefix(path: str, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The entry whose URL is the longest prefix of `path` (pages no entry claims by name)."""
    matches = [
        i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))
    ]
    return max(matches, key=lambda i: len(i["url"])) if matches else None


def portal(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_nav": [], "current_campaign": None, "unread_notice_count": 0}
    return {
        "portal_nav": SimpleLazyObject(lambda: _nav(request)),
        "current_campaign": SimpleLazyObject(campaign_current),
        # Exact, and read once per version of the notice table (portal/dataversion.py).
        "unread_notice_count": SimpleLazyObject(
            lambda: dataversion.count_named(
                ("unread_notices", user.pk), lambda: user.notices.filter(read_at__isnull=True)
            )
        ),
    }
