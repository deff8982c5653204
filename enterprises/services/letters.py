"""Task letters (任务书): one per organizer and agency on the intent list, generated as Word
and PDF by the documents jobs, signed by uploading the scan; 附件3 waits for every signature."""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from enterprises.uploads import check_upload
from portal.audit import audit_record
from portal.choices import DocumentKind
from portal.errors import DomainError
from portal.jobs import REGISTRY, document_job_request
from provinces.choices import Form
from provinces.services import SUBMIT_GUARDS

from .moves import tasks_move_bulk

SCAN_KINDS = ("pdf", "jpeg", "png")
LETTER_KINDS = {"pdf": DocumentKind.TASK_LETTER_PDF, "docx": DocumentKind.TASK_LETTER_DOCX}


def letters_sync(*, campaign, organizer, grown: set[int] = frozenset()) -> list[TaskLetter]:
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
    TaskLetter.objects.filter(
        campaign=campaign, organizer=organizer, state=LetterState.DRAFT
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
    return document_job_request(
        actor=actor,
        kind=kind,
        campaign=letter.campaign,
        organizer=letter.organizer,
        agency=letter.agency,
        params={"letter_id": letter.pk},
        request=request,
    )


@transaction.atomic
def letter_sign(*, letter_id: int, scan, actor, request=None) -> TaskLetter:
    """Store the signed scan (checked by content) and move the letter's tasks to signed."""
    kind = check_upload(scan, allowed=SCAN_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES)
    letter = (
        TaskLetter.objects.select_for_update()
        .select_related("campaign", "organizer", "agency")
        .get(pk=letter_id)
    )
    tasks = letter_tasks(letter)
    if not tasks.exists():
        raise DomainError(_("This letter covers no enterprise any more."))
    old_name = letter.signed_scan.name
    letter.signed_scan.save(f"{uuid.uuid4().hex}.{kind.extension}", scan, save=False)
    letter.state, letter.signed_at, letter.signed_by = LetterState.SIGNED, timezone.now(), actor
    letter.save()
    moved = tasks_move_bulk(tasks.filter(state=TaskState.MATCHED), "sign_letter", actor=actor)
    if old_name and old_name != letter.signed_scan.name:
        storage = letter.signed_scan.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    audit_record(
        actor=actor,
        action="letter.sign",
        obj=letter,
        organizer=letter.organizer,
        request=request,
        summary=f"{letter.agency.name}: {moved}",
    )
    return letter


def _letters_signed(submission) -> None:
    """附件3 is submitted with signed task letters (notice: 任务书签订后报送意向企业名单)."""
    tasks = DiagnosisTask.objects.filter(
        campaign_id=submission.campaign_id, organizer_id=submission.organizer_id
    )
    if not tasks.exists():
        raise DomainError(_("The intent list has no enterprise yet."))
    unsigned = (
        TaskLetter.objects.filter(
            campaign_id=submission.campaign_id,
            organizer_id=submission.organizer_id,
            state=LetterState.DRAFT,
            agency_id__in=tasks.values("agency_id"),
        )
        .select_related("agency")
        .order_by("agency__name")
    )
    names = [letter.agency.name for letter in unsigned]
    if names or tasks.filter(state=TaskState.MATCHED).exists():
        raise DomainError(
            _("The task letters with these agencies are not signed yet: %(names)s.")
            % {"names": "、".join(names) or "—"}
        )


SUBMIT_GUARDS[Form.INTENT].append(_letters_signed)
