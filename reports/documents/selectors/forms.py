"""Plain rows for the attachment forms (附件1–3) and the published list, read for the renderers.

Every function reads one campaign, either for one organizer or nationally (organizer None), in a
fixed number of queries whatever the number of rows. National lists hold the forms the organizers
have submitted (submitted or approved): a draft is not yet part of what the ministry merges. The
long lists are generators over `values_list(...).iterator()`, so a national 附件3 of 50,000 rows is
never held in memory. Who may ask for which scope is checked when the job is requested
(reports/documents/services.py); the worker only reads.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, F, Max, Min, QuerySet, Window

from agencies.models import Recommendation
from enterprises.choices import SME_WORDS, TYPE_WORDS
from enterprises.models import DiagnosisTask, PublishedEntry, PublishedList
from portal.models import Campaign
from provinces.choices import Form, SubmissionState
from provinces.models import Organizer, PlanContent, Submission
from provinces.selectors import official_name_of, organizer_names_version

Row = dict[str, Any]
REPORTED = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
TYPE_LABELS = {str(value): words for value, words in TYPE_WORDS.items()}
SME_LABELS = {str(value): f"是（{words}）" for value, words in SME_WORDS.items()}
CHUNK = 2000


def reported_organizers(campaign: Campaign, form: int) -> QuerySet:
    """Ids of the organizers whose `form` is submitted or approved (a subquery)."""
    return Submission.objects.filter(campaign=campaign, form=form, state__in=REPORTED).values(
        "organizer_id"
    )


def _in_scope(
    qs: QuerySet,
    campaign: Campaign,
    organizer: Organizer | None,
    form: int,
    path: str = "organizer_id",
) -> QuerySet:
    if organizer is not None:
        return qs.filter(**{path: organizer.pk})
    return qs.filter(**{f"{path}__in": reported_organizers(campaign, form)})


def _stamp(*values: Any) -> str:
    return "|".join("" if v is None else str(v) for v in values)


# ------------------------------------------------------------------ 附件1 work plan

PLAN_FIELDS = (
    official_name_of("submission__organizer__"),
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


def _plans(campaign: Campaign, organizer: Organizer | None) -> QuerySet:
    plans = PlanContent.objects.filter(submission__campaign=campaign)
    return _in_scope(plans, campaign, organizer, Form.PLAN, "submission__organizer_id")


def plan_rows(campaign: Campaign, organizer: Organizer | None = None) -> list[Row]:
    """附件1: one row per organizer (one query)."""
    plans = _plans(campaign, organizer).order_by(
        "submission__organizer__sort_order", "submission__organizer__code"
    )
    rows = []
    for name, key, sme, equipment, regional, follow, agencies, done, *contact in plans.values_list(
        *PLAN_FIELDS
    ):
        rows.append(
            {
                "organizer": name,
                "planned_total": key + sme + equipment + regional + follow,
                "planned_key_industry": key,
                "planned_sme": sme,
                "planned_key_equipment": equipment,
                "planned_regional": regional,
                "planned_follow_up": follow,
                "agency_count": agencies,
                "completion": done,
                "contact": contact[0],
                "contact_title": contact[1],
                "phone": contact[2],
                "email": contact[3],
            }
        )
    return rows


def plan_version(campaign: Campaign, organizer: Organizer | None = None) -> str:
    stats = _plans(campaign, organizer).aggregate(n=Count("id"), at=Max("updated_at"))
    return _stamp("plan", stats["n"], stats["at"])


# ------------------------------------------------------------------ 附件2 recommended agencies

# The agency's identity from the registry; everything else is what the organizer declared in its
# 附件2 (kept on the recommendation, so another organizer's 附件2 never changes this one's).
AGENCY_FIELDS = (
    official_name_of("organizer__"),
    "agency__name",
    "agency__credit_code",
    "nature",
    "location",
    "specialties",
    "technical_staff",
    "track_record",
    "planned_enterprises",
    "contact_name",
    "contact_title",
    "phone",
    "email",
    "remarks",
)
AGENCY_KEYS = (
    "organizer",
    "name",
    "credit_code",
    "nature",
    "location",
    "expertise",
    "technical_staff",
    "track_record",
    "planned_enterprises",
    "contact",
    "contact_title",
    "phone",
    "email",
    "remark",
)


def _recommendations(campaign: Campaign, organizer: Organizer | None) -> QuerySet:
    return _in_scope(
        Recommendation.objects.filter(campaign=campaign), campaign, organizer, Form.RECOMMENDATION
    )


def recommendation_rows(campaign: Campaign, organizer: Organizer | None = None) -> list[Row]:
    """附件2: the organizer's recommendations in their order (one query)."""
    recommendations = _recommendations(campaign, organizer).order_by(
        "organizer__sort_order", "organizer__code", "seq", "id"
    )
    return [
        dict(zip(AGENCY_KEYS, values, strict=True))
        for values in recommendations.values_list(*AGENCY_FIELDS)
    ]


