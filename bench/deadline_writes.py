"""The write side of deadline day (bench/deadline.py): data, scripts and the checks after the run.

Campaign WRITE_YEAR (2096, apart from the other bench modules' years), rebuilt at each run:

- each of the first DEADLINE_IMPORTERS organizers of the national fixture (default 44) has one
  agency recommended and a 附件3 file of DEADLINE_IMPORT_ROWS rows (default 2,000, its own
  credit-code range) to import; its script imports the file, opens its letter list, generates
  each task letter (a document job), uploads the signed scan and submits its 附件3;
- DEADLINE_REPORTS published tasks (default 300), one per agency of the national fixture, under
  the organizer BENCH-DL, with the report's data entered: the agency's script opens its task
  list, uploads the report file and submits the report;
- the enterprise of each submitted report then confirms the diagnosis and rates it.

Everything the scripts did is checked in the database afterwards (`check_writes`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import queue
import re
import threading
from dataclasses import dataclass, field
from decimal import Decimal

WRITE_YEAR, CODE = 2096, "BENCH-DL"
LETTER_ID = re.compile(r"/enterprises/letters/(\d+)/")
FEEDBACK = {"confirmed": "on", "rating": "5", "comments": "诊断细致，措施可行"}


@dataclass
class ImportScript:
    organizer_id: int
    cookie: str
    file: bytes
    submission_id: int
    rows: int


@dataclass
class ReportScript:
    task_id: int
    agency_cookie: str
    enterprise_cookie: str


@dataclass
class Work:
    """What the writing users have still to do, handed out one script at a time."""

    year: int = WRITE_YEAR
    imports: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    reports: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    confirms: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    planned: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def take(source: queue.SimpleQueue):
        try:
            return source.get_nowait()
        except queue.Empty:
            return None


def pdf_bytes() -> bytes:
    """A one-page PDF (the upload check parses PDFs)."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def intent_file(
    *, year: int, organizer: str, agency: str, rows: int, division: str, serial: int
) -> bytes:
    """An 附件3 of `rows` rows in the ministry layout: credit codes registered in `division`
    (the organizer's own province passes the list checks), serials from `serial` × 100,000."""
    import openpyxl

    from bench.bench_workflow import HEADERS, TYPES, code

    # A normal workbook, as Excel and WPS save them: with the sheet's <dimension> element
    # (openpyxl's write-only mode leaves it out, and reading such a file costs a whole extra
    # pass over the sheet in openpyxl's read-only mode).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件3"])
    sheet.append([f"{year}年度节能诊断服务意向企业名单"])
    sheet.append([f"填报单位（盖章）：{organizer}"])
    sheet.append(list(HEADERS))
    for n in range(1, rows + 1):
        kind, sme, industry = TYPES[n % len(TYPES)]
        sheet.append([n, f"截止日企业{serial:02d}-{n:05d}有限公司", "北京市", "朝阳区", industry,
                      code(serial * 100_000 + n, division), f"{1000 + n}.5", kind, agency, sme,
                      "基准经济技术开发区" if kind == "区域集中式" else None])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _division(organizer_code: str) -> str:
    """Where the organizer's enterprises are registered: its own division for a province or a
    planning city (the list checks want credit codes of the organizer's province), Xinjiang
    for the corps, Beijing for national associations and groups."""
    if organizer_code.isdigit():
        return organizer_code
    return "650100" if organizer_code == "XPCC" else "110105"


def _campaign():
    from portal.models import Campaign

    campaign, _ = Campaign.objects.get_or_create(
        year=WRITE_YEAR,
        defaults={
            "name": f"{WRITE_YEAR}年截止日基准",
            "plan_due": dt.date(WRITE_YEAR, 5, 31),
            "recommendation_due": dt.date(WRITE_YEAR, 5, 31),
            "intent_due": dt.date(WRITE_YEAR, 6, 15),
            "summary_due": dt.date(WRITE_YEAR, 11, 15),
        },
    )
    return campaign


