"""seed_demo builds the whole demo programme and a second run changes nothing; on what it builds
the reports' product rows are benchmarked and 附件4's two tables agree.

Seeding costs a few seconds of CPU: the tests here share one run, built once for the module
(`tests.conftest.built_once_per_module`: each test runs in a savepoint inside it, so a second
seeding in one test is rolled back before the next). The tests that travel to other dates
(test_seed_live_year.py) seed their own.
"""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from demo.seed.benchmarking import seed_benchmarking
from enterprises.choices import TaskState
from enterprises.earlier import earlier_diagnoses_by_code
from enterprises.models import DiagnosisTask, TaskEvent, TaskLetter
from portal.calendar import is_working_day
from portal.models import Campaign, User
from provinces.choices import Form
from provinces.models import Organizer, PlanContent, Submission
from reports.checks.selectors import report_facts, report_findings
from reports.models import Acceptance, DiagnosisReport, Equipment, FollowUp, Measure, ProductRow
from reports.models.benchmarking import BenchmarkLevel
from reports.summary.selectors import summary_data
from tests.conftest import built_once_per_module

pytestmark = pytest.mark.django_db  # each test runs in a savepoint of the module's demo


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    with built_once_per_module(django_db_blocker):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture
def demo_output(_seeded, db) -> str:
    """The demo as seeded today (in this test's savepoint) and what `seed_demo` printed."""
    return _seeded


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"portal", "provinces", "agencies", "enterprises", "reports"}
    }


def _invitations():
    from portal.models import Invitation

    return Invitation.objects.filter(invited_by__username__in=["hebei", "agency"])


def test_seed_demo_twice_is_idempotent_and_prints_logins(demo_output):
    """Running it twice neither fails nor adds rows (so it invites nobody more: the pending
    invitations' test relies on this check instead of seeding a third time); each role's login
    is printed."""
    first = _counts()
    invited = _invitations().count()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    assert invited == 4 and _invitations().count() == invited
    for username in ("ministry", "hebei", "agency", "enterprise"):
        assert f" {username} " in demo_output
    assert set(User.objects.values_list("role", flat=True)) == {
        "ministry",
        "organizer",
        "agency",
        "enterprise",
    }


def test_seed_demo_has_three_campaigns_and_tasks_in_every_state(demo_output):
    """Campaigns 2019–2021 with the notice's 2021 deadlines, and the live year after them;
    tasks in every state."""
    years = list(Campaign.objects.order_by("year").values_list("year", flat=True))
    assert years[:3] == [2019, 2020, 2021]
    assert len(years) == 4 and years[3] >= 2022
    c2021 = Campaign.objects.get(year=2021)
    assert (str(c2021.plan_due), str(c2021.intent_due), str(c2021.summary_due)) == (
        "2021-05-31",
        "2021-06-15",
        "2021-11-15",
    )
    states = set(DiagnosisTask.objects.values_list("state", flat=True))
    assert states == set(TaskState.values)
    assert DiagnosisTask.objects.filter(previous_task__isnull=False).exists()
    # Every 跟踪服务 task is linked the way the intent-list services link one.
    for task in DiagnosisTask.objects.filter(diagnosis_type="follow_up").select_related(
        "campaign", "enterprise"
    ):
        code = task.enterprise.credit_code
        links = earlier_diagnoses_by_code(
            campaign=task.campaign, organizer=task.organizer_id, codes=[code]
        )
        assert task.previous_task_id == links[code], task


