"""plan_save: 附件1 with the campaign minimum (a warning with a reason) and optimistic locking."""

import pytest

from portal.errors import Conflict, DomainError
from provinces.choices import Form
from provinces.models import PlanContent
from provinces.services import plan_save, submission_submit
from tests.factories import OrganizerFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
FULL = {
    "key_industry": 150,
    "sme": 40,
    "key_equipment": 10,
    "regional": 5,
    "follow_up": 5,
    "agencies_planned": 4,
    "contact_name": "李科长",
    "contact_phone": "0311-1",
}


def test_first_save_creates_the_plan_and_its_submission(campaign, hebei, organizer_user):
    """The plan of the form-1 submission, version 1, with its total."""
    plan = plan_save(
        organizer=hebei, campaign=campaign, data=FULL, version=None, actor=organizer_user
    )
    assert plan.total == 210 and plan.version == 1
    assert plan.submission.form == Form.PLAN and plan.submission.organizer == hebei


def test_province_below_minimum_saves_a_draft_and_needs_the_reason_to_submit(
    campaign, hebei, organizer_user
):
    """原则上200家以上: a smaller draft saves; submitting it asks for the reason, then goes."""
    small = {**FULL, "key_industry": 50}
    plan = plan_save(
        organizer=hebei, campaign=campaign, data=small, version=None, actor=organizer_user
    )
    assert plan.total == 110 and plan.below_minimum_reason == ""
    with pytest.raises(DomainError) as exc:
        submission_submit(submission_id=plan.submission_id, actor=organizer_user)
    assert exc.value.field == "below_minimum_reason"
    plan_save(
        organizer=hebei,
        campaign=campaign,
        version=plan.version,
        actor=organizer_user,
        data={**small, "below_minimum_reason": "本省重点用能企业数量较少"},
    )
    submitted = submission_submit(submission_id=plan.submission_id, actor=organizer_user)
    assert submitted.state == "submitted"


def test_association_has_no_minimum(campaign):
    """Associations and groups are not held to the provincial minimum."""
    association = OrganizerFactory()
    plan = plan_save(
        organizer=association,
        campaign=campaign,
        data={"key_industry": 20},
        version=None,
        actor=None,
    )
    assert plan.total == 20


def test_stale_version_is_a_conflict(campaign, hebei, organizer_user):
    """Two officials: the second save based on the old version is refused, nothing lost."""
    plan = plan_save(
        organizer=hebei, campaign=campaign, data=FULL, version=None, actor=organizer_user
    )
    plan_save(
        organizer=hebei,
        campaign=campaign,
        data={**FULL, "sme": 60},
        version=1,
        actor=organizer_user,
    )
    with pytest.raises(Conflict):
        plan_save(
            organizer=hebei,
            campaign=campaign,
            data={**FULL, "sme": 10},
            version=1,
            actor=organizer_user,
        )
    plan.refresh_from_db()
    assert (plan.sme, plan.version) == (60, 2)


def test_submitted_plan_is_locked(campaign, hebei, organizer_user):
    """Once submitted the plan cannot be saved."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=1, submitted=True)
    with pytest.raises(DomainError):
        plan_save(organizer=hebei, campaign=campaign, data=FULL, version=None, actor=organizer_user)


def test_empty_plan_cannot_be_submitted(campaign, hebei, organizer_user):
    """附件1 is submitted with its content."""
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=1)
    with pytest.raises(DomainError):
        submission_submit(submission_id=submission.pk, actor=organizer_user)
    PlanContent.objects.create(submission=submission, **FULL)
    assert submission_submit(submission_id=submission.pk, actor=organizer_user).state == "submitted"
