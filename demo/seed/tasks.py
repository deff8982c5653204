"""Agencies, enterprises, recommendations, task letters, tasks and submissions of the demo."""

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from agencies.models import Agency, Recommendation
from agencies.services import declared_values
from demo.seed.base import office_hours
from demo.seed.codes import make_credit_code
from demo.seed.people import agency_official, organizer_official, seed_staff
from enterprises.choices import DiagnosisType, LetterState, SmeClass, TaskState
from enterprises.earlier import earlier_diagnoses_by_code, relink_refusal
from enterprises.models import DiagnosisTask, Enterprise, Industry, TaskEvent, TaskLetter
from enterprises.services.letter_numbers import letter_issue
from enterprises.workflow import MOVES as TASK_MOVES
from enterprises.workflow import PATH_TO
from portal.choices import Role
from portal.models import User
from provinces.choices import Form, SubmissionState
from provinces.models import PlanContent
from provinces.services import submission_get_or_create, submission_move

REGIONS = {
    "130000": (
        "河北",
        ["石家庄市", "唐山市", "邯郸市", "保定市"],
        ["长安区", "路北区", "丛台区", "竞秀区"],
    ),
    "370000": (
        "山东",
        ["济南市", "淄博市", "潍坊市", "临沂市"],
        ["历城区", "张店区", "奎文区", "兰山区"],
    ),
    "320000": (
        "江苏",
        ["南京市", "苏州市", "无锡市", "常州市"],
        ["江宁区", "吴中区", "锡山区", "武进区"],
    ),
    "440000": (
        "广东",
        ["广州市", "佛山市", "东莞市", "惠州市"],
        ["番禺区", "南海区", "松山湖", "惠阳区"],
    ),
    # the organizers whose 2021 work is done (demo.seed.dashboard: their 附件4 is handed in)
    "150000": (
        "内蒙古",
        ["呼和浩特市", "包头市", "鄂尔多斯市", "赤峰市"],
        ["新城区", "昆都仑区", "东胜区", "红山区"],
    ),
    "340000": (
        "安徽",
        ["合肥市", "芜湖市", "马鞍山市", "安庆市"],
        ["蜀山区", "镜湖区", "花山区", "迎江区"],
    ),
    "450000": (
        "广西",
        ["南宁市", "柳州市", "桂林市", "玉林市"],
        ["青秀区", "城中区", "象山区", "玉州区"],
    ),
}
WORDS = [
    "华兴",
    "恒达",
    "鼎盛",
    "宏源",
    "瑞丰",
    "嘉禾",
    "正泰",
    "凯盛",
    "永鑫",
    "天成",
    "海天",
    "金山",
    "长江",
    "明阳",
    "荣昌",
    "远航",
    "福瑞",
    "国泰",
    "联合",
    "东方",
]
SECTOR = {
    "C31": "钢铁",
    "C32": "铝业",
    "C25": "石化",
    "C26": "化工",
    "C30": "水泥",
    "C33": "金属制品",
    "C17": "纺织",
    "C22": "纸业",
    "C29": "塑胶",
    "C38": "电气",
}
AGENCY_NATURE = ["节能服务公司", "科研院所", "检测机构", "工业节能与绿色发展评价中心"]
# (organizer code, tasks in 2021, states cycled through)
PLAN_2021 = [
    (
        "130000",
        120,
        [
            TaskState.PUBLISHED,
            TaskState.REPORTED,
            TaskState.ACCEPTED,
            TaskState.RETURNED,
            TaskState.ACCEPTED,
            TaskState.PUBLISHED,
        ],
    ),
    ("370000", 80, [TaskState.MATCHED, TaskState.LETTER_SIGNED]),
    ("320000", 40, [TaskState.MATCHED]),
    ("440000", 30, [TaskState.LETTER_SIGNED]),
]
# Organizers whose 2021 work is done: every task accepted (organizer code, tasks).
DONE_2021 = [("150000", 12), ("340000", 10), ("450000", 8)]


