"""seed_demo builds the whole demo programme and a second run changes nothing."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from enterprises.choices import TaskState
from enterprises.earlier import earlier_diagnoses_by_code
from enterprises.models import DiagnosisTask
from portal.models import Campaign, User


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"portal", "provinces", "agencies", "enterprises", "reports"}
    }


def test_seed_demo_twice_is_idempotent_and_prints_logins(db):
    """Running it twice neither fails nor adds rows; each role's login is printed."""
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    for username in ("ministry", "hebei", "agency", "enterprise"):
        assert f" {username} " in out.getvalue()
    assert set(User.objects.values_list("role", flat=True)) == {
        "ministry",
        "organizer",
        "agency",
        "enterprise",
    }


def test_seed_demo_has_three_campaigns_and_tasks_in_every_state(db):
    """Campaigns 2019–2021 with the notice's 2021 deadlines, and the live year after them;
    tasks in every state."""
    call_command("seed_demo", stdout=StringIO())
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