def _clear(campaign) -> None:
    """What an earlier run wrote into the campaign: tasks, letters, submissions, jobs."""
    from agencies.models import Recommendation
    from enterprises.models import DiagnosisTask, TaskLetter
    from portal.models import DocumentJob
    from provinces.models import Submission
    from reports.models import DiagnosisReport

    DocumentJob.objects.filter(campaign=campaign).delete()
    DiagnosisReport.objects.filter(task__campaign=campaign).delete()  # it protects its task
    DiagnosisTask.objects.filter(campaign=campaign).delete()
    TaskLetter.objects.filter(campaign=campaign).delete()
    Submission.objects.filter(campaign=campaign).delete()
    Recommendation.objects.filter(campaign=campaign).delete()


def _report_tasks(campaign, count: int) -> list[tuple[int, object, object]]:
    """`count` published tasks, one per agency, with every report field but the file."""
    from agencies.models import Agency
    from bench.bench_workflow import code
    from enterprises.choices import DiagnosisType, TaskState
    from enterprises.models import DiagnosisTask, Enterprise
    from portal.choices import Role
    from portal.models import User
    from provinces.choices import OrganizerKind
    from provinces.models import Organizer
    from reports.diagnosis.services import editing

    organizer, _ = Organizer.objects.get_or_create(
        code=CODE,
        defaults={"name": "截止日基准协会", "kind": OrganizerKind.ASSOCIATION, "sort_order": 998},
    )
    agencies = list(Agency.objects.order_by("pk")[:count])
    codes = [code(n, "110109") for n in range(1, len(agencies) + 1)]
    Enterprise.objects.bulk_create(
        [Enterprise(credit_code=c, name=f"截止日报告企业{n:04d}", city="北京市", industry_id="C31")
         for n, c in enumerate(codes, start=1)],
        ignore_conflicts=True,
    )  # fmt: skip
    ids = dict(Enterprise.objects.filter(credit_code__in=codes).values_list("credit_code", "pk"))
    tasks = DiagnosisTask.objects.bulk_create(
        [DiagnosisTask(campaign=campaign, organizer=organizer, agency=agency,
                       enterprise_id=ids[c], enterprise_name=f"截止日报告企业{n:04d}",
                       diagnosis_type=DiagnosisType.KEY_INDUSTRY, seq=n, city="北京市",
                       industry_id="C31", energy_tce=Decimal(2000), state=TaskState.PUBLISHED)
         for n, (agency, c) in enumerate(zip(agencies, codes, strict=True), start=1)]
    )  # fmt: skip
    made = []
    for task, agency in zip(tasks, agencies, strict=True):
        staff, _ = User.objects.update_or_create(
            username=f"deadline-agency-{agency.pk}",
            defaults={"role": Role.AGENCY, "agency": agency},
        )
        contact, _ = User.objects.update_or_create(
            username=f"deadline-enterprise-{task.enterprise_id}",
            defaults={"role": Role.ENTERPRISE, "enterprise_id": task.enterprise_id},
        )
        editing.report_update(task_id=task.pk, actor=staff, data={"diagnosis_year": 2095})
        for carrier, unit in (("raw_coal", "t"), ("electricity", "万kWh")):
            editing.energy_use_add(task_id=task.pk, actor=staff, data={
                "carrier_code": carrier, "quantity": Decimal(1000), "unit": unit})  # fmt: skip
        editing.equipment_add(task_id=task.pk, actor=staff, data={
            "equipment_type": "motor", "name": "1#循环水泵电机", "model": "Y2-315M-4",
            "rating": Decimal(132), "count": 2, "annual_hours": Decimal(6000),
            "efficiency_pct": Decimal("93.0"), "poles": 4})  # fmt: skip
        for n in range(2):
            editing.measure_add(task_id=task.pk, actor=staff, data={
                "taxonomy": None, "category": "technical", "title": f"措施{n + 1}",
                "investment_wan": Decimal(50), "savings_tce": Decimal(100),
                "savings_kwh": Decimal(0), "savings_wan": Decimal(25)})  # fmt: skip
        made.append((task.pk, staff, contact))
    return made


