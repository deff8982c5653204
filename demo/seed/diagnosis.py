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

from demo.seed.base import office_hours
from demo.seed.pdf import demo_pdf
from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal.choices import Role
from portal.models import User
from reports.calculations.motors import motor_min_efficiency
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
COAL_SHARE = Decimal("0.5")  # of a report's energy
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


def _energy(report: DiagnosisReport, task: DiagnosisTask, factors) -> Decimal:
    """Half the task's energy as coal (COAL_SHARE), 40 % electricity, 10 % natural gas; returns the
    electricity declared (kWh), which the key equipment is sized against."""
    tce = task.energy_tce or Decimal(3000)
    kwh = Decimal(0)
    lines = [
        ("raw_coal", tce * COAL_SHARE / Decimal("0.7143"), "t"),
        ("electricity", tce * Decimal("0.4") / Decimal("0.1229") / 10, "万kWh"),
        ("natural_gas_gasfield", tce * Decimal("0.1") / Decimal("1.2143") / 10, "万m3"),
    ]
    rows = []
    for code, quantity, unit in lines:
        primary = task.campaign.electricity_equivalent_factor if code == "electricity" else None
        amount = q(quantity)
        values = {"quantity": amount, "unit": unit}
        rows.append(
            EnergyUse(report=report, **energy_row(factors[code], values, primary_factor=primary))
        )
        if code == "electricity":
            kwh = amount * 10000
    EnergyUse.objects.bulk_create(rows)  # one INSERT, the rows in the same order
    return kwh


_TABLES: dict[int, GradingTables] = {}


def _tables_for(year: int) -> GradingTables:
    """The grading tables of a campaign's year (each edition by the year it applies from)."""
    if year not in _TABLES:
        _TABLES[year] = GradingTables(year=year)
    return _TABLES[year]


def _graded_types(rng: random.Random) -> list[dict]:
    """A transformer, fan, compressor and boiler line, with the fields its table is looked up
    by: single units whose size suits any enterprise of the demo."""
    return [
        {
            "equipment_type": "transformer",
            "name": "3#车间配电变压器",
            "model": "S13-M-400/10",
            "rating": Decimal(400),
            "rating_unit": "kVA",
            "annual_hours": Decimal(8760),
            "params": {
                "transformer_kind": "油浸式",
                "core_material": "电工钢带",
                "connection_group": "Dyn11/Yzn11",
            },
            "metrics": {"no_load_loss": rng.choice(["0.33", "0.37", "0.43"]), "load_loss": "3.6"},
        },
        {
            "equipment_type": "fan",
            "name": "锅炉引风机",
            "model": "Y4-73 No8D",
            "rating": Decimal(55),
            "annual_hours": Decimal(6000),
            "efficiency_pct": Decimal(rng.choice(["60.0", "72.0", "77.0"])),
            "params": {
                "fan_kind": "离心",
                "psi": "1.0",
                "specific_speed": "25",
                "machine_number": "8",
            },
        },
        {
            "equipment_type": "air_compressor",
            "name": "2#螺杆空压机",
            "model": "LG-7.5/0.8",
            "rating": Decimal(45),
            "annual_hours": Decimal(5000),
            "metrics": {"specific_power": rng.choice(["6.5", "7.0", "8.2"])},
            "params": {
                "compressor_kind": "一般用喷油回转（工频）",
                "discharge_pressure_mpa": "0.8",
                "cooling": "风冷",
            },
        },
        {
            "equipment_type": "boiler",
            "name": "燃煤蒸汽锅炉",
            "model": "SZL10-1.25-AII",
            "rating": Decimal(10),
            "rating_unit": "t/h",
            "annual_hours": Decimal(4000),
            "efficiency_pct": Decimal(rng.choice(["78.0", "83.0", "85.5"])),
            "params": {"boiler_kind": "层状燃烧燃煤", "fuel": "烟煤 Ⅱ类"},
        },
    ]