def seed_agencies() -> list[Agency]:
    rng = random.Random(7)  # noqa: S311  (demo data)
    agencies = []
    for i in range(12):
        code = list(REGIONS)[i % 4]  # the four provinces the demo works with
        name = f"{REGIONS[code][0]}{WORDS[i]}{WORDS[-i - 1]}节能技术服务有限公司"
        agency = Agency.objects.filter(name=name).first() or Agency.objects.create(
            name=name,
            credit_code=make_credit_code(rng, code[:2] + "0100"),
            nature=AGENCY_NATURE[i % 4],
            location=REGIONS[code][1][0],
            specialties="钢铁、化工" if i % 2 else "建材、有色",
            technical_staff=15 + i * 3,
            track_record=f"近三年完成节能诊断{20 + i}家、能源审计{8 + i}项",
            contact_name="联系人" + WORDS[i],
            contact_title="项目经理",
            phone=f"1380000{i:04d}",
            email=f"agency{i}@example.cn",
        )
        agencies.append(agency)
    return agencies


def _enterprise(rng: random.Random, code: str, n: int) -> tuple[Enterprise, str, str]:
    _province, cities, counties = REGIONS[code]
    industry = list(SECTOR)[n % len(SECTOR)]
    city = cities[n % 4]
    name = f"{city[:-1]}{WORDS[n % 20]}{WORDS[(n // 20 + 3) % 20]}{SECTOR[industry]}有限公司"
    existing = Enterprise.objects.filter(name=name).first()
    if existing:
        return existing, city, counties[n % 4]
    key = industry in {"C31", "C32", "C25", "C26", "C30"}
    energy = Decimal(rng.randint(6000, 600000) if key else rng.randint(200, 4800))
    enterprise = Enterprise.objects.create(
        name=name,
        credit_code=make_credit_code(rng, code[:2] + f"{(n % 4) + 1:02d}00"),
        province_code=code,
        city=city,
        county=counties[n % 4],
        industry=Industry.objects.get(pk=industry),
        is_sme=not key,
        sme_class="" if key else rng.choice(SmeClass.values),
        energy_tce=energy,
        contact_name=f"能源管理员{WORDS[(n + 7) % 20]}",
        contact_phone=f"1390000{n:04d}",
        contact_email=f"enterprise{n}@example.cn",
    )
    return enterprise, city, counties[n % 4]


def _type_for(enterprise: Enterprise, n: int) -> tuple[str, str]:
    if enterprise.industry is not None and enterprise.industry.key_sector:
        return DiagnosisType.KEY_INDUSTRY, ""
    if n % 7 == 0:
        return DiagnosisType.REGIONAL, f"{enterprise.city}经济技术开发区"
    return (DiagnosisType.KEY_EQUIPMENT, "") if n % 3 == 0 else (DiagnosisType.SME, "")


def _agency_submitter(agency: Agency) -> User:
    """Who submits the agency's reports: its first demo login, else its engineer."""
    login = (
        User.objects.filter(role=Role.AGENCY, agency=agency)
        .exclude(username__startswith="staff-")
        .order_by("pk")
        .first()
    )
    return login or agency_official(agency)


def _agency_actor(task: DiagnosisTask, actors: dict) -> User:
    """`_agency_submitter` of the task's agency, once per agency and seeding step."""
    cache = actors.setdefault("agencies", {})
    if task.agency_id not in cache:
        cache[task.agency_id] = _agency_submitter(task.agency)
    return cache[task.agency_id]


def _walk(task: DiagnosisTask, target: str, actors: dict, start: str = TaskState.MATCHED) -> None:
    """Record the events of the path from `start` to `target` so the audit trail is complete,
    each move by a user of the role that makes it (agency moves by the task's agency)."""
    state = start
    for name in PATH_TO[target][len(PATH_TO[start]) :]:
        move = TASK_MOVES[name]
        if Role.MINISTRY in move.roles:
            actor = actors["ministry"]
        elif Role.ORGANIZER in move.roles:
            actor = actors["organizer"]
        else:
            actor = _agency_actor(task, actors)
        comment = "请补充重点用能设备的实测数据。" if move.needs_comment else ""
        TaskEvent.objects.create(
            task=task,
            actor=actor,
            action=name,
            from_state=state,
            to_state=move.target,
            comment=comment,
        )
        state = move.target


