"""Issuing a task letter (任务书): its number and the names it prints, given once.

A letter is issued the first time it is generated (Word or PDF) or signed. Issuing takes the
organizer's next number for the campaign from its `LetterCounter` row under a row lock
(`select_for_update`; SQLite's IMMEDIATE transactions serialise the same way), so numbers run
1, 2, 3… per organizer and campaign without a gap or a duplicate, whatever the interleaving.
A draft that was never issued holds no number, so deleting it leaves no gap; an issued letter is
never deleted (`letters_sync`) and keeps its number. The names of both parties are copied onto
the letter at the same moment: renaming a department or an agency later changes no letter
already generated or signed.
"""

from django.db import transaction
from django.utils import timezone

from enterprises.models import LetterCounter, TaskLetter
from portal.audit import audit_record
from portal.campaigns import campaign_is_open

ISSUE_FIELDS = [
    "number",
    "issued_at",
    "organizer_name",
    "agency_name",
    "agency_credit_code",
    "updated_at",
]


def letter_number_next(*, campaign_id: int, organizer_id: int) -> int:
    """The organizer's next letter number in the campaign (call inside a transaction)."""
    counter, _created = LetterCounter.objects.select_for_update().get_or_create(
        campaign_id=campaign_id, organizer_id=organizer_id
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def letter_issue(*, letter_id: int, actor, request=None) -> TaskLetter:
    """Number the letter and keep its parties' names, unless it is issued already.

    A letter of a closed campaign that was never issued stays so (no write into a closed
    year); it is rendered with the names of today and no number.
    """
    letter = (
        TaskLetter.objects.select_for_update(of=("self",))
        .select_related("campaign", "organizer", "agency")
        .get(pk=letter_id)
    )
    if letter.number is not None or not campaign_is_open(letter.campaign):
        return letter
    letter.number = letter_number_next(
        campaign_id=letter.campaign_id, organizer_id=letter.organizer_id
    )
    letter.issued_at = timezone.now()
    letter.organizer_name = letter.organizer.official_name
    letter.agency_name = letter.agency.name
    letter.agency_credit_code = letter.agency.credit_code
    letter.save(update_fields=ISSUE_FIELDS)
    audit_record(
        actor=actor,
        action="letter.issue",
        obj=letter,
        organizer=letter.organizer,
        request=request,
        summary=f"{letter.reference}: {letter.organizer_name} / {letter.agency_name}",
    )
    return letter
