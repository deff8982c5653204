"""附件3 waits for signed task letters: the refusal names the letter and its enterprises, a
signed letter's tasks never stay "matched"; associations and groups list without letters unless
the campaign asks their kind for them."""

import importlib

import pytest
from django.apps import apps

from enterprises.choices import LetterState, TaskState
from enterprises.models import TaskEvent, TaskLetter
from enterprises.services import letter_issue, letter_sign, letters_sync
from enterprises.services.publishing import published_list_publish
from portal import campaign_data
from portal.choices import Role
from portal.errors import DomainError
from provinces.choices import OrganizerKind, SubmissionState
from provinces.models import Submission
from provinces.services import submission_submit
from tests.enterprises.workflow_helpers import PDF, upload
from tests.factories import OrganizerFactory, SubmissionFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db
repair = importlib.import_module("enterprises.migrations.0009_signed_letters_move_their_tasks")


def _list(campaign, organizer, agency, names):
    tasks = [
        TaskFactory(campaign=campaign, organizer=organizer, agency=agency, enterprise_name=n, seq=i)
        for i, n in enumerate(names, 1)
    ]
    letters_sync(campaign=campaign, organizer=organizer)
    return tasks, TaskLetter.objects.get(campaign=campaign, organizer=organizer, agency=agency)


def test_the_refusal_names_the_letter_and_its_enterprises(campaign, hebei, agency, organizer_user):
    """No more "尚未签署：—": the letter's number, its agency and the enterprises waiting."""
    _tasks, letter = _list(campaign, hebei, agency, ["甲钢铁", "乙水泥"])
    letter = letter_issue(letter_id=letter.pk, actor=organizer_user)
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    with pytest.raises(DomainError) as exc:
        submission_submit(submission_id=submission.pk, actor=organizer_user)
    message = str(exc.value.message)
    assert letter.reference in message and agency.name in message
    assert "甲钢铁" in message and "乙水泥" in message and "—" not in message


def test_tasks_left_matched_under_a_signed_letter_are_named_and_signing_again_moves_them(
    campaign, hebei, agency, organizer_user
):
    """The dead end of the demo data: every letter 已签署, tasks 已匹配机构. The refusal says
    which enterprises and how to go on; uploading the scan again moves them and 附件3 goes."""
    tasks, letter = _list(campaign, hebei, agency, ["甲钢铁", "乙水泥"])
    TaskLetter.objects.filter(pk=letter.pk).update(state=LetterState.SIGNED)
    type(tasks[0]).objects.filter(pk=tasks[0].pk).update(state=TaskState.LETTER_SIGNED)
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    with pytest.raises(DomainError) as exc:
        submission_submit(submission_id=submission.pk, actor=organizer_user)
    message = str(exc.value.message)
    assert "乙水泥" in message and "甲钢铁" not in message and agency.name in message
    letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", PDF), actor=organizer_user)
    assert submission_submit(submission_id=submission.pk, actor=organizer_user).state == "submitted"


def test_the_data_migration_moves_the_tasks_of_signed_letters_only(
    campaign, hebei, shandong, agency
):
    """Signed letter: its matched tasks move, each with a sign_letter event. A draft letter's
    tasks and another organizer's stay as they are."""
    signer = UserFactory()
    signed_tasks, letter = _list(campaign, hebei, agency, ["甲", "乙"])
    TaskLetter.objects.filter(pk=letter.pk).update(state=LetterState.SIGNED, signed_by=signer)
    draft_tasks, _draft = _list(campaign, shandong, agency, ["丙"])
    repair.forwards(apps, None)
    for task in signed_tasks:
        task.refresh_from_db()
        assert task.state == TaskState.LETTER_SIGNED
        event = TaskEvent.objects.get(task=task)
        assert (event.action, event.from_state, event.actor) == ("sign_letter", "matched", signer)
    draft_tasks[0].refresh_from_db()
    assert draft_tasks[0].state == TaskState.MATCHED
    repair.forwards(apps, None)  # safe to run twice
    assert TaskEvent.objects.count() == 2


def test_an_association_lists_without_letters_and_is_published_from_matched(
    campaign, hebei, agency, organizer_user, ministry_user
):
    """The notice: associations and groups owe 附件3 without task letters. Their list goes in
    with its tasks "matched" and publishing puts them on the national list; a province's
    matched tasks (letter not signed) stay off it."""
    association = OrganizerFactory()
    official = UserFactory(role=Role.ORGANIZER, organizer=association)
    _list(campaign, association, agency, ["协会企业"])
    submission = SubmissionFactory(campaign=campaign, organizer=association, form=3)
    assert submission_submit(submission_id=submission.pk, actor=official).state == "submitted"
    Submission.objects.filter(pk=submission.pk).update(state=SubmissionState.APPROVED)
    province_tasks, _letter = _list(campaign, hebei, agency, ["省内企业"])
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, state=SubmissionState.APPROVED)
    published = published_list_publish(campaign=campaign, actor=ministry_user)
    assert list(published.entries.values_list("enterprise_name", flat=True)) == ["协会企业"]
    assert set(association.tasks.values_list("state", flat=True)) == {TaskState.PUBLISHED}
    province_tasks[0].refresh_from_db()
    assert province_tasks[0].state == TaskState.MATCHED


def test_a_campaign_that_asks_associations_for_letters_holds_them_to_it(campaign, agency):
    """The ministry's set-up decides: with "signs task letters" ticked for associations, the
    same guard as a province's applies, lifted by signing."""
    obligations = campaign_data.default_obligations()
    obligations[OrganizerKind.ASSOCIATION]["task_letters"] = True
    type(campaign).objects.filter(pk=campaign.pk).update(obligations=obligations)
    campaign.refresh_from_db()
    association = OrganizerFactory()
    official = UserFactory(role=Role.ORGANIZER, organizer=association)
    _tasks, letter = _list(campaign, association, agency, ["协会企业"])
    submission = SubmissionFactory(campaign=campaign, organizer=association, form=3)
    with pytest.raises(DomainError) as exc:
        submission_submit(submission_id=submission.pk, actor=official)
    assert "协会企业" in str(exc.value.message)
    letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", PDF), actor=official)
    assert submission_submit(submission_id=submission.pk, actor=official).state == "submitted"
