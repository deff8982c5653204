"""Plain rows of the national forms (附件1–3 and the published list), for the xlsx renderer.

Each function takes the requesting user (everything goes through `scope`), the campaign and an
optional organizer kind, and returns (count, rows): rows is a generator over `.values()` read
with `.iterator()`, so a national list is never held in memory, in two queries whatever its
length (the count and the rows).
"""

from collections.abc import Iterator

from agencies.models import Recommendation
from enterprises.choices import DiagnosisType, SmeClass, TaskState
from enterprises.models import DiagnosisTask
from portal.scoping import scope
from provinces.models import PlanContent

Rows = tuple[int, Iterator[dict]]
CHUNK = 2000
TYPE_LABELS = dict(DiagnosisType.choices)
SME_LABELS = dict(SmeClass.choices)
PUBLISHED_STATES = (TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED)


def _kind(kind: str, prefix: str = "") -> dict:
    return {f"{prefix}organizer__kind": kind} if kind else {}


def _stream(qs, shape) -> Rows:
    return qs.count(), (shape(row) for row in qs.iterator(chunk_size=CHUNK))


def plan_rows(user, campaign, kind: str = "") -> Rows:
    """附件1: one row per organizer whose work plan has been submitted."""
    qs = (
        scope(
            PlanContent.objects.filter(
                submission__campaign=campaign,
                submission__submitted_at__isnull=False,
                **_kind(kind, "submission__"),
            ),
            user,
        )
        .order_by("submission__organizer__sort_order", "submission__organizer__code")
        .values(
            "submission__organizer__name",
            "key_industry",
            "sme",
            "key_equipment",
            "regional",
            "follow_up",
            "agencies_planned",
            "completion_date",
            "contact_name",
            "contact_title",
            "contact_phone",
            "contact_email",
        )
    )

    def shape(p: dict) -> dict:
        by_type = [p["key_industry"], p["sme"], p["key_equipment"], p["regional"], p["follow_up"]]
        return {
            "organizer": p["submission__organizer__name"],
            "planned_total": sum(by_type),
            "planned_key_industry": by_type[0],
            "planned_sme": by_type[1],
            "planned_key_equipment": by_type[2],
            "planned_regional": by_type[3],
            "planned_follow_up": by_type[4],
            "agency_count": p["agencies_planned"],
            "completion": p["completion_date"],
            "contact": p["contact_name"],
            "contact_title": p["contact_title"],
            "phone": p["contact_phone"],
            "email": p["contact_email"],
        }

    return _stream(qs, shape)


def recommendation_rows(user, campaign, kind: str = "") -> Rows:
    """附件2: every organizer's recommended agencies, organizer by organizer."""
    qs = (
        scope(Recommendation.objects.filter(campaign=campaign, **_kind(kind)), user)
        .order_by("organizer__sort_order", "organizer__code", "seq", "id")
        .values(
            "organizer__name",
            "agency__name",
            "agency__credit_code",
            "agency__nature",
            "agency__location",
            "agency__specialties",
            "agency__technical_staff",
            "agency__track_record",
            "planned_enterprises",
            "agency__contact_name",
            "agency__contact_title",
            "agency__phone",
            "agency__email",
            "remarks",
        )
    )

    def shape(r: dict) -> dict:
        return {
            "organizer": r["organizer__name"],
            "name": r["agency__name"],
            "credit_code": r["agency__credit_code"],
            "nature": r["agency__nature"],
            "location": r["agency__location"],
            "expertise": r["agency__specialties"],
            "technical_staff": r["agency__technical_staff"],
            "track_record": r["agency__track_record"],
            "planned_enterprises": r["planned_enterprises"],
            "contact": r["agency__contact_name"],
            "contact_title": r["agency__contact_title"],
            "phone": r["agency__phone"],
            "email": r["agency__email"],
            "remark": r["remarks"],
        }

    return _stream(qs, shape)


TASK_FIELDS = (
    "organizer__name",
    "enterprise__name",
    "enterprise__credit_code",
    "city",
    "county",
    "industry__name",
    "energy_tce",
    "diagnosis_type",
    "agency__name",
    "is_sme",
    "sme_class",
    "remarks",
    "published_at",
)


def task_row(t: dict) -> dict:
    """One task as the columns of 附件3 (and the published list) name them."""
    sme = SME_LABELS.get(t["sme_class"], "是") if t["is_sme"] else "否"
    return {
        "organizer": t["organizer__name"],
        "name": t["enterprise__name"],
        "city": t["city"],
        "county": t["county"],
        "industry": t["industry__name"] or "",
        "credit_code": t["enterprise__credit_code"],
        "energy_tce": t["energy_tce"],
        "diagnosis_type": TYPE_LABELS.get(t["diagnosis_type"], t["diagnosis_type"]),
        "agency": t["agency__name"],
        "sme": sme,
        "remark": t["remarks"],
        "published_at": t["published_at"],
    }


def _tasks(user, campaign, kind: str, **filters):
    return scope(
        DiagnosisTask.objects.filter(campaign=campaign, **_kind(kind), **filters), user
    ).order_by("organizer__sort_order", "organizer__code", "agency__name", "seq", "id")


def intent_rows(user, campaign, kind: str = "") -> Rows:
    """附件3: the national intent list (every task), the enterprises of one agency together."""
    return _stream(_tasks(user, campaign, kind).values(*TASK_FIELDS), task_row)


def published_rows(user, campaign, kind: str = "") -> Rows:
    """The published national list: the tasks the ministry has published."""
    qs = _tasks(user, campaign, kind, state__in=PUBLISHED_STATES).values(*TASK_FIELDS)
    return _stream(qs, task_row)
