"""The data of one task letter (任务书) for the Word and PDF renderers: four queries."""

import datetime as dt

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone

from agencies.models import Recommendation
from enterprises.choices import TYPE_WORDS
from enterprises.models import DiagnosisTask, TaskLetter
from provinces.choices import Form
from provinces.models import Organizer, PlanContent
from reports.documents.render.data import LetterEnterprise, TaskLetterData

NOTICE_TITLE = "《工业和信息化部办公厅关于组织开展{year}年工业节能诊断服务工作的通知》"


def letter_get(letter_id: int) -> TaskLetter:
    return TaskLetter.objects.select_related("campaign", "organizer", "agency").get(pk=letter_id)


def _letter_tasks(letter: TaskLetter):
    return DiagnosisTask.objects.filter(
        campaign_id=letter.campaign_id, organizer_id=letter.organizer_id, agency_id=letter.agency_id
    )


def _enterprises(letter: TaskLetter) -> list[LetterEnterprise]:
    province = Organizer.objects.filter(code=OuterRef("enterprise__province_code")).values("name")
    tasks = (
        _letter_tasks(letter)
        .annotate(province=Subquery(province[:1]))
        .order_by("seq", "id")
        .values_list(
            "enterprise_name",
            "enterprise__credit_code",
            "province",
            "city",
            "county",
            "diagnosis_type",
        )
    )
    labels = TYPE_WORDS
    return [
        LetterEnterprise(name, code, f"{province or ''}{city}{county}", labels.get(kind, kind))
        for name, code, province, city, county, kind in tasks
    ]


def _organizer_contact(letter: TaskLetter) -> tuple[str, str]:
    """The contact of the organizer's work plan (附件1) for the campaign, if it has one."""
    plan = (
        PlanContent.objects.filter(
            submission__campaign_id=letter.campaign_id,
            submission__organizer_id=letter.organizer_id,
            submission__form=Form.PLAN,
        )
        .values_list("contact_name", "contact_phone")
        .first()
    )
    return plan or ("", "")


def _agency_contact(letter: TaskLetter) -> tuple[str, str]:
    """The agency's contact as this organizer declared it in its 附件2 for the campaign; the
    registry's contact when the organizer did not recommend the agency (SPEC §5: an agency of
    the national registry may be chosen)."""
    declared = (
        Recommendation.objects.filter(
            campaign_id=letter.campaign_id,
            organizer_id=letter.organizer_id,
            agency_id=letter.agency_id,
        )
        .values_list("contact_name", "phone")
        .first()
    )
    return declared or (letter.agency.contact_name, letter.agency.phone)


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


def letter_parties(letter: TaskLetter) -> tuple[str, str, str]:
    """甲方, 乙方 and 乙方's credit code as the letter prints them: as they were when it was
    issued (generated or signed first), else (never issued) as they are today."""
    if letter.number is not None:
        return letter.organizer_name, letter.agency_name, letter.agency_credit_code
    agency = letter.agency
    return letter.organizer.official_name, agency.name, agency.credit_code


def task_letter_data(letter: TaskLetter) -> TaskLetterData:
    """The letter as the renderers print it: parties, enterprises, period, free of charge.

    The service period runs from the intent list's deadline to the summary's (SPEC §3).
    """
    campaign = letter.campaign
    contact, phone = _organizer_contact(letter)
    agency_contact, agency_phone = _agency_contact(letter)
    organizer_name, agency_name, agency_code = letter_parties(letter)
    return TaskLetterData(
        year=campaign.year,
        organizer_name=organizer_name,
        agency_name=agency_name,
        agency_credit_code=agency_code,
        enterprises=_enterprises(letter),
        period_start=campaign.intent_due,
        period_end=campaign.summary_due,
        letter_number=letter.reference,
        notice_title=NOTICE_TITLE.format(year=campaign.year) if campaign.notice_ref else "",
        notice_ref=campaign.notice_ref,
        organizer_contact=contact,
        organizer_phone=phone,
        agency_contact=agency_contact,
        agency_phone=agency_phone,
        signed_on=_local_date(letter.signed_at),
    )


def task_letter_version(letter: TaskLetter) -> str:
    # What the letter prints of an enterprise is the task's own (its 附件3 row): the shared
    # record's later changes do not make an earlier letter out of date.
    tasks = _letter_tasks(letter).aggregate(n=Count("id"), at=Max("updated_at"))
    plan = (
        PlanContent.objects.filter(
            submission__campaign_id=letter.campaign_id,
            submission__organizer_id=letter.organizer_id,
            submission__form=Form.PLAN,
        )
        .values_list("updated_at", flat=True)
        .first()
    )
    recommended = (
        Recommendation.objects.filter(
            campaign_id=letter.campaign_id,
            organizer_id=letter.organizer_id,
            agency_id=letter.agency_id,
        )
        .values_list("updated_at", flat=True)
        .first()
    )
    parts = (
        letter.updated_at,
        letter.agency.updated_at,
        letter.campaign.updated_at,
        letter.reference,
        *letter_parties(letter),
        tasks["n"],
        tasks["at"],
        plan,
        recommended,
    )
    return "|".join(str(part) for part in parts)
