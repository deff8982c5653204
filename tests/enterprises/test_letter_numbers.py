"""Task letter numbers: 1, 2, 3… per organizer and campaign, given when a letter is first issued
(generated or signed), never changed, never reused, without gaps; and the names it keeps."""

import importlib
import threading

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, connection, transaction

from agencies.models import Agency
from enterprises.models import DiagnosisTask, LetterCounter, TaskLetter
from enterprises.services import letter_issue, letter_request_document, letter_sign, letters_sync
from portal.choices import CampaignState
from portal.models import AuditLog
from portal.uploads import UploadError
from provinces.models import Organizer
from reports.documents.selectors.letters import task_letter_data
from tests.enterprises.workflow_helpers import PDF, upload
from tests.factories import AgencyFactory, CampaignFactory, TaskFactory, TaskLetterFactory

pytestmark = pytest.mark.django_db


def _letters(campaign, organizer, count: int) -> list[TaskLetter]:
    """`count` agencies on the organizer's list, hence `count` draft letters (not issued)."""
    for _n in range(count):
        TaskFactory(campaign=campaign, organizer=organizer, agency=AgencyFactory())
    letters_sync(campaign=campaign, organizer=organizer)
    return list(TaskLetter.objects.filter(campaign=campaign, organizer=organizer).order_by("id"))


def _issue(letter, user) -> TaskLetter:
    return letter_issue(letter_id=letter.pk, actor=user)


def test_a_new_letter_has_no_number_until_it_is_issued(campaign, hebei):
    """letters_sync creates drafts without a number; the page shows "not issued yet"."""
    (letter,) = _letters(campaign, hebei, 1)
    assert letter.number is None and letter.reference == ""


def test_numbers_run_from_one_in_the_order_letters_are_issued(campaign, hebei, organizer_user):
    """Issued in the order 3rd, 1st, 2nd: numbers 1, 2, 3, printed 2021-130000-0001…"""
    first, second, third = _letters(campaign, hebei, 3)
    assert [_issue(x, organizer_user).number for x in (third, first, second)] == [1, 2, 3]
    third.refresh_from_db()
    assert third.reference == "2021-130000-0001"
    assert LetterCounter.objects.get(campaign=campaign, organizer=hebei).last == 3


def test_issuing_again_keeps_the_number(campaign, hebei, organizer_user):
    """Generating the letter a second time (or signing it after) gives no new number."""
    (letter,) = _letters(campaign, hebei, 1)
    assert _issue(letter, organizer_user).number == 1
    assert _issue(letter, organizer_user).number == 1
    assert LetterCounter.objects.get().last == 1
    assert AuditLog.objects.filter(action="letter.issue").count() == 1


def test_two_organizers_interleaving_each_count_from_one(
    campaign, hebei, shandong, organizer_user, other_organizer_user
):
    """Hebei and Shandong issuing turn about: each has 1, 2, 3 of its own."""
    ours, theirs = _letters(campaign, hebei, 3), _letters(campaign, shandong, 3)
    for mine, other in zip(ours, theirs, strict=True):
        _issue(mine, organizer_user)
        _issue(other, other_organizer_user)
    for organizer in (hebei, shandong):
        numbers = TaskLetter.objects.filter(organizer=organizer).values_list("number", flat=True)
        assert sorted(numbers) == [1, 2, 3]


def test_each_campaign_counts_from_one(campaign, hebei, organizer_user):
    """The same organizer's letters of another year start again at 1."""
    later = CampaignFactory(year=2022)
    _issue(_letters(campaign, hebei, 1)[0], organizer_user)
    (letter,) = _letters(later, hebei, 1)
    assert _issue(letter, organizer_user).reference == "2022-130000-0001"


def test_a_deleted_draft_that_was_never_issued_leaves_no_gap(campaign, hebei, organizer_user):
    """The agency leaves the list before its letter was issued: the letter goes, and the next
    letter issued takes the next number (no number was ever given to the deleted one)."""
    first, dropped, last = _letters(campaign, hebei, 3)
    _issue(first, organizer_user)
    DiagnosisTask.objects.filter(agency_id=dropped.agency_id).delete()
    letters_sync(campaign=campaign, organizer=hebei)
    assert not TaskLetter.objects.filter(pk=dropped.pk).exists()
    assert _issue(last, organizer_user).number == 2


def test_an_issued_draft_is_kept_with_its_number_when_its_agency_leaves(
    campaign, hebei, organizer_user
):
    """An issued letter is never deleted: it stays, covering no enterprise, and the agency
    that comes back finds the same letter with the same number."""
    first, second = _letters(campaign, hebei, 2)
    _issue(first, organizer_user)
    _issue(second, organizer_user)
    DiagnosisTask.objects.filter(agency_id=first.agency_id).delete()
    letters_sync(campaign=campaign, organizer=hebei)
    first.refresh_from_db()
    assert first.number == 1
    TaskFactory(campaign=campaign, organizer=hebei, agency=first.agency)
    letters_sync(campaign=campaign, organizer=hebei)
    assert TaskLetter.objects.get(agency=first.agency).number == 1
    numbers = TaskLetter.objects.values_list("number", flat=True)
    assert sorted(numbers) == [1, 2]


