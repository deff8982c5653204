"""National progress: planned vs listed vs published vs reported vs accepted, with breakdowns."""

import pytest
from django.utils import timezone

from enterprises.models import Industry
from provinces.models import PlanContent
from reports.dashboard.selectors.agencies import dashboard_agencies
from reports.dashboard.selectors.matrix import organizers_for
from reports.dashboard.selectors.progress import dashboard_progress
from tests.factories import AgencyFactory, EnterpriseFactory, SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _progress(user, campaign):
    return dashboard_progress(user, campaign, organizers=organizers_for(user))


def _tasks(campaign, organizer, **states):
    for state, n in states.items():
        for _ in range(n):
            TaskFactory(campaign=campaign, organizer=organizer, state=state)


def test_stages_count_every_task_that_reached_them(ministry_user, campaign, hebei):
    """A returned report counts as reported and published; matched only as listed."""
    _tasks(campaign, hebei, matched=2, published=1, returned=1, accepted=3)
    total = _progress(ministry_user, campaign).total
    assert (total.listed, total.published, total.reported, total.accepted) == (7, 5, 4, 3)
    assert total.accepted_percent == 43


def test_planned_comes_from_submitted_plans_only(ministry_user, campaign, hebei, shandong):
    """附件1 counts by type add up; a plan still in draft is not counted."""
    sent = SubmissionFactory(
        organizer=hebei, campaign=campaign, form=1, submitted=True, submitted_at=timezone.now()
    )
    PlanContent.objects.create(submission=sent, key_industry=150, sme=60, follow_up=10)
    draft = SubmissionFactory(organizer=shandong, campaign=campaign, form=1)
    PlanContent.objects.create(submission=draft, key_industry=500)
    progress = _progress(ministry_user, campaign)
    assert progress.total.planned == 220
    by_type = {row.key: row.planned for row in progress.by_type}
    assert by_type == {
        "key_industry": 150,
        "sme": 60,
        "key_equipment": 0,
        "regional": 0,
        "follow_up": 10,
    }


def test_industries_are_the_five_key_sectors_and_the_rest(ministry_user, campaign, hebei):
    """Steel counts under 钢铁; a textile mill under the other industries."""
    TaskFactory(campaign=campaign, organizer=hebei)
    textile = EnterpriseFactory(industry=Industry.objects.get(pk="C17"))
    TaskFactory(campaign=campaign, organizer=hebei, enterprise=textile, diagnosis_type="sme")
    sectors = {row.key: row.listed for row in _progress(ministry_user, campaign).by_sector}
    assert sectors["钢铁"] == 1
    assert sectors["other"] == 1
    assert list(sectors) == ["钢铁", "有色", "石化", "化工", "建材", "other"]


def test_organizer_sees_only_its_own_figures(organizer_user, campaign, hebei, shandong):
    """Hebei's staff see Hebei's tasks and none of Shandong's."""
    _tasks(campaign, hebei, accepted=2)
    _tasks(campaign, shandong, accepted=5)
    progress = _progress(organizer_user, campaign)
    assert progress.total.accepted == 2
    assert [row.key for row in progress.by_organizer] == ["130000"]


def test_agency_progress_lists_each_agency_of_the_organizer(organizer_user, campaign, hebei):
    """Per agency: listed, accepted, and reports outstanding (published or sent back)."""
    first, second = AgencyFactory(name="甲机构"), AgencyFactory(name="乙机构")
    for state in ("published", "returned", "accepted"):
        TaskFactory(campaign=campaign, organizer=hebei, agency=first, state=state)
    TaskFactory(campaign=campaign, organizer=hebei, agency=second, state="matched")
    rows = dashboard_agencies(organizer_user, campaign, organizer_ids=[hebei.pk])
    assert sorted((r.label, r.listed, r.accepted, r.outstanding) for r in rows) == [
        ("乙机构", 1, 0, 0),
        ("甲机构", 3, 1, 2),
    ]