def prepare(organizers: list) -> Work:
    """Build the campaign's data for this run and the scripts that will write into it."""
    from agencies.models import Agency, Recommendation
    from bench.load.sessions import cookie, sessions_for
    from portal.choices import Role
    from portal.models import User
    from provinces.choices import Form
    from provinces.services import submission_get_or_create

    importers = int(os.environ.get("DEADLINE_IMPORTERS", "44"))
    rows = int(os.environ.get("DEADLINE_IMPORT_ROWS", "2000"))
    reports = int(os.environ.get("DEADLINE_REPORTS", "300"))
    campaign = _campaign()
    _clear(campaign)
    work = Work()
    agencies = list(Agency.objects.order_by("-pk")[: len(organizers[:importers])])
    users, scripts = [], []
    for n, (organizer, agency) in enumerate(
        zip(organizers[:importers], agencies, strict=True), start=1
    ):
        Recommendation.objects.create(campaign=campaign, organizer=organizer, agency=agency)
        user, _ = User.objects.update_or_create(
            username=f"deadline-import-{organizer.code}",
            defaults={"role": Role.ORGANIZER, "organizer": organizer},
        )
        submission = submission_get_or_create(
            organizer=organizer, campaign=campaign, form=Form.INTENT
        )
        content = intent_file(year=WRITE_YEAR, organizer=organizer.name, agency=agency.name,
                              rows=rows, serial=n,
                              division=_division(organizer.code))  # fmt: skip
        users.append(user)
        scripts.append((organizer.pk, content, submission.pk))
    for (organizer_id, content, submission_id), key in zip(
        scripts, sessions_for(users), strict=True
    ):
        work.imports.put(ImportScript(organizer_id, cookie(key), content, submission_id, rows))
    made = _report_tasks(campaign, reports)
    keys = iter(sessions_for([u for _, staff, contact in made for u in (staff, contact)]))
    for task_id, _staff, _contact in made:
        work.reports.put(ReportScript(task_id, cookie(next(keys)), cookie(next(keys))))
    work.planned = {"imports": len(scripts), "reports": len(made)}
    return work


def check_writes(work: Work) -> dict:
    """What the scripts left in the database: rows imported, letters, submissions, reports."""
    from django.db.models import Count

    from enterprises.choices import LetterState, TaskState
    from enterprises.models import DiagnosisTask, TaskLetter
    from provinces.choices import Form, SubmissionState
    from provinces.models import Submission
    from reports.models import Feedback

    campaign = _campaign()
    imported = dict(
        DiagnosisTask.objects.filter(campaign=campaign)
        .exclude(organizer__code=CODE)
        .values_list("organizer_id")
        .annotate(n=Count("pk"))
    )
    rows = int(os.environ.get("DEADLINE_IMPORT_ROWS", "2000"))
    reported = DiagnosisTask.objects.filter(
        campaign=campaign, organizer__code=CODE, state=TaskState.REPORTED
    )
    return {
        "imports planned": work.planned.get("imports", 0),
        "imports complete": sum(1 for n in imported.values() if n == rows),
        "letters signed": TaskLetter.objects.filter(
            campaign=campaign, state=LetterState.SIGNED
        ).count(),
        "附件3 submitted": Submission.objects.filter(
            campaign=campaign, form=Form.INTENT, state=SubmissionState.SUBMITTED
        ).count(),
        "reports planned": work.planned.get("reports", 0),
        "reports submitted": reported.count(),
        "enterprises confirmed": Feedback.objects.filter(
            report__task__campaign=campaign, confirmed=True
        ).count(),
    }


def writes_done(checked: dict) -> bool:
    """Every import complete, its letters signed and its 附件3 submitted; every report
    submitted and confirmed by its enterprise."""
    imports, reports = checked["imports planned"], checked["reports planned"]
    return (
        checked["imports complete"] == imports
        and checked["附件3 submitted"] == imports
        and checked["letters signed"] >= imports
        and checked["reports submitted"] == reports
        and checked["enterprises confirmed"] == reports
    )
