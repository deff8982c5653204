"""Scoping of reports and their rows: the task's tenants only, drafts for the agency only."""

import pytest

from portal.scoping import scope
from reports.models import DiagnosisReport, EnergyUse, Equipment, Feedback, FollowUp, Measure
from tests.reports.reporting import fill_report, published_task, rate, submitted_task

MODELS = [DiagnosisReport, EnergyUse, Equipment, Measure]


@pytest.fixture
def draft(agency_user, enterprise, campaign):
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    fill_report(task, agency_user)
    return task


@pytest.mark.parametrize("model", MODELS)
def test_draft_is_seen_by_its_agency_only(
    model, draft, agency_user, organizer_user, enterprise_user, other_agency_user
):
    """Before submission only the task's agency sees the report and its rows."""
    assert scope(model.objects.all(), agency_user).exists()
    for user in (organizer_user, enterprise_user, other_agency_user):
        assert not scope(model.objects.all(), user).exists()


@pytest.mark.parametrize("model", MODELS)
def test_submitted_report_is_seen_by_its_tenants_only(
    model,
    agency_user,
    organizer_user,
    enterprise_user,
    other_agency_user,
    other_organizer_user,
    other_enterprise_user,
    enterprise,
    campaign,
):
    """Once submitted: its agency, organizer and enterprise; never the other tenants."""
    submitted_task(agency_user, enterprise=enterprise, campaign=campaign)
    for user in (agency_user, organizer_user, enterprise_user):
        assert scope(model.objects.all(), user).exists()
    for user in (other_agency_user, other_organizer_user, other_enterprise_user):
        assert not scope(model.objects.all(), user).exists()


def test_feedback_is_scoped_like_its_report(
    agency_user, enterprise_user, other_agency_user, enterprise, campaign
):
    """The rating is visible to the agency it rates, not to another agency."""
    task = submitted_task(agency_user, enterprise=enterprise, campaign=campaign)
    rate(task, enterprise_user)
    assert scope(Feedback.objects.all(), agency_user).count() == 1
    assert not scope(Feedback.objects.all(), other_agency_user).exists()


def test_follow_up_records_belong_to_the_follow_up_task(
    agency_user, other_agency_user, organizer_user
):
    """Records are the later task's: its agency and organizer see them."""
    from reports.follow_up.services import follow_up_save
    from tests.reports.reporting import follow_up_pair

    earlier, later = follow_up_pair(agency_user.agency)
    measure = Measure.objects.filter(report__task=earlier).first()
    follow_up_save(task_id=later.pk, measure_id=measure.pk, actor=agency_user, data={})
    assert scope(FollowUp.objects.all(), agency_user).count() == 1
    assert scope(FollowUp.objects.all(), organizer_user).count() == 1
    assert not scope(FollowUp.objects.all(), other_agency_user).exists()