# Sizes the demo picks from (kW): Y2 / YKK 4-pole motors, screw compressors, centrifugal pumps.
MOTOR_MODELS = {
    11: "Y2-160M-4", 15: "Y2-160L-4", 22: "Y2-180L-4", 30: "Y2-200L-4", 37: "Y2-225S-4",
    45: "Y2-225M-4", 55: "Y2-250M-4", 75: "Y2-280S-4", 90: "Y2-280M-4", 110: "Y2-315S-4",
    132: "Y2-315M-4", 160: "Y2-315L1-4", 200: "Y2-315L2-4", 250: "Y2-355M-4",
    315: "Y2-355L-4", 400: "YKK4005-4", 500: "YKK4506-4", 630: "YKK5002-4", 800: "YKK5004-4",
}  # fmt: skip
COMPRESSOR_KW = [22, 37, 55, 75, 90, 110, 132, 160, 200, 250]
PUMP_HEADS = {45: 12, 75: 22, 110: 30}  # kW → m at 800 m³/h
PUMP_KW = list(PUMP_HEADS)
# What share of the declared electricity the listed lines use: a diagnosis lists the key
# equipment, not every consumer, so 45–75 % (the check warns above 120 %).
COVERAGE = [Decimal("0.45"), Decimal("0.55"), Decimal("0.65"), Decimal("0.75")]
# Each sized line's part of that listed use, with its hours and average load.
SHARES = {"motor": Decimal("0.30"), "pump": Decimal("0.12"), "air_compressor": Decimal("0.22")}
KILN_SHARE, KILN_MIN_KW = Decimal("0.25"), 200
KILN_KW = [200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000, 8000]
ARC_FURNACE_KW = [*KILN_KW, 12000, 20000, 30000, 45000, 60000]
HOURS = {"motor": 6000, "pump": 7200, "air_compressor": 5000, "kiln": 7200}
LOAD = {"motor": "0.75", "pump": "0.80", "air_compressor": "0.70", "kiln": "0.65"}
LOAD_FIXED = Decimal("0.75")  # the single fan and 2# compressor of every report
# Below this electricity (kWh a year) a plant works one shift: its lines run half the hours.
ONE_SHIFT_KWH = Decimal(3_000_000)


def _size(kind: str, sizes, target_kwh: Decimal, most: int, hours: Decimal):
    """The smallest listed size of which at most `most` units use about `target_kwh` a year
    at `hours` and the type's load; the largest size (at `most` units) past that."""
    per_unit = hours * Decimal(LOAD[kind])
    for size in sizes:
        count = int((target_kwh / (Decimal(str(size)) * per_unit)).to_integral_value())
        if count <= most:
            return Decimal(str(size)), max(count, 1)
    return Decimal(str(sizes[-1])), most


def _motor_efficiency(rating: Decimal, pick: int, tables: GradingTables) -> Decimal:
    """Below the limit, between limit and grade 2, or grade 2 and better (GB 18613 for the
    rating), so the demo's motors grade as a mix."""
    limits = motor_min_efficiency(rating, 4, table=tables.motor) if tables.motor else None
    if limits is None:
        return Decimal("93.0")
    limit, grade2 = limits.minimum_pct[3], limits.minimum_pct[2]
    choices = [limit - Decimal("0.8"), (limit + grade2) / 2, grade2 + Decimal("0.3")]
    return choices[pick].quantize(Decimal("0.1"))


def _pump_duty(rating: Decimal) -> dict:
    """A double-suction pump's rated point for its size: 800 m³/h at 1470 rpm (the flow the
    loaded GB 19762 table covers), the head its motor can lift at about 80 % efficiency."""
    head = PUMP_HEADS[int(rating)]
    return {
        "model": f"S300-{head}",
        "flow_m3h": Decimal(800),
        "head_m": Decimal(head),
        "speed_rpm": Decimal(1470),
    }