def recommendation_version(campaign: Campaign, organizer: Organizer | None = None) -> str:
    stats = _recommendations(campaign, organizer).aggregate(
        n=Count("id"), at=Max("updated_at"), agency_at=Max("agency__updated_at")
    )
    return _stamp("recommendations", stats["n"], stats["at"], stats["agency_at"])


# ------------------------------------------------------------------ 附件3 intent list

INTENT_FIELDS = (
    official_name_of("organizer__"),
    "enterprise_name",
    "city",
    "county",
    "industry__name",
    "enterprise__credit_code",
    "energy_tce",
    "diagnosis_type",
    "agency__name",
    "is_sme",
    "sme_class",
    "remarks",
)


def _tasks(campaign: Campaign, organizer: Organizer | None) -> QuerySet:
    return _in_scope(
        DiagnosisTask.objects.filter(campaign=campaign), campaign, organizer, Form.INTENT
    )


def intent_count(campaign: Campaign, organizer: Organizer | None = None) -> int:
    return _tasks(campaign, organizer).count()


def intent_rows(campaign: Campaign, organizer: Organizer | None = None) -> Iterator[Row]:
    """附件3 rows, streamed (one query): each organizer's enterprises of one agency together.

    Within an organizer, agencies come in the order of their first enterprise on the list and
    keep that order inside (note 1 of the form: 同一服务机构服务的企业请集中填写).
    """
    first_seq = Window(Min("seq"), partition_by=[F("organizer_id"), F("agency_id")])
    tasks = (
        _tasks(campaign, organizer)
        .annotate(agency_first=first_seq)
        .order_by("organizer__sort_order", "organizer_id", "agency_first", "agency_id", "seq", "id")
    )
    types, smes = TYPE_LABELS, SME_LABELS
    for (
        organizer_name,
        name,
        city,
        county,
        industry,
        code,
        energy,
        kind,
        agency,
        is_sme,
        sme_class,
        remark,
    ) in tasks.values_list(*INTENT_FIELDS).iterator(chunk_size=CHUNK):
        yield {
            "organizer": organizer_name,
            "name": name,
            "city": city,
            "county": county,
            "industry": industry or "",
            "credit_code": code,
            "energy_tce": energy,
            "diagnosis_type": types.get(kind, kind),
            "agency": agency,
            "sme": smes.get(sme_class, "是") if is_sme else "否",
            "remark": remark,
        }


def intent_version(campaign: Campaign, organizer: Organizer | None = None) -> str:
    stats = _tasks(campaign, organizer).aggregate(
        n=Count("id"),
        at=Max("updated_at"),
        agency_at=Max("agency__updated_at"),
    )
    return _stamp("tasks", stats["n"], stats["at"], stats["agency_at"])


def national_version(campaign: Campaign, form: int) -> str:
    """Which organizers a national list merges: changes when a submission moves."""
    stats = Submission.objects.filter(campaign=campaign, form=form).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    return _stamp("submissions", stats["n"], stats["at"], organizer_names_version())


# ------------------------------------------------------------------ the published national list

PUBLISHED_FIELDS = (
    "enterprise_name",
    "credit_code",
    "city",
    "organizer_name",
    "agency_name",
    "diagnosis_type",
)


def published_list_for(
    campaign: Campaign, published_list_id: int | None = None
) -> PublishedList | None:
    """The snapshot asked for, else the campaign's current one."""
    lists = PublishedList.objects.filter(campaign=campaign).select_related("campaign")
    if published_list_id is not None:
        return lists.filter(pk=published_list_id).first()
    return lists.filter(is_current=True).first()


def published_rows(published: PublishedList) -> Iterator[Row]:
    """The snapshot's entries in their published order, streamed (one query)."""
    entries = PublishedEntry.objects.filter(published_list=published).order_by("seq")
    for name, code, city, organizer, agency, kind in entries.values_list(
        *PUBLISHED_FIELDS
    ).iterator(chunk_size=CHUNK):
        yield {
            "name": name,
            "credit_code": code,
            "city": city,
            "organizer": organizer,
            "agency": agency,
            "diagnosis_type": TYPE_LABELS.get(kind, kind),
        }