def test_seed_demo_has_pending_invitations_of_people_who_never_signed_in(demo_output):
    """Hebei's administrator invited a colleague and enterprise contacts of the live 附件3, the
    agency's administrator an engineer: their links are unused and unexpired, they never signed
    in. (That a second run invites nobody more is checked by the idempotence test, which seeds
    the second time: seeding again here cost a whole second seeding for the same check.)"""
    from django.utils import timezone

    from portal.models import Invitation

    pending = Invitation.objects.filter(
        invited_by__username__in=["hebei", "agency"],
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("user", "invited_by")
    roles = sorted((i.invited_by.username, i.user.role) for i in pending)
    assert roles == [
        ("agency", "agency"),
        ("hebei", "enterprise"),
        ("hebei", "enterprise"),
        ("hebei", "organizer"),
    ]
    engineer = next(i.user for i in pending if i.invited_by.username == "agency")
    assert engineer.agency_id == User.objects.get(username="agency").agency_id
    assert all(i.user.last_login is None and not i.user.has_usable_password() for i in pending)
    live = Campaign.objects.order_by("-year").first()
    invited = {i.user.enterprise_id for i in pending if i.user.enterprise_id}
    assert invited <= set(
        DiagnosisTask.objects.filter(campaign=live, organizer__code="130000").values_list(
            "enterprise_id", flat=True
        )
    )
    assert _invitations().count() == len(roles)  # and the idempotence test seeds again


def test_demo_reports_have_benchmarked_products(demo_output):
    """The demo's product rows: on every submitted report, benchmarked as the service would, with
    every level shown somewhere, and a second seeding adds none."""
    submitted = DiagnosisReport.objects.filter(submitted_at__isnull=False)
    assert submitted.exists()
    assert not submitted.filter(product_rows__isnull=True).exists()
    levels = set(ProductRow.objects.values_list("level", flat=True))
    assert levels == set(BenchmarkLevel.values)
    for row in ProductRow.objects.exclude(level=BenchmarkLevel.NO_TABLE).select_related("entry"):
        assert row.standard_cited and row.unit_consumption is not None
        if row.level == BenchmarkLevel.EXCEEDS_LIMIT:
            assert row.unit_consumption > row.entry.limit_value
            assert row.saving_to_limit_tce > 0
    count = ProductRow.objects.count()
    seed_benchmarking()
    assert ProductRow.objects.count() == count


def test_demo_follow_up_counts_agree_in_every_summary(demo_output):
    """On the demo data, 附件4's type table and follow-up table count the same 跟踪服务 work."""
    checked = 0
    for campaign in Campaign.objects.all():
        organizers = Organizer.objects.filter(tasks__campaign=campaign).distinct()
        for organizer in [None, *organizers]:
            summary = summary_data(campaign, organizer)
            follow_ups = {row.label: row.count for row in summary.counts_by_type}["跟踪服务"]
            visits = summary.follow_up.enterprises if summary.follow_up else 0
            assert follow_ups == visits, (campaign.year, organizer)
            checked += follow_ups
    # both count the accepted follow-ups only: the demo's first follow-ups were reported and
    # accepted (their findings recorded, some verified), the others are still at work
    follow_ups = DiagnosisTask.objects.filter(diagnosis_type="follow_up")
    accepted = follow_ups.filter(state="accepted")
    assert accepted.count() == 6 and follow_ups.exclude(state="accepted").exists()
    assert checked == 2 * accepted.count()  # organizer + national: non-zero figures compared
    assert not accepted.filter(follow_up_records__isnull=True).exists()
    assert FollowUp.objects.filter(task__in=accepted, verified_at__isnull=False).exists()
    summary = summary_data(Campaign.objects.get(year=2021), None)
    assert summary.follow_up is not None and summary.follow_up.measures > 0


@pytest.fixture(scope="module")
def checked_reports(_seeded, django_db_blocker):
    """Every submitted report of the demo with its data checks' facts and findings, computed
    once for the module's two tests that read them (each computed them for all ~180 reports:
    the checks only read, and every test sees the same seeded rows)."""
    checked = []
    with django_db_blocker.unblock():
        for report in _reports_with_rows():
            rows = {
                "energy_rows": list(report.energy_uses.all()),
                "equipment_rows": list(report.equipment.all()),
                "measures": list(report.measures.all()),
            }
            facts = report_facts(report.task, report, rows)
            checked.append((report, facts, report_findings(report.task, report, rows)))
    return checked


def test_demo_measures_pass_the_data_checks(demo_output, checked_reports):
    """The demo's measures are plausible: paybacks of 1–8 years, savings within the
    enterprise's consumption, so no submitted report trips a payback or savings check."""
    paybacks = list(Measure.objects.values_list("payback_years", flat=True))
    assert paybacks and min(paybacks) >= 1 and max(paybacks) <= 8
    flagged = set()
    assert len(checked_reports) == _reports_with_rows().count()
    for _report, _facts, findings in checked_reports:
        flagged |= {finding.code for finding in findings}
    measure_checks = {"payback_technical", "payback_management", "savings_exceed", "savings_share"}
    assert not flagged & measure_checks


def test_demo_plans_have_completion_dates_and_done_organizers_hand_in_summaries(demo_output):
    """附件1 carries its 计划完成时间; the organizers whose 2021 work is done handed their 附件4
    in through the submission flow, so the national 附件4 gathers their text."""
    assert not PlanContent.objects.filter(completion_date__isnull=True).exists()
    c2021 = Campaign.objects.get(year=2021)
    handed_in = Submission.objects.filter(
        campaign=c2021,
        form=Form.SUMMARY,
        state__in=("submitted", "approved"),
        summary__isnull=False,
    )
    assert handed_in.count() == 3
    for submission in handed_in:
        assert submission.events.filter(
            action="submit", actor__organizer=submission.organizer_id
        ).exists()
        assert submission.submitted_at.year == 2021
    for submission in handed_in:  # their work is done: every 2021 task accepted, by them
        tasks = DiagnosisTask.objects.filter(campaign=c2021, organizer=submission.organizer_id)
        assert tasks.exists() and not tasks.exclude(state="accepted").exists()
        decided = Acceptance.objects.filter(report__task__in=tasks)
        assert not decided.exclude(decided_by__organizer=submission.organizer_id).exists()
    parts = [part for part in summary_data(c2021, None).organizer_parts if part.texts]
    assert len(parts) == 3 and all(part.enterprises and part.measures for part in parts)
    assert "共有3个组织单位报送了" in summary_data(c2021, None).overview


def _reports_with_rows():
    return DiagnosisReport.objects.filter(submitted_at__isnull=False).select_related(
        "task__campaign", "task__organizer", "task__enterprise", "task__industry"
    )


def test_demo_equipment_is_sized_to_each_enterprises_electricity(demo_output, checked_reports):
    """The key equipment of every demo report stays within the electricity the report declares
    (no equipment_balance warning, which would need a written reason before submitting), and
    lists a real part of it: sized per enterprise, not one fixed plant for all. No line is
    outside its grading table, and no submitted report trips any data check."""
    shares = []
    assert len(checked_reports) == _reports_with_rows().count()
    for report, facts, findings in checked_reports:
        assert findings == [], (report.pk, [(f.code, f.message) for f in findings])
        if not facts.equipment:  # a follow-up's report is its findings
            continue
        used = sum(
            (
                row.rating * row.count * row.annual_hours * (row.load_factor or 1)
                for row in facts.equipment
                if row.rating_unit == "kW" and row.equipment_type != "boiler"
            ),
            Decimal(0),
        )
        shares.append(used / facts.electricity_kwh)
    assert len(shares) > 100
    assert Decimal("0.05") < min(shares) and max(shares) <= 1
    # the sizes differ with the enterprise: small plants list small motors, large ones large
    ratings = set(Equipment.objects.filter(name="主传动电机").values_list("rating", flat=True))
    assert len(ratings) >= 5 and min(ratings) <= 30 and max(ratings) >= 400
    graded_types = Equipment.objects.exclude(equipment_type="kiln")
    assert not graded_types.filter(rating_status="no_table").exists()
    # a motor, pump or compressed-air measure saves at most a quarter of what that type uses
    electric = Measure.objects.filter(savings_kwh__gt=0).select_related("equipment")
    assert electric.exists() and not electric.filter(equipment__isnull=True).exists()
    for measure in electric:
        kind = measure.equipment.equipment_type
        used = sum(
            row.rating * row.count * row.annual_hours * (row.load_factor or 1)
            for row in measure.report.equipment.filter(equipment_type=kind)
        )
        assert measure.savings_kwh <= used / 4 + 1, measure.pk
    # the steam boilers burn a part of the coal the report declares (the rest is process fuel)
    for report in _reports_with_rows().filter(equipment__equipment_type="boiler").distinct():
        coal = report.energy_uses.get(carrier_code="raw_coal").tce
        boilers = report.equipment.filter(equipment_type="boiler")
        steam = sum(row.rating * row.count * row.annual_hours for row in boilers)
        burnt = steam * Decimal("0.116") * Decimal("0.70")  # tce at 80 % efficiency, 70 % load
        assert coal / 10 <= burnt <= coal * Decimal("0.7"), report.pk
    # every pump's rated point is one the loaded GB 19762 table grades
    pumps = Equipment.objects.filter(equipment_type="pump")
    assert pumps.exists() and not pumps.filter(rating_status="no_grading").exists()


def test_demo_products_are_sized_and_graded(demo_output):
    """Each report's product is its trade's, sized to the enterprise: its energy is a part of
    the report's, its output what that energy makes at the row's unit consumption; the key
    trades are graded against the loaded limit tables, with a mix of levels."""
    rows = ProductRow.objects.select_related("report__task__industry", "entry")
    assert rows.exists()
    for row in rows:
        # a follow-up's report has no energy rows: its product is sized to the 附件3 figure
        energy_tce = row.report.energy_tce or row.report.task.energy_tce
        assert energy_tce / 2 <= row.energy <= energy_tce, row.pk
        if row.entry is None:
            assert row.level == BenchmarkLevel.NO_TABLE
            continue
        # near its limit: from well ahead of it (leading) to somewhat over it
        assert row.unit_consumption is not None
        assert 75 <= row.unit_consumption * 100 / row.entry.limit_value <= 120, row.pk
    key = rows.filter(report__task__industry__key_sector__gt="")
    assert key.exists() and not key.filter(level=BenchmarkLevel.NO_TABLE).exists()
    graded = key.values_list("level", flat=True)
    assert set(graded) == set(BenchmarkLevel.values) - {BenchmarkLevel.NO_TABLE}
    # a blast furnace only at a works large enough to run one
    furnaces = rows.filter(product="高炉工序")
    assert furnaces.exists()
    assert all((r.report.energy_tce or r.report.task.energy_tce) >= 150_000 for r in furnaces)
    assert all(row.output >= 200_000 for row in furnaces)


def test_demo_submissions_are_dated_within_their_years_deadlines(demo_output):
    """A closed-in-time year's forms (2021) were handed in during 2021, on working days, by the
    notice's deadlines, with their events dated alike; just one form of the demo is late, two
    days after its deadline. The live year's forms are handed in on the seeding day."""
    c2021 = Campaign.objects.get(year=2021)
    submitted = Submission.objects.filter(campaign=c2021, submitted_at__isnull=False)
    assert submitted.count() > 20
    late = []
    for submission in submitted.select_related("organizer"):
        due = c2021.due_date(submission.form)
        day = timezone.localtime(submission.submitted_at).date()
        assert day.year == 2021 and is_working_day(day), (submission.organizer, day)
        assert submission.is_late == (day > due), (submission.organizer, submission.form)
        if submission.is_late:
            late.append((submission, day, due))
        events = submission.events.filter(action="submit")
        assert not events.exclude(created_at=submission.submitted_at).exists()
        if submission.approved_at:
            assert submission.approved_at > submission.submitted_at
            assert submission.approved_at.year == 2021
    assert len(late) == 1
    _, day, due = late[0]
    assert 0 < (day - due).days <= 7
    for code in ("130000", "370000"):  # the demo's Hebei and Shandong logins
        forms = submitted.filter(organizer__code=code, form__in=[1, 2, 3])
        assert forms.exists() and not forms.filter(is_late=True).exists()
    live = Campaign.objects.order_by("-year").first()
    assert live is not None and live.year > 2021
    for submission in Submission.objects.filter(campaign=live, submitted_at__isnull=False):
        assert not submission.is_late
        assert timezone.localtime(submission.submitted_at).date() == timezone.localdate()


def test_demo_history_years_are_dated_in_their_own_year(demo_output):
    """The 2019–2021 tasks' letters, publications, moves and decisions carry dates of their
    own year, in the order the work went: signed, published, reported, decided."""
    for year in (2019, 2020, 2021):
        events = TaskEvent.objects.filter(task__campaign__year=year)
        assert events.exists()
        assert not events.exclude(created_at__year=year).exists(), year
        decisions = Acceptance.objects.filter(report__task__campaign__year=year)
        assert decisions.exists() and not decisions.exclude(created_at__year=year).exists()
        letters = TaskLetter.objects.filter(campaign__year=year, signed_at__isnull=False)
        assert letters.exists() and not letters.exclude(signed_at__year=year).exists()
    for task in DiagnosisTask.objects.filter(campaign__year=2021, state="accepted")[:20]:
        moments = [e.created_at for e in task.events.order_by("created_at", "id")]
        actions = [e.action for e in task.events.order_by("created_at", "id")]
        assert actions == ["sign_letter", "publish", "submit_report", "accept"], task
        assert moments == sorted(moments) and len(set(moments)) == len(moments), task


def test_demo_reports_are_submitted_by_their_agencies(demo_output):
    """Each report's submission in a task's trail is by a staff account of the task's agency,
    and each other move by the role that makes it (the ministry publishes, organizers decide)."""
    submitted = TaskEvent.objects.filter(action="submit_report").select_related("actor", "task")
    assert submitted.count() > 100
    for event in submitted:
        assert event.actor.role == "agency", event
        assert event.actor.agency_id == event.task.agency_id, event
    publishers = TaskEvent.objects.filter(action="publish").values_list("actor__role", flat=True)
    assert set(publishers) == {"ministry"}
    deciders = TaskEvent.objects.filter(action__in=["accept", "return_report"])
    assert set(deciders.values_list("actor__role", flat=True)) == {"organizer"}


def test_demo_follow_up_moves_are_dated_around_their_report(demo_output):
    """A follow-up's findings are recorded before its report came in and verified after: the
    measure moves carry those dates, in the follow-up's own year, not the day of seeding."""
    from reports.models import MeasureEvent

    events = MeasureEvent.objects.filter(follow_up__isnull=False).select_related(
        "follow_up__task__campaign", "follow_up__task__report"
    )
    assert events.exists()
    for event in events:
        task = event.follow_up.task
        assert event.created_at.year == task.campaign.year, event
        submitted = task.report.submitted_at
        if event.action == "verify":
            assert event.created_at > submitted, event
        else:
            assert event.created_at < submitted, event


def test_demo_notices_carry_their_events_time_and_old_years_are_read(demo_output):
    """A notice of a form's move is dated at that move; the 2021 notices were read long ago, so
    only the live year's can be unread. (The seeding's notices are written once it commits, and
    dated after them: here the tests' transaction never commits, so they are written here.)"""
    from demo.seed.notices import seed_notice_dates
    from portal.models import Notice
    from provinces.models import SubmissionEvent

    ministry = User.objects.get(username="ministry")
    live = Campaign.objects.order_by("-year").first().year
    events = {
        year: SubmissionEvent.objects.filter(submission__campaign__year=year).first()
        for year in (2021, live)
    }
    notices = {
        year: Notice.objects.create(
            recipient=ministry,
            kind="submission_submitted",
            title=str(year),
            event_key=f"submission-event-{event.pk}",
        )
        for year, event in events.items()
    }
    seed_notice_dates()
    seed_notice_dates()  # idempotent
    for year, notice in notices.items():
        notice.refresh_from_db()
        assert notice.created_at == events[year].created_at, year
    assert notices[2021].read_at == notices[2021].created_at + dt.timedelta(days=1)
    assert notices[live].read_at is None