def _kiln_line(task: DiagnosisTask, target_kwh: Decimal, hours: Decimal) -> dict | None:
    """The furnace or kiln of the enterprise's trade, electrically heated (its rating is
    electricity, which the balance counts): an electric arc furnace at a steel works, induction
    furnaces at a metal smelter or foundry, roller kilns at a building-materials plant, drying
    kilns elsewhere; none where it would be smaller than KILN_MIN_KW."""
    code = task.industry_id or ""
    name, prefix, efficiency, sizes = (
        ("电弧炉", "HX", "62.0", ARC_FURNACE_KW)
        if code == "C31"
        else ("中频感应熔炼炉", "KGPS", "65.0", KILN_KW)
        if code in {"C32", "C33"}
        else ("电加热辊道窑", "RKD", "48.0", KILN_KW)
        if code == "C30"
        else ("电加热烘干窑", "DHG", "55.0", KILN_KW)
    )
    if target_kwh < KILN_MIN_KW * hours * Decimal(LOAD["kiln"]):
        return None
    rating, count = _size("kiln", sizes, target_kwh, 4, hours)
    return {
        "equipment_type": "kiln",
        "name": name,
        "model": f"{prefix}-{rating}",
        "rating": rating,
        "count": count,
        "rating_unit": "kW",
        "annual_hours": hours,
        "load_factor": Decimal(LOAD["kiln"]),
        "efficiency_pct": Decimal(efficiency),
    }


def _sized_lines(task: DiagnosisTask, kwh: Decimal, rng: random.Random, tables) -> list[dict]:
    """The motors, pumps, compressors and kiln sized to the electricity the report declares
    (`kwh`), so the key equipment stays within the enterprise's energy balance."""
    # Its own stream (demo data, not security): the other lines' choices stay as they were.
    sizing = random.Random(f"size-{task.pk}")  # noqa: S311
    listed = kwh * sizing.choice(COVERAGE)
    shift = Decimal("0.5") if kwh < ONE_SHIFT_KWH else Decimal(1)
    hours = {kind: Decimal(h) * shift for kind, h in HOURS.items()}
    motor_kw, motors = _size(
        "motor", list(MOTOR_MODELS), listed * SHARES["motor"], 8, hours["motor"]
    )
    pump_kw, pumps = _size("pump", PUMP_KW, listed * SHARES["pump"], 6, hours["pump"])
    air_kw, compressors = _size(
        "air_compressor",
        COMPRESSOR_KW,
        listed * SHARES["air_compressor"],
        6,
        hours["air_compressor"],
    )
    lines = [
        {
            "equipment_type": "motor",
            "name": "主传动电机",
            "model": MOTOR_MODELS[int(motor_kw)],
            "rating": motor_kw,
            "count": motors,
            "annual_hours": hours["motor"],
            "load_factor": Decimal(LOAD["motor"]),
            "poles": 4,
            "efficiency_pct": _motor_efficiency(motor_kw, rng.randrange(3), tables),
        },
        {
            "equipment_type": "pump",
            "name": "循环水泵",
            "rating": pump_kw,
            "count": pumps,
            "annual_hours": hours["pump"],
            "load_factor": Decimal(LOAD["pump"]),
            **_pump_duty(pump_kw),
            "double_suction": True,
            "efficiency_pct": Decimal(rng.choice(["76.0", "80.5", "84.2"])),
        },
        {
            "equipment_type": "air_compressor",
            "name": "螺杆空压机",
            "model": f"LG-{(air_kw / Decimal('5.5')).quantize(Decimal(1))}/0.8",
            "rating": air_kw,
            "count": compressors,
            "annual_hours": hours["air_compressor"],
            "load_factor": Decimal(LOAD["air_compressor"]),
        },
    ]
    kiln = _kiln_line(task, listed * KILN_SHARE, hours["kiln"])
    if kiln is not None:  # a small enterprise has no furnace worth listing
        lines.append(kiln)
    return lines