def _tasks_for(campaign, organizer, count, states, agencies, actors, rng, offset):
    code = organizer.code
    own = [a for a in agencies if a.location in REGIONS.get(code, ("", []))[1]] or agencies[:3]
    tasks = []
    for n in range(count):
        enterprise, city, county = _enterprise(rng, code, offset + n)
        block = n * len(own) // count
        agency = own[block]
        dtype, remarks = _type_for(enterprise, n)
        # A letter covers all of its agency's enterprises: when the states mix "matched" with
        # later ones, they go by agency, so no enterprise waits under a signed letter.
        mixed = TaskState.MATCHED in states and len(set(states)) > 1
        state = states[(block if mixed else n) % len(states)]
        task, created = DiagnosisTask.objects.get_or_create(
            campaign=campaign,
            enterprise=enterprise,
            defaults={
                "organizer": organizer,
                "agency": agency,
                "diagnosis_type": dtype,
                "remarks": remarks,
                "seq": n + 1,
                "enterprise_name": enterprise.name,
                "city": city,
                "county": county,
                "industry": enterprise.industry,
                "energy_tce": enterprise.energy_tce,
                "is_sme": enterprise.is_sme,
                "sme_class": enterprise.sme_class,
                "state": state,
                "published_at": timezone.now()
                if state not in {TaskState.MATCHED, TaskState.LETTER_SIGNED}
                else None,
            },
        )
        if created:
            _walk(task, state, actors)
        tasks.append(task)
    return tasks


def _letters_and_recommendations(campaign, organizer, tasks, actors) -> None:
    agencies = Agency.objects.in_bulk({t.agency_id for t in tasks})
    for seq, agency_id in enumerate(sorted(agencies), start=1):
        Recommendation.objects.get_or_create(
            campaign=campaign,
            organizer=organizer,
            agency_id=agency_id,
            defaults={
                "seq": seq,
                "planned_enterprises": 40,
                **declared_values(agencies[agency_id]),
            },
        )
        signed = any(t.state != TaskState.MATCHED for t in tasks if t.agency_id == agency_id)
        letter, _created = TaskLetter.objects.get_or_create(
            campaign=campaign,
            organizer=organizer,
            agency_id=agency_id,
            defaults={
                "state": LetterState.SIGNED if signed else LetterState.DRAFT,
                "signed_at": timezone.now() if signed else None,
            },
        )
        if signed:  # a signed letter was issued: numbered, with its parties' names kept
            letter_issue(letter_id=letter.pk, actor=actors["organizer"])


RETURN_COMMENTS: dict[int, str] = {
    Form.PLAN: "计划诊断企业数低于200家，请补充说明理由。",
    Form.RECOMMENDATION: "请补充各推荐机构的专职技术人员数和近年节能诊断业绩。",
    Form.INTENT: "区域集中式节能诊断的企业请在备注中注明园区名称。",
}


# Days before its deadline each form of a past deadline was handed in; the ministry answered
# three days later.
DAYS_EARLY: dict[int, int] = {Form.PLAN: 4, Form.RECOMMENDATION: 3, Form.INTENT: 2, Form.SUMMARY: 5}
ANSWERED_AFTER = dt.timedelta(days=3)


def _date_in_its_year(submission, campaign, form: int) -> None:
    """A form whose deadline has passed was handed in on time in its own year, not on the day
    the demo is seeded: the submit dated a few days before the deadline, the ministry's
    approval or return three days later (working days, 4 p.m. Beijing time), with the events
    to match."""
    due = campaign.due_date(form)
    if due >= timezone.localdate():  # a live year's form: handed in today, as it was
        return
    submitted = office_hours(due - dt.timedelta(days=DAYS_EARLY[form]))
    answered = office_hours(submitted.date() + ANSWERED_AFTER, later=True)
    stamps: dict[str, Any] = {"submitted_at": submitted, "is_late": False}
    if submission.approved_at is not None:
        stamps["approved_at"] = answered
    type(submission).objects.filter(pk=submission.pk).update(**stamps)
    events = submission.events.all()
    events.filter(action="submit").update(created_at=submitted)
    events.exclude(action="submit").update(created_at=answered)


