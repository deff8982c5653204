"""Demo reports: data for every reported, returned and accepted task, and follow-up records.

Rows are computed with the same functions the services use (reports.diagnosis.services.compute), so the
demo's totals, gradings and savings are what an agency would get by entering the same data.
Deterministic (numbers derive from each task's own fields) and idempotent (one report per task).
"""

import datetime as dt
import hashlib
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from demo.seed.pdf import demo_pdf
from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal.models import User
from reports.choices import Decision, FeedbackSource, MeasureState, TaxonomyLevel
from reports.diagnosis.selectors.reference import GradingTables, energy_factors
from reports.diagnosis.services.compute import energy_row, equipment_grading, measure_figures, q
from reports.diagnosis.services.totals import report_totals_refresh
from reports.models import (
    Acceptance,
    DiagnosisReport,
    EnergyUse,
    Equipment,
    Feedback,
    FollowUp,
    Measure,
    MeasureCategory,
    MeasureEvent,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
WITH_REPORT = {TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED}
MEASURE_CODES = ["MOT.01.01", "PMP.02.01", "AIR.03.01", "WHR.02.01", "MGT.02.01", "BLR.02.01"]
# What the follow-up found for an earlier report's measures, in order.
FOLLOW_UP_PATTERN = [
    MeasureState.IMPLEMENTED,
    MeasureState.VERIFIED,
    MeasureState.PLANNED,
    MeasureState.NOT_ADOPTED,
    MeasureState.IN_PROGRESS,
    MeasureState.UNKNOWN,
]
MOVE_FOR = {
    MeasureState.PLANNED: "plan",
    MeasureState.IN_PROGRESS: "start",
    MeasureState.IMPLEMENTED: "implement",
    MeasureState.NOT_ADOPTED: "not_adopt",
    MeasureState.UNKNOWN: "mark_unknown",
}


def _energy(report: DiagnosisReport, task: DiagnosisTask, factors) -> None:
    """Half the task's energy as coal, 40 % electricity, 10 % natural gas."""
    tce = task.energy_tce or Decimal(3000)
    lines = [
        ("raw_coal", tce * Decimal("0.5") / Decimal("0.7143"), "t"),
        ("electricity", tce * Decimal("0.4") / Decimal("0.1229") / 10, "万kWh"),
        ("natural_gas_gasfield", tce * Decimal("0.1") / Decimal("1.2143") / 10, "万m3"),
    ]
    for code, quantity, unit in lines:
        primary = task.campaign.electricity_equivalent_factor if code == "electricity" else None
        values = {"quantity": q(quantity), "unit": unit}
        EnergyUse.objects.create(
            report=report, **energy_row(factors[code], values, primary_factor=primary)
        )


def _equipment(report: DiagnosisReport, rng: random.Random, tables) -> list[Equipment]:
    lines = [
        {
            "equipment_type": "motor",
            "name": "循环水泵电机",
            "model": "Y2-315M-4",
            "rating": Decimal(132),
            "count": 2,
            "annual_hours": Decimal(6000),
            "poles": 4,
            "efficiency_pct": Decimal(rng.choice(["93.0", "95.8", "96.5"])),
        },
        {
            "equipment_type": "pump",
            "name": "循环水泵",
            "model": "S300-12",
            "rating": Decimal(45),
            "count": 1,
            "annual_hours": Decimal(7200),
            "flow_m3h": Decimal(800),
            "head_m": Decimal(12),
            "speed_rpm": Decimal(1470),
            "double_suction": True,
            "efficiency_pct": Decimal(rng.choice(["76.0", "80.5", "84.2"])),
        },
        {
            "equipment_type": "air_compressor",
            "name": "螺杆空压机",
            "model": "LG-20/0.8",
            "rating": Decimal(110),
            "count": 3,
            "annual_hours": Decimal(5000),
        },
    ]
    rows = []
    for line in lines:
        values = {
            "rating_unit": "kW",
            "stages": 1,
            "metrics": {},
            "params": {},
            "double_suction": False,
            **line,
        }
        values.update(equipment_grading(values, tables))
        rows.append(Equipment.objects.create(report=report, **values))
    return rows


def _measures(report: DiagnosisReport, task, rng: random.Random, taxonomy, equipment) -> None:
    base = (task.energy_tce or Decimal(3000)) / 100
    for code in rng.sample(MEASURE_CODES, k=2 + rng.randrange(3)):
        node = taxonomy[code]
        tce = q(base * Decimal(rng.randint(5, 40)) / 10)
        kwh = (
            q(tce * 1000 / Decimal("0.1229") * Decimal("0.5"))
            if code[:3] in {"MOT", "PMP", "AIR"}
            else Decimal(0)
        )
        amounts = {
            "investment_wan": Decimal(rng.randint(10, 400)),
            "savings_tce": tce,
            "savings_kwh": kwh,
            "savings_wan": q(tce * Decimal("0.08")),
        }
        Measure.objects.create(
            report=report,
            taxonomy=node,
            category=node.category,
            title=node.name,
            equipment=equipment[0] if code.startswith("MOT") else None,
            description="诊断发现：" + node.name + "。",
            investment_wan=amounts["investment_wan"],
            savings_wan=amounts["savings_wan"],
            **measure_figures(amounts, task.campaign),
        )


def _submitted_at(task: DiagnosisTask) -> dt.datetime:
    return dt.datetime(task.campaign.year, 9, 1 + task.seq % 28, 10, 0, tzinfo=SHANGHAI)


def _review(report: DiagnosisReport, task: DiagnosisTask, people: dict) -> None:
    enterprise_user = User.objects.filter(enterprise=task.enterprise).first()
    # Some reports under review still wait for the enterprise's word.
    if task.seq % 5 != 4 or task.state == TaskState.ACCEPTED:
        Feedback.objects.create(
            report=report,
            confirmed=True,
            rating=3 + task.seq % 3,
            comments="诊断人员专业，建议切实可行。",
            source=FeedbackSource.ENTERPRISE if enterprise_user else FeedbackSource.PHONE,
            contact_name="" if enterprise_user else "企业能源主管",
            recorded_by=enterprise_user or people["organizer"],
        )
    if task.state == TaskState.RETURNED:
        Acceptance.objects.create(
            report=report,
            decision=Decision.RETURN,
            comment="请补充重点用能设备的实测数据。",
            decided_by=people["organizer"],
            quantity_ok=True,
        )
        report.last_comment = "请补充重点用能设备的实测数据。"
    elif task.state == TaskState.ACCEPTED:
        Acceptance.objects.create(
            report=report,
            decision=Decision.ACCEPT,
            decided_by=people["organizer"],
            quantity_ok=True,
            quality_ok=True,
            data_ok=True,
            feedback_ok=True,
        )
        report.accepted_at = _submitted_at(task) + dt.timedelta(days=20)
        report.is_excellent_case = task.seq % 10 == 3
        report.excellent_note = "节能改造措施系统、可复制。" if report.is_excellent_case else ""


def _report(task, people, factors, tables, taxonomy) -> DiagnosisReport | None:
    report, created = DiagnosisReport.objects.get_or_create(task=task)
    if not created:
        return None
    rng = random.Random(f"{task.campaign.year}-{task.seq}-{task.enterprise.credit_code}")  # noqa: S311
    report.diagnosis_year = task.campaign.year - 1
    report.findings = "电机系统能效偏低；压缩空气系统泄漏；能源计量器具配备不足。"
    report.file_type, report.file_name = "pdf", f"{task.enterprise_name}节能诊断报告.pdf"
    content = demo_pdf(f"Energy-saving diagnosis report {task.campaign.year} No. {task.seq}")
    report.file.save("demo.pdf", ContentFile(content), save=False)
    report.file_size, report.file_sha256 = len(content), hashlib.sha256(content).hexdigest()
    report.submitted_at = report.file_uploaded_at = _submitted_at(task)
    report.submit_count = 2 if task.state == TaskState.RETURNED else 1
    _energy(report, task, factors)
    equipment = _equipment(report, rng, tables)
    _measures(report, task, rng, taxonomy, equipment)
    _review(report, task, people)
    report.save()
    return report_totals_refresh(report)


def _follow_up(task: DiagnosisTask, people: dict) -> None:
    measures = list(Measure.objects.filter(report__task_id=task.previous_task_id).order_by("id"))
    for n, measure in enumerate(measures):
        target = FOLLOW_UP_PATTERN[(task.seq + n) % len(FOLLOW_UP_PATTERN)]
        record, created = FollowUp.objects.get_or_create(
            task=task, measure=measure, defaults={"recorded_by": people["organizer"]}
        )
        if not created:
            continue
        path = ["implement", "verify"] if target == MeasureState.VERIFIED else [MOVE_FOR[target]]
        state = measure.state
        for move in path:
            to = MeasureState.VERIFIED if move == "verify" else target
            MeasureEvent.objects.create(
                measure=measure,
                follow_up=record,
                action=move,
                from_state=state,
                to_state=to,
                actor=people["organizer"],
                comment="企业资金不足" if to == MeasureState.NOT_ADOPTED else "",
            )
            state = to
        measure.state = state
        measure.state_reason = "企业资金不足" if state == MeasureState.NOT_ADOPTED else ""
        measure.save(update_fields=["state", "state_reason", "updated_at"])
        if state in {MeasureState.IMPLEMENTED, MeasureState.VERIFIED}:
            record.actual_investment_wan = q(measure.investment_wan * Decimal("1.1"))
            record.realized_tce = q(measure.savings_tce * Decimal("0.9"))
            record.realized_kwh = q(measure.savings_kwh * Decimal("0.9"))
            record.realized_wan = q(measure.savings_wan * Decimal("0.9"))
            record.note = "依据改造后三个月电表读数测算。"
            if state == MeasureState.VERIFIED:  # the organizer's 核实
                record.verified_by, record.verified_at = people["organizer"], timezone.now()
            record.save()


def seed_reports(tasks: list[DiagnosisTask]) -> None:
    """Reports for tasks past publication (2019–2021) and the follow-ups' first findings."""
    people = {"organizer": User.objects.get(username="hebei")}
    factors, tables = energy_factors(), GradingTables()
    taxonomy = {c.code: c for c in MeasureCategory.objects.filter(level=TaxonomyLevel.MEASURE)}
    history = DiagnosisTask.objects.filter(
        campaign__year__in=(2019, 2020), state=TaskState.ACCEPTED
    )
    ids = {t.pk for t in tasks} | set(history.values_list("pk", flat=True))
    with_report = (
        DiagnosisTask.objects.filter(pk__in=ids, state__in=WITH_REPORT)
        .select_related("campaign", "enterprise")
        .order_by("pk")
    )
    for task in with_report:
        _report(task, people, factors, tables, taxonomy)
    follow_ups = DiagnosisTask.objects.filter(
        pk__in=ids, diagnosis_type=DiagnosisType.FOLLOW_UP, previous_task__isnull=False
    ).order_by("seq")
    for task in list(follow_ups)[:6]:
        _follow_up(task, people)
