"""Task letters (任务书): one per organizer and agency on the intent list, generated as Word
and PDF by the documents jobs, signed by uploading the scan; 附件3 waits for every signature.

A letter is part of its 附件3: it is signed (or its scan replaced) by the organizer or the agency
while the campaign is open and 附件3 is a draft or returned. Once 附件3 is submitted or approved
(and its tasks published) the scan is locked; to replace it the ministry reopens 附件3 (a
commented move on the submission). Every replacement is audited with the old file's name, and
the old file stays in storage.
"""

import uuid
from collections.abc import Set as AbstractSet

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from enterprises.notices import letter_ready_notify, letter_signed_notify
from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.choices import LETTER_KINDS, Role
from portal.errors import DomainError, InvalidMove
from portal.jobs.registry import REGISTRY
from portal.jobs.service import document_job_request
from portal.notifications.service import notify_on_commit
from portal.scoping import get_scoped_or_404
from portal.uploads import SCAN_TYPES, check_upload
from provinces.choices import Form
from provinces.models import Submission

from .letter_numbers import letter_issue
from .moves import tasks_move_bulk

# Who signs: the organizer's staff or the agency's (SPEC §5); the ministry reviews, never signs.
SIGNERS = frozenset({Role.ORGANIZER, Role.AGENCY})


def letters_sync(*, campaign, organizer, grown: AbstractSet[int] = frozenset()) -> list[TaskLetter]:
    """One letter per agency on the list; a signed letter whose agency got new enterprises
    must be signed again (returned). Draft letters of agencies no longer on the list go."""
    agency_ids = set(
        DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer)
        .values_list("agency_id", flat=True)
        .distinct()
    )
    letters = {
        lt.agency_id: lt for lt in TaskLetter.objects.filter(campaign=campaign, organizer=organizer)
    }
    TaskLetter.objects.bulk_create(
        [
            TaskLetter(campaign=campaign, organizer=organizer, agency_id=agency_id)
            for agency_id in sorted(agency_ids - set(letters))
        ]
    )
    reset = [lt for aid, lt in letters.items() if aid in grown and lt.state == LetterState.SIGNED]
    if reset:
        TaskLetter.objects.filter(pk__in=[lt.pk for lt in reset]).update(
            state=LetterState.DRAFT, signed_at=None, signed_by=None, updated_at=timezone.now()
        )
    # An issued letter keeps its number for good (gap-free numbering): only never-issued drafts go.
    TaskLetter.objects.filter(
        campaign=campaign, organizer=organizer, state=LetterState.DRAFT, number=None
    ).exclude(agency_id__in=agency_ids).delete()
    return reset


def letter_tasks(letter: TaskLetter):
    return DiagnosisTask.objects.filter(
        campaign_id=letter.campaign_id, organizer_id=letter.organizer_id, agency_id=letter.agency_id
    )


def letter_request_document(*, letter: TaskLetter, fmt: str, actor, request=None):
    """Ask a worker for the letter as "pdf" or "docx"; the job page shows its progress."""
    kind = LETTER_KINDS[fmt]
    if kind not in REGISTRY:
        raise DomainError(
            _(
                "Task letters cannot be generated yet on this server (no renderer "
                "is installed for them)."
            )
        )
    letter = letter_issue(letter_id=letter.pk, actor=actor, request=request)
    job = document_job_request(
        actor=actor,
        kind=kind,
        campaign=letter.campaign,
        organizer=letter.organizer,
        agency=letter.agency,
        params={"letter_id": letter.pk},
        request=request,
    )
    if actor.role == Role.ORGANIZER:  # the agency is asked to sign what its organizer made
        notify_on_commit(letter_ready_notify, letter_id=letter.pk)
    return job


def letter_sign_check(letter: TaskLetter, actor, *, lock: bool = False) -> None:
    """Why `actor` may not sign `letter` now (PermissionDenied or DomainError), else nothing.

    The page asks it to show or hide the upload form; `letter_sign` asks it under the locks.
    """
    if actor.role not in SIGNERS:
        raise PermissionDenied(_("Only the organizer or the agency of a task letter signs it."))
    campaign_require_open(letter.campaign)
    submissions = Submission.objects.filter(
        organizer_id=letter.organizer_id, campaign_id=letter.campaign_id, form=Form.INTENT
    )
    submission = (submissions.select_for_update() if lock else submissions).first()
    if submission is not None and not submission.is_editable:
        raise InvalidMove(
            _(
                "The intent list (Attachment 3) is %(state)s, so its task letters are locked: "
                "the signed scan cannot be replaced. The ministry can reopen the intent list."
            )
            % {"state": submission.get_state_display()}
        )