# Steam boilers (t/h) and the coal one burns a year per t/h: 2.7 GJ a tonne of steam at about
# 80 % efficiency is 0.116 tce, at 70 % of its rating.
BOILER_TPH = [1, 2, 4, 6, 10, 20, 35]
BOILER_TCE_PER_TPH_HOUR = Decimal("0.116") * Decimal("0.70")
BOILER_COAL_SHARE = Decimal("0.30")  # of the coal, the rest is process fuel (kilns, furnaces)


def _size_boiler(line: dict, coal_tce: Decimal) -> None:
    """The boiler sized to the coal the report declares: the smallest size of which one to
    three burn about BOILER_COAL_SHARE of it at its hours; a plant too small for a 1 t/h boiler
    to run all those hours fires it seasonally, fewer hours."""
    target = coal_tce * BOILER_COAL_SHARE / BOILER_TCE_PER_TPH_HOUR  # t/h × hours a year
    hours = line["annual_hours"]
    for size in BOILER_TPH:
        count = int((target / (size * hours)).to_integral_value())
        if count <= 3:
            break
    else:  # a large works: several of the largest
        count = min(count, 6)
    if count == 0:  # less than one of the smallest: one, run fewer hours
        count, hours = 1, max((target / size / 100).to_integral_value() * 100, Decimal(500))
    line.update(
        rating=Decimal(size),
        count=count,
        annual_hours=hours,
        model=f"SZL{size}-1.25-AII",
    )


def _equipment(
    report: DiagnosisReport, rng: random.Random, kwh: Decimal, coal_tce: Decimal
) -> list[Equipment]:
    tables = _tables_for(report.task.campaign.year)
    graded = _graded_types(random.Random(report.task_id))  # noqa: S311  (its own stream)
    for line in graded:
        if line["equipment_type"] in {"fan", "air_compressor"}:
            line["load_factor"] = LOAD_FIXED
        if kwh < ONE_SHIFT_KWH and line["equipment_type"] != "transformer":
            line["annual_hours"] = line["annual_hours"] / 2  # one shift
        if line["equipment_type"] == "boiler":
            _size_boiler(line, coal_tce)
    lines = [
        *_sized_lines(report.task, kwh, rng, tables),
        *graded,
    ]
    rows = []
    for line in lines:
        values = {
            "rating_unit": "kW",
            "count": 1,
            "stages": 1,
            "metrics": {},
            "params": {},
            "double_suction": False,
            **line,
        }
        values.update(equipment_grading(values, tables))
        rows.append(Equipment(report=report, **values))
    return Equipment.objects.bulk_create(rows)  # one INSERT, the rows in the same order


# What a saving is worth (万元): electricity at 0.65 元/kWh, other energy at 900 元/tce.
YUAN_PER_KWH, YUAN_PER_TCE = Decimal("0.65"), Decimal(900)
KWH_TCE = Decimal("0.0001229")  # 当量值, tce per kWh
MANAGEMENT = {"AIR.03.01", "MGT.02.01"}  # the others are technical measures


# The equipment a motor, pump or compressed-air measure improves, and the most it saves of
# what that equipment uses a year.
IMPROVES = {"MOT": "motor", "PMP": "pump", "AIR": "air_compressor"}
MOST_SAVED = Decimal("0.25")


def _line_kwh(row: Equipment) -> Decimal:
    return row.rating * row.count * row.annual_hours * (row.load_factor or Decimal(1))