def _submissions(campaign, organizer, states: dict[int, str], actors) -> None:
    """Walk each form through the real services so events and timestamps are genuine; a past
    deadline's forms are then dated in their own year (_date_in_its_year)."""
    paths: dict[str, list[str]] = {
        SubmissionState.DRAFT: [],
        SubmissionState.SUBMITTED: ["submit"],
        SubmissionState.RETURNED: ["submit", "return"],
        SubmissionState.APPROVED: ["submit", "approve"],
    }
    for form, target in states.items():
        submission = submission_get_or_create(organizer=organizer, campaign=campaign, form=form)
        if form == Form.PLAN:
            PlanContent.objects.get_or_create(
                submission=submission,
                defaults={
                    "key_industry": 120,
                    "sme": 60,
                    "key_equipment": 20,
                    "regional": 20,
                    "follow_up": 10,
                    "agencies_planned": 3,
                    # 计划完成时间: the diagnoses done a fortnight before 附件4 is due
                    "completion_date": campaign.summary_due - dt.timedelta(days=15),
                    "contact_name": "李科长",
                    "contact_title": "科长",
                    "contact_phone": "0311-12345678",
                    "contact_email": "jienengke@example.cn",
                },
            )
        if submission.state != SubmissionState.DRAFT or target == SubmissionState.DRAFT:
            continue
        for move in paths[target]:
            actor = actors["organizer"] if move == "submit" else actors["ministry"]
            comment = RETURN_COMMENTS.get(form, "请核实后重新报送。") if move == "return" else ""
            submission_move(submission_id=submission.pk, move=move, actor=actor, comment=comment)
        if paths[target]:
            submission.refresh_from_db()
            _date_in_its_year(submission, campaign, form)


def _relinkable(task: DiagnosisTask, linked: int) -> bool:
    """A follow-up of a database seeded before the link rule, with nothing recorded on it."""
    return (
        task.diagnosis_type == DiagnosisType.FOLLOW_UP
        and task.previous_task_id != linked
        and not relink_refusal(task, linked)
    )


# The first follow-ups are done: the agency recorded what became of each earlier measure
# (demo.seed.diagnosis._follow_up), submitted the follow-up report and the organizer accepted
# it, so 附件4 counts them as 跟踪服务; the others are still at work.
FOLLOW_UPS_ACCEPTED = 6


def _follow_up_state(n: int) -> str:
    return TaskState.ACCEPTED if n < FOLLOW_UPS_ACCEPTED else TaskState.PUBLISHED


def _follow_ups(campaign, organizer, earlier, actors) -> list[DiagnosisTask]:
    """跟踪服务: 2021 revisits enterprises of the 2019 list, each linked by credit code to its
    most recent diagnosis (2019, or 2020 for one diagnosed again) as the intent-list services
    link a 跟踪服务 row (enterprises.earlier)."""
    links = earlier_diagnoses_by_code(
        campaign=campaign, organizer=organizer, codes=[t.enterprise.credit_code for t in earlier]
    )
    tasks = []
    for n, previous in enumerate(earlier):
        linked, state = links[previous.enterprise.credit_code], _follow_up_state(n)
        task, created = DiagnosisTask.objects.get_or_create(
            campaign=campaign,
            enterprise=previous.enterprise,
            defaults={
                "organizer": organizer,
                "agency": previous.agency,
                "diagnosis_type": DiagnosisType.FOLLOW_UP,
                "previous_task_id": linked,
                "seq": 200 + n,
                "enterprise_name": previous.enterprise_name,
                "city": previous.city,
                "county": previous.county,
                "industry": previous.industry,
                "energy_tce": previous.energy_tce,
                "is_sme": previous.is_sme,
                "sme_class": previous.sme_class,
                "state": state,
                "published_at": timezone.now(),
            },
        )
        if created:
            _walk(task, state, actors)
        else:
            if _relinkable(task, linked):
                DiagnosisTask.objects.filter(pk=task.pk).update(previous_task_id=linked)
            if task.state == TaskState.PUBLISHED and state == TaskState.ACCEPTED:
                # a database seeded when the follow-ups all stayed at work: finish the work
                _walk(task, state, actors, start=task.state)
                task.state = state
                task.save(update_fields=["state", "updated_at"])
        tasks.append(task)
    return tasks