@transaction.atomic
def letter_sign(*, letter_id: int, scan, actor, request=None) -> TaskLetter:
    """Store the signed scan (checked by content) and move the letter's tasks to signed.

    Pages and the API both come here: the same roles, scoping (404) and locks. A scan that
    replaces an earlier one is audited with the old file's name, and the old file is kept.
    """
    if actor.role not in SIGNERS:
        raise PermissionDenied(_("Only the organizer or the agency of a task letter signs it."))
    queryset = TaskLetter.objects.select_for_update(of=("self",)).select_related(
        "campaign", "organizer", "agency"
    )
    letter = get_scoped_or_404(queryset, actor, pk=letter_id)
    letter_sign_check(letter, actor, lock=True)
    letter = letter_issue(letter_id=letter.pk, actor=actor, request=request)
    checked = check_upload(scan, allowed=SCAN_TYPES, field="scan")
    tasks = letter_tasks(letter)
    if not tasks.exists():
        raise DomainError(_("This letter covers no enterprise any more."))
    old_name = letter.signed_scan.name
    letter.signed_scan.save(f"{uuid.uuid4().hex}.{checked.kind.extension}", scan, save=False)
    letter.state, letter.signed_at, letter.signed_by = LetterState.SIGNED, timezone.now(), actor
    letter.save()
    moved = tasks_move_bulk(tasks.filter(state=TaskState.MATCHED), "sign_letter", actor=actor)
    audit_record(
        actor=actor,
        action="letter.sign",
        obj=letter,
        organizer=letter.organizer,
        request=request,
        summary=f"{letter.agency.name}: {moved}",
    )
    if old_name:
        # The replaced scan stays in storage: the audit row names it, so it can be found.
        audit_record(
            actor=actor,
            action="letter.replace_scan",
            obj=letter,
            organizer=letter.organizer,
            request=request,
            summary=f"{old_name} → {letter.signed_scan.name} (kept: {old_name})",
        )
    notify_on_commit(letter_signed_notify, letter_id=letter.pk, actor_role=actor.role)
    return letter


SHOWN_PER_LETTER = 5


def letters_require_signed(submission) -> None:
    """附件3 is submitted with signed task letters (notice: 任务书签订后报送意向企业名单).

    Refused while an agency's enterprises wait for their letter: a letter not signed yet (or
    reset by enterprises added to it), or a task still "matched" under a signed letter (the
    signed scan is then uploaded again, which moves it). The refusal names each letter and the
    enterprises concerned, so the organizer knows which letter to sign. Organizers whose kind
    signs no letters in this campaign (associations, groups) are not asked for any.
    """
    organizer = submission.organizer
    if not submission.campaign.signs_letters(organizer.kind):
        if not DiagnosisTask.objects.filter(
            campaign_id=submission.campaign_id, organizer_id=submission.organizer_id
        ).exists():
            raise DomainError(_("The intent list has no enterprise yet."))
        return
    tasks = DiagnosisTask.objects.filter(
        campaign_id=submission.campaign_id, organizer_id=submission.organizer_id
    )
    if not tasks.exists():
        raise DomainError(_("The intent list has no enterprise yet."))
    letters = {
        letter.agency_id: letter
        for letter in TaskLetter.objects.filter(
            campaign_id=submission.campaign_id, organizer_id=submission.organizer_id
        ).select_related("campaign", "organizer")
    }
    waiting: dict[int, list[str]] = {}
    agency_names: dict[int, str] = {}
    for agency_id, agency_name, state, name in tasks.order_by(
        "agency__name", "agency_id", "seq", "id"
    ).values_list("agency_id", "agency__name", "state", "enterprise_name"):
        letter = letters.get(agency_id)
        unsigned = letter is None or letter.state != LetterState.SIGNED
        if unsigned or state == TaskState.MATCHED:
            waiting.setdefault(agency_id, []).append(name)
            agency_names[agency_id] = agency_name
    if not waiting:
        return
    parts = []
    for agency_id, names in waiting.items():
        letter = letters.get(agency_id)
        shown = "、".join(names[:SHOWN_PER_LETTER])
        if len(names) > SHOWN_PER_LETTER:
            shown = _("%(names)s and %(more)d more") % {
                "names": shown,
                "more": len(names) - SHOWN_PER_LETTER,
            }
        values = {
            "letter": letter.reference if letter is not None and letter.reference else "",
            "agency": agency_names[agency_id],
            "names": shown,
        }
        if letter is not None and letter.state == LetterState.SIGNED:
            text = _(
                "task letter %(letter)s with %(agency)s is signed, but these enterprises were "
                "not moved to it: %(names)s (upload the signed scan again)"
            )
        elif values["letter"]:
            text = _("task letter %(letter)s with %(agency)s is not signed: %(names)s")
        else:
            text = _("the task letter with %(agency)s is not signed: %(names)s")
        parts.append(text % values)
    raise DomainError(
        _("Sign the task letters before submitting the intent list: %(letters)s.")
        % {"letters": "；".join(parts)}
    )
