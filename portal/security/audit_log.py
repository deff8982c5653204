"""Reading the audit log: who may, the filtered rows, and the rows of an export."""

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.choices import Duty
from portal.i18n import site_language
from portal.models import AuditLog

from .audit_labels import action_label, object_type_label
from .duties import duty_check

EXPORT_COLUMNS = [
    "时间",
    "用户名",
    "姓名",
    "组织单位",
    "操作",
    "操作代码",
    "对象类型",
    "对象类型代码",
    "对象编号",
    "摘要",
    "IP 地址",
]


def audit_reader_check(user) -> None:
    """Only the audit administrator (a ministry duty) reads and exports the audit log."""
    duty_check(user, Duty.AUDIT)


def audit_actions() -> list[str]:
    return list(AuditLog.objects.order_by("action").values_list("action", flat=True).distinct())


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_log_list_for(
    user, *, date_from=None, date_to=None, user_query: str = "", organizer=None, action: str = ""
) -> QuerySet[AuditLog]:
    """The records matching the filters, newest first; dates are Asia/Shanghai days."""
    audit_reader_check(user)
    qs = AuditLog.objects.select_related("actor", "organizer")
    if date_from:
        qs = qs.filter(created_at__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(created_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    if user_query:
        qs = qs.filter(
            Q(actor__username__icontains=user_query) | Q(actor__full_name__icontains=user_query)
        )
    if organizer is not None:
        qs = qs.filter(organizer=organizer)
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-created_at", "-id")


def audit_filter_summary(filters: dict) -> str:
    """The filters as one line for the audit record of a view or an export."""
    parts = [f"{key}={value}" for key, value in filters.items() if value not in (None, "")]
    return "; ".join(parts) or "all"


def _in_words(cache: dict[str, str], code: str, label) -> str:
    """`label(code)` in the site language (the export is Chinese like every generated file),
    worked out once per code."""
    if code not in cache:
        with site_language():
            cache[code] = label(code)
    return cache[code]


def audit_export_rows(qs: QuerySet[AuditLog]) -> Iterator[list[str]]:
    """Plain rows for CSV and xlsx, streamed from the database in chunks: each action and
    object type in words, with its code beside it for machines."""
    actions: dict[str, str] = {}
    types: dict[str, str] = {}
    for record in qs.iterator(chunk_size=2000):
        actor, organizer = record.actor, record.organizer
        yield [
            timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            actor.username if actor else "",
            actor.display_name if actor else "",
            organizer.name if organizer else "",
            _in_words(actions, record.action, action_label),
            record.action,
            _in_words(types, record.object_type, object_type_label),
            record.object_type,
            record.object_id,
            record.summary,
            record.ip_address or "",
        ]