def _measures(report: DiagnosisReport, task, rng: random.Random, taxonomy, equipment) -> None:
    """2–4 measures, each saving 0.5–4 % of the enterprise's energy, a motor, pump or
    compressed-air measure at most a quarter of what the equipment it improves uses; the
    investment is what pays back in 1–8 years (technical) or 1–3 years (management, cheaper),
    so the figures pass the data checks (docs/data-checks.md) an agency's would."""
    base = (task.energy_tce or Decimal(3000)) / 100
    measures = []
    for code in rng.sample(MEASURE_CODES, k=2 + rng.randrange(3)):
        node = taxonomy[code]
        tce = q(base * Decimal(rng.randint(5, 40)) / 10)
        kwh = (
            q(tce * 1000 / Decimal("0.1229") * Decimal("0.5"))
            if code[:3] in {"MOT", "PMP", "AIR"}
            else Decimal(0)
        )
        improved = [row for row in equipment if row.equipment_type == IMPROVES.get(code[:3])]
        most = q(sum((_line_kwh(row) for row in improved), Decimal(0)) * MOST_SAVED)
        if improved and kwh > most:  # no more than a quarter of what that equipment uses
            tce, kwh = q(tce * most / kwh), most
        savings_wan = q(
            (kwh * YUAN_PER_KWH + (tce - kwh * KWH_TCE) * YUAN_PER_TCE) / 10000, Decimal("0.01")
        )
        years = Decimal(rng.randint(10, 30 if code in MANAGEMENT else 80)) / 10
        amounts = {
            "investment_wan": q(savings_wan * years, Decimal("0.01")),
            "savings_tce": tce,
            "savings_kwh": kwh,
            "savings_wan": savings_wan,
        }
        measures.append(
            Measure(
                report=report,
                taxonomy=node,
                category=node.category,
                title=node.name,
                equipment=improved[0] if improved else None,
                description="诊断发现：" + node.name + "。",
                investment_wan=amounts["investment_wan"],
                savings_wan=amounts["savings_wan"],
                **measure_figures(amounts, task.campaign),
            )
        )
    Measure.objects.bulk_create(measures)  # one INSERT, the rows in the same order


def _submitted_at(task: DiagnosisTask) -> dt.datetime:
    """The report came in during September of its year, on a working day."""
    return office_hours(dt.date(task.campaign.year, 9, 1 + task.seq % 28))


def _accepted_at(task: DiagnosisTask) -> dt.datetime:
    """The organizer accepted it about three weeks later, on a working day."""
    return office_hours(_submitted_at(task).date() + dt.timedelta(days=20), later=True)


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
        report.accepted_at = _accepted_at(task)
        # a follow-up reports on earlier measures: no new measures to recommend as a case
        report.is_excellent_case = task.seq % 10 == 3 and not _is_follow_up(task)
        report.excellent_note = "节能改造措施系统、可复制。" if report.is_excellent_case else ""


DIAGNOSIS_FINDINGS = "电机系统能效偏低；压缩空气系统泄漏；能源计量器具配备不足。"
FOLLOW_UP_FINDINGS = "部分节能措施因资金不足尚未实施；已实施措施缺少分项计量，节能量核算依据不足。"


def _is_follow_up(task: DiagnosisTask) -> bool:
    return task.diagnosis_type == DiagnosisType.FOLLOW_UP and task.previous_task_id is not None


def _report(task, people, factors, tables, taxonomy) -> DiagnosisReport | None:
    report, created = DiagnosisReport.objects.get_or_create(task=task)
    if not created:
        return None
    rng = random.Random(f"{task.campaign.year}-{task.seq}-{task.enterprise.credit_code}")  # noqa: S311
    follow_up = _is_follow_up(task)
    report.diagnosis_year = task.campaign.year - 1
    report.findings = FOLLOW_UP_FINDINGS if follow_up else DIAGNOSIS_FINDINGS
    kind = "跟踪服务报告" if follow_up else "节能诊断报告"
    report.file_type, report.file_name = "pdf", f"{task.enterprise_name}{kind}.pdf"
    title = "Follow-up report" if follow_up else "Energy-saving diagnosis report"
    content = demo_pdf(f"{title} {task.campaign.year} No. {task.seq}")
    report.file.save("demo.pdf", ContentFile(content), save=False)
    report.file_size, report.file_sha256 = len(content), hashlib.sha256(content).hexdigest()
    report.submitted_at = report.file_uploaded_at = _submitted_at(task)
    report.submit_count = 2 if task.state == TaskState.RETURNED else 1
    if not follow_up:  # a follow-up's report is its findings about the earlier measures
        kwh = _energy(report, task, factors)
        coal_tce = (task.energy_tce or Decimal(3000)) * COAL_SHARE
        equipment = _equipment(report, rng, kwh, coal_tce)
        _measures(report, task, rng, taxonomy, equipment)
    _review(report, task, people)
    report.save()
    return report_totals_refresh(report)


