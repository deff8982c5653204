"""Data of bench_documents: a 50,000-task national intent list and 300 stored report files.

Campaign 2098 (apart from the other bench modules' data): the 37 provincial organizers with
their 附件3 submitted, 50,000 tasks spread over them (each agency's enterprises interleaved, so
the agency grouping has work to do), and Hebei's first 300 tasks accepted with a stored report
file of REPORT_BYTES each; and a ten-enterprise task letter in campaign 2097. Idempotent: complete data is left alone, anything else rebuilt.
"""

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from agencies.models import Agency
from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask, Enterprise, TaskLetter
from portal.models import Campaign
from portal.validators import credit_check_character
from provinces.choices import OrganizerKind, SubmissionState
from provinces.models import Organizer, Submission
from reports.models import DiagnosisReport

YEAR, TASKS, REPORTS, REPORT_BYTES = 2098, 50_000, 300, 384 * 1024
LETTER_YEAR, LETTER_ENTERPRISES = 2097, 10
PREFIX = "基准文档"
TYPES = [t.value for t in DiagnosisType if t != DiagnosisType.REGIONAL]
INDUSTRIES = ("C31", "C32", "C25", "C26", "C30", "C17", "C33", "C34")


def _code(kind: str, n: int) -> str:
    body = f"91130100{kind}{n:08d}"
    return body + credit_check_character(body)


def _campaign(year: int = YEAR) -> Campaign:
    campaign, _ = Campaign.objects.get_or_create(
        year=year,
        defaults={
            "name": f"{year}年基准",
            "plan_due": dt.date(year, 5, 31),
            "recommendation_due": dt.date(year, 5, 31),
            "intent_due": dt.date(year, 6, 15),
            "summary_due": dt.date(year, 11, 15),
        },
    )
    return campaign


def _organizers() -> list[Organizer]:
    regional = (OrganizerKind.PROVINCE, OrganizerKind.PLANNING_CITY, OrganizerKind.CORPS)
    return list(Organizer.objects.filter(kind__in=regional).order_by("sort_order", "code"))


def _enterprise_name(n: int) -> str:
    return f"{PREFIX}企业{n:05d}有限公司"


def _enterprises_and_agencies(organizers) -> tuple[list[int], list[int]]:
    if not Enterprise.objects.filter(name__startswith=PREFIX).exists():
        Enterprise.objects.bulk_create(
            [
                Enterprise(
                    name=_enterprise_name(n),
                    credit_code=_code("D", n),
                    province_code="130000",
                    city="基准市",
                    county="基准区",
                    industry_id=INDUSTRIES[n % len(INDUSTRIES)],
                    energy_tce=Decimal(3000 + n),
                )
                for n in range(TASKS)
            ],
            batch_size=2000,
        )
        Agency.objects.bulk_create(
            [
                Agency(
                    name=f"{PREFIX}机构{n:03d}节能技术服务有限公司",
                    credit_code=_code("E", n),
                    nature="节能服务公司",
                    location="基准市",
                )
                for n in range(len(organizers) * 8)
            ]
        )
    enterprises = list(
        Enterprise.objects.filter(name__startswith=PREFIX)
        .order_by("name")
        .values_list("id", flat=True)
    )
    agencies = list(
        Agency.objects.filter(name__startswith=PREFIX).order_by("name").values_list("id", flat=True)
    )
    return enterprises, agencies


def _tasks(campaign, organizers, enterprises, agencies) -> None:
    tasks = []
    for n, enterprise in enumerate(enterprises):
        index = n % len(organizers)
        tasks.append(
            DiagnosisTask(
                campaign=campaign,
                organizer=organizers[index],
                enterprise_id=enterprise,
                enterprise_name=_enterprise_name(n),  # the ids come in the order of the names
                agency_id=agencies[index * 8 + n % 8],
                diagnosis_type=TYPES[n % len(TYPES)],
                seq=n // len(organizers) + 1,
                city="基准市",
                county="基准区",
                industry_id=INDUSTRIES[n % len(INDUSTRIES)],
                energy_tce=Decimal(3000 + n),
                is_sme=n % 3 == 0,
                sme_class="small" if n % 3 == 0 else "",
                remarks="=SUM(A1)" if n % 1000 == 0 else "",
                state=TaskState.PUBLISHED,
            )
        )
    DiagnosisTask.objects.bulk_create(tasks, batch_size=2000)
    Submission.objects.bulk_create(
        [
            Submission(organizer=o, campaign=campaign, form=3, state=SubmissionState.SUBMITTED)
            for o in organizers
        ],
        ignore_conflicts=True,
    )


def _reports(campaign, hebei) -> None:
    tasks = list(
        DiagnosisTask.objects.filter(campaign=campaign, organizer=hebei).order_by("seq")[:REPORTS]
    )
    DiagnosisTask.objects.filter(pk__in=[t.pk for t in tasks]).update(state=TaskState.ACCEPTED)
    rng = random.Random(YEAR)
    for task in tasks:
        report = DiagnosisReport(
            task=task,
            file_type="pdf",
            file_size=REPORT_BYTES,
            savings_tce=Decimal(100),
            measure_count=2,
        )
        body = b"%PDF-1.7\n" + rng.randbytes(REPORT_BYTES - 9)
        report.file.save(f"{task.seq}.pdf", ContentFile(body), save=False)
        report.save()


def _letter(enterprises: list[int], agencies: list[int]) -> TaskLetter:
    """A task letter of ten enterprises (two pages) in campaign 2097."""
    campaign = _campaign(LETTER_YEAR)
    hebei = Organizer.objects.get(code="130000")
    for n, enterprise in enumerate(enterprises[:LETTER_ENTERPRISES]):
        DiagnosisTask.objects.get_or_create(
            campaign=campaign,
            enterprise_id=enterprise,
            defaults={
                "organizer": hebei,
                "agency_id": agencies[0],
                "seq": n + 1,
                "diagnosis_type": TYPES[n % len(TYPES)],
                "city": "基准市",
                "county": "基准区",
            },
        )
    letter, _ = TaskLetter.objects.get_or_create(
        campaign=campaign, organizer=hebei, agency_id=agencies[0]
    )
    return letter


def build() -> dict:
    """Build (or keep) the data; returns the campaign and the organizer with the reports."""
    campaign, organizers = _campaign(), _organizers()
    hebei = next(o for o in organizers if o.code == "130000")
    tasks = DiagnosisTask.objects.filter(campaign=campaign)
    reports = DiagnosisReport.objects.filter(task__campaign=campaign).exclude(file="")
    if tasks.count() != TASKS or reports.count() != REPORTS:
        with transaction.atomic():
            DiagnosisReport.objects.filter(task__campaign=campaign).delete()
            tasks.delete()
            enterprises, agencies = _enterprises_and_agencies(organizers)
            _tasks(campaign, organizers, enterprises, agencies)
            _reports(campaign, hebei)
    letter = _letter(*_enterprises_and_agencies(organizers))
    return {"campaign": campaign, "hebei": hebei, "letter": letter}