def test_generating_the_letter_issues_it(campaign, hebei, organizer_user):
    """Asking for the Word file numbers the letter and keeps both parties' names."""
    (letter,) = _letters(campaign, hebei, 1)
    letter_request_document(letter=letter, fmt="docx", actor=organizer_user)
    letter.refresh_from_db()
    assert letter.number == 1
    assert letter.organizer_name == "河北省工业和信息化厅"
    assert letter.agency_name == letter.agency.name
    assert letter.agency_credit_code == letter.agency.credit_code


def test_signing_issues_the_letter_and_a_refused_scan_issues_nothing(
    campaign, hebei, agency_user, agency
):
    """A refused scan leaves the letter unnumbered (one transaction); a good one numbers it."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    letter = TaskLetter.objects.get()
    with pytest.raises(UploadError):
        letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", b"no pdf"), actor=agency_user)
    letter.refresh_from_db()
    assert letter.number is None and not LetterCounter.objects.filter(last__gt=0).exists()
    signed = letter_sign(letter_id=letter.pk, scan=upload("scan.pdf", PDF), actor=agency_user)
    signed.refresh_from_db()
    assert signed.number == 1 and signed.organizer_name == "河北省工业和信息化厅"


def test_a_closed_year_issues_no_new_number(campaign, hebei, organizer_user):
    """No write into a closed campaign: a never-issued letter stays unnumbered."""
    (letter,) = _letters(campaign, hebei, 1)
    type(campaign).objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)
    assert _issue(letter, organizer_user).number is None


def test_renaming_later_changes_no_issued_letter(campaign, hebei, organizer_user):
    """Generated and signed letters keep 甲方, 乙方 and the number they were issued with;
    a letter not issued yet prints the new names."""
    issued, signed, fresh = _letters(campaign, hebei, 3)
    _issue(issued, organizer_user)
    _issue(signed, organizer_user)
    TaskLetter.objects.filter(pk=signed.pk).update(state="signed")
    old_agency = issued.agency.name
    Organizer.objects.filter(pk=hebei.pk).update(department="河北省工业和信息化厅（新）")
    Agency.objects.filter(pk=issued.agency_id).update(name="改名后的机构有限公司")
    for letter in (issued, signed):
        data = task_letter_data(TaskLetter.objects.get(pk=letter.pk))
        assert data.organizer_name == "河北省工业和信息化厅"
    kept = task_letter_data(TaskLetter.objects.get(pk=issued.pk))
    assert kept.agency_name == old_agency and kept.letter_number == "2021-130000-0001"
    new = task_letter_data(TaskLetter.objects.get(pk=fresh.pk))
    assert new.organizer_name == "河北省工业和信息化厅（新）" and new.letter_number == ""


def test_the_backfill_numbers_existing_letters_per_organizer_and_year_in_id_order(
    campaign, hebei, shandong
):
    """The migration's backfill: 1, 2… per organizer and campaign by id, counters set."""
    backfill = importlib.import_module(
        "enterprises.migrations.0007_backfill_letter_numbers"
    ).backfill
    letters = [
        TaskLetterFactory(campaign=campaign, organizer=organizer)
        for organizer in (hebei, shandong, hebei, hebei, shandong)
    ]
    backfill(django_apps, None)
    numbers = [TaskLetter.objects.get(pk=x.pk).number for x in letters]
    assert numbers == [1, 1, 2, 3, 2]
    assert LetterCounter.objects.get(organizer=hebei).last == 3
    assert TaskLetter.objects.get(pk=letters[1].pk).organizer_name == "山东省工业和信息化厅"


def test_the_database_refuses_two_letters_with_one_number(campaign, hebei):
    """The unique constraint is the last guard behind the counter."""
    TaskLetterFactory(campaign=campaign, organizer=hebei, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskLetterFactory(campaign=campaign, organizer=hebei, number=1)


@pytest.mark.django_db(transaction=True)
def test_letters_issued_at_the_same_instant_get_distinct_numbers(
    reference_data, campaign, hebei, organizer_user
):
    """PostgreSQL: eight letters issued by eight threads at once: 1…8, none twice."""
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's row locks (set DATABASE_URL)")
    letters = _letters(campaign, hebei, 8)
    barrier = threading.Barrier(len(letters))

    def issue(letter):
        try:
            barrier.wait(timeout=10)
            letter_issue(letter_id=letter.pk, actor=organizer_user)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(x,)) for x in letters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    numbers = TaskLetter.objects.filter(organizer=hebei).values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, 9))