def _follow_up(task: DiagnosisTask, people: dict) -> None:
    """What the follow-up found for each earlier measure: the agency's moves and figures, and
    the organizer's 核实 of some implemented ones before it accepted the follow-up report."""
    agency_user = (
        User.objects.filter(role=Role.AGENCY, agency_id=task.agency_id).order_by("pk").first()
    )
    recorder = agency_user or people["organizer"]
    # before the acceptance (day 20 or after)
    verified_at = office_hours(_submitted_at(task).date() + dt.timedelta(days=18))
    found_at = office_hours(_submitted_at(task).date() - dt.timedelta(days=3))
    measures = list(Measure.objects.filter(report__task_id=task.previous_task_id).order_by("id"))
    for n, measure in enumerate(measures):
        target = FOLLOW_UP_PATTERN[(task.seq + n) % len(FOLLOW_UP_PATTERN)]
        record, created = FollowUp.objects.get_or_create(
            task=task, measure=measure, defaults={"recorded_by": recorder}
        )
        if not created:
            continue
        path = ["implement", "verify"] if target == MeasureState.VERIFIED else [MOVE_FOR[target]]
        state = MeasureState.PROPOSED
        for move in path:
            to = MeasureState.VERIFIED if move == "verify" else target
            event = MeasureEvent.objects.create(
                measure=measure,
                follow_up=record,
                action=move,
                from_state=state,
                to_state=to,
                actor=people["organizer"] if move == "verify" else recorder,
                comment="企业资金不足" if to == MeasureState.NOT_ADOPTED else "",
            )
            # the agency recorded its findings before it submitted; the organizer verified later
            moment = verified_at if move == "verify" else found_at
            MeasureEvent.objects.filter(pk=event.pk).update(created_at=moment)
            state = to
        # the finding is the follow-up's (its own year); the earlier measure stays as reported
        record.state = state
        record.state_reason = "企业资金不足" if state == MeasureState.NOT_ADOPTED else ""
        record.save(update_fields=["state", "state_reason", "updated_at"])
        if state in {MeasureState.IMPLEMENTED, MeasureState.VERIFIED}:
            record.actual_investment_wan = q(measure.investment_wan * Decimal("1.1"))
            record.realized_tce = q(measure.savings_tce * Decimal("0.9"))
            record.realized_kwh = q(measure.savings_kwh * Decimal("0.9"))
            record.realized_wan = q(measure.savings_wan * Decimal("0.9"))
            record.note = "依据改造后三个月电表读数测算。"
            if state == MeasureState.VERIFIED:  # the organizer's 核实
                record.verified_by, record.verified_at = people["organizer"], verified_at
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
    # each organizer's own official decides on its reports (Hebei's is the demo login)
    deciders = {
        user.organizer_id: user
        for user in User.objects.filter(role=Role.ORGANIZER).order_by("-pk")
        if user.organizer_id
    }
    deciders[people["organizer"].organizer_id] = people["organizer"]
    for task in with_report:
        decider = deciders.get(task.organizer_id, people["organizer"])
        _report(task, {"organizer": decider}, factors, tables, taxonomy)
    # the follow-ups whose report was handed in recorded a finding for every earlier measure
    follow_ups = DiagnosisTask.objects.filter(
        pk__in=ids,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        previous_task__isnull=False,
        state__in=WITH_REPORT,
    ).order_by("seq")
    for task in follow_ups:
        _follow_up(task, people)