def seed_tasks(*, campaigns, organizers, agencies) -> list[DiagnosisTask]:
    rng = random.Random(2021)  # noqa: S311  (demo data)
    staff = seed_staff(organizers)
    tasks = []
    for i, (code, count, states) in enumerate(PLAN_2021):
        organizer = organizers[code]
        actors = {
            "ministry": staff["ministry"],
            "organizer": staff.get(
                {"130000": "hebei", "370000": "shandong"}.get(code, ""), staff["ministry"]
            ),
        }
        batch = _tasks_for(
            campaigns[2021], organizer, count, states, agencies, actors, rng, offset=i * 1000
        )
        _letters_and_recommendations(campaigns[2021], organizer, batch, actors)
        tasks += batch
    hebei = organizers["130000"]
    actors = {"ministry": staff["ministry"], "organizer": staff["hebei"]}
    revisited: list[DiagnosisTask] = []
    for year in (2019, 2020):
        history = _tasks_for(
            campaigns[year],
            hebei,
            30,
            [TaskState.ACCEPTED],
            agencies,
            actors,
            rng,
            offset=5000 + year,
        )
        _letters_and_recommendations(campaigns[year], hebei, history, actors)
        if year == 2019:
            revisited = history[:10]
    # After both history years: a follow-up links to the most recent earlier diagnosis.
    tasks += _follow_ups(campaigns[2021], hebei, revisited, actors)
    for i, (code, count) in enumerate(DONE_2021):  # after the others: own random streams
        done = {"ministry": staff["ministry"], "organizer": organizer_official(organizers[code])}
        rng_done = random.Random(f"done-{code}")  # noqa: S311  (demo data)
        batch = _tasks_for(
            campaigns[2021],
            organizers[code],
            count,
            [TaskState.ACCEPTED],
            agencies,
            done,
            rng_done,
            offset=7000 + 100 * i,
        )
        _letters_and_recommendations(campaigns[2021], organizers[code], batch, done)
        tasks += batch
    _submissions(
        campaigns[2021],
        hebei,
        {1: "approved", 2: "approved", 3: "approved", 4: "draft"},
        {**actors},
    )
    _submissions(
        campaigns[2021],
        organizers["370000"],
        {1: "submitted", 2: "returned", 3: "draft"},
        {"ministry": staff["ministry"], "organizer": staff["shandong"]},
    )
    _submissions(
        campaigns[2021],
        organizers["ASSOC-CISA"],
        {1: "submitted"},
        {"ministry": staff["ministry"], "organizer": staff["cisa"]},
    )
    return tasks


def credit_agency_moves() -> None:
    """The tasks are walked before the agencies' accounts exist: credit each agency-only move
    (submitting a report) to the agency's demo login, or to its engineer (`agency_official`)
    where it has none. Idempotent."""
    agency_moves = [name for name, move in TASK_MOVES.items() if move.roles == {Role.AGENCY}]
    events = TaskEvent.objects.filter(action__in=agency_moves)
    agencies = Agency.objects.filter(pk__in=events.values("task__agency_id")).order_by("pk")
    for agency in agencies:
        user = _agency_submitter(agency)
        events.filter(task__agency_id=agency.pk).exclude(actor=user).update(actor=user)
