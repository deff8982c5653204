"""seed_demo builds a year in progress relative to the day it runs, on any date."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Recommendation
from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from portal.models import Campaign, User
from portal.selectors import campaign_current
from provinces.models import Submission
from reports.models import DiagnosisReport

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _state(year: int, code: str, form: int) -> str:
    return Submission.objects.get(campaign__year=year, organizer__code=code, form=form).state


@pytest.mark.parametrize(
    ("today", "year"), [(dt.date(2026, 12, 3), 2026), (dt.date(2031, 3, 15), 2031)]
)
def test_the_live_year_is_in_progress_on_any_date(today, year, client):
    moment = dt.datetime.combine(today, dt.time(9), tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        call_command("seed_demo", stdout=StringIO())
        live = Campaign.objects.get(year=year)
        assert campaign_current() == live
        assert live.is_open
        assert min(live.plan_due, live.recommendation_due, live.intent_due) > today
        assert live.summary_due > live.intent_due
        # 2021 stays the notice's year
        c2021 = Campaign.objects.get(year=2021)
        assert (str(c2021.plan_due), str(c2021.summary_due)) == ("2021-05-31", "2021-11-15")
        # organizers at different steps
        assert _state(year, "370000", 1) == "draft"
        assert _state(year, "370000", 2) == "returned"
        assert _state(year, "370000", 3) == "draft"
        assert TaskLetter.objects.filter(
            campaign=live, organizer__code="370000", state=LetterState.DRAFT
        ).exists()
        assert [_state(year, "130000", f) for f in (1, 2, 3)] == ["approved"] * 3
        reported = DiagnosisReport.objects.filter(
            task__campaign=live, task__state=TaskState.REPORTED
        )
        waiting_enterprise = reported.filter(feedback__isnull=True)
        assert waiting_enterprise.filter(
            task__enterprise=User.objects.get(username="enterprise").enterprise
        ).exists()
        assert reported.filter(feedback__isnull=False).exists()  # waiting for acceptance
        assert not Recommendation.objects.filter(
            campaign=live, organizer__code="ASSOC-CISA"
        ).exists()
        # a second run changes nothing
        counts = (DiagnosisTask.objects.count(), Submission.objects.count())
        call_command("seed_demo", stdout=StringIO())
        assert (DiagnosisTask.objects.count(), Submission.objects.count()) == counts
        # the demo organizer sees the live year by default, nothing overdue
        client.force_login(
            User.objects.get(username="shandong"),
            backend="portal.security.backends.TenantModelBackend",
        )
        page = client.get(reverse("provinces:submission-list"))
        assert page.context["campaign"] == live
        assert all((r["deadline"]["days_left"] or 0) >= 0 for r in page.context["rows"])
