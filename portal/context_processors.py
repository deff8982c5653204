"""Context every page gets: the navigation for the user's role and the current campaign.

The values are lazy: they are worked out when a template uses them (base.html does), so an
htmx fragment rendered with the request — a progress bar, a table row — pays nothing for them.
"""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

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
    (_("My documents"), "job-list", {Role.MINISTRY, Role.ORGANIZER, Role.AGENCY}),
    (_("Audit log"), "audit-log", {Role.MINISTRY}),
    (_("Ministry accounts"), "security-accounts", {Role.MINISTRY}),
    (_("Accounts"), "people", {Role.MINISTRY, Role.ORGANIZER, Role.AGENCY}),
]
# Entries that need more than the role: the separated duties (portal/security/duties.py).
NAV_ONLY_IF = {
    "audit-log": lambda user: user.duty == Duty.AUDIT,
    "security-accounts": lambda user: user.duty == Duty.SECURITY,
    "people": is_account_admin,
}


def _nav(request) -> list[dict[str, Any]]:
    user = request.user
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for label, name, roles in NAV:
        if user.role not in roles or name in seen:
            continue
        if name in NAV_ONLY_IF and not NAV_ONLY_IF[name](user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        seen.add(name)
        items.append({"label": label, "url": url, "active": False, "badge": None})
    # The active entry is the one whose URL is the longest prefix of the current path.
    matches = [
        i
        for i in items
        if request.path == i["url"] or (i["url"] != "/" and request.path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return items


def portal(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_nav": [], "current_campaign": None, "unread_notice_count": 0}
    return {
        "portal_nav": SimpleLazyObject(lambda: _nav(request)),
        "current_campaign": SimpleLazyObject(campaign_current),
        "unread_notice_count": SimpleLazyObject(
            lambda: user.notices.filter(read_at__isnull=True).count()
        ),
    }
