"""Adding, changing and removing one enterprise of an intent list (附件3), by hand or by API."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from enterprises.earlier import previous_task_for, relink_refusal
from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.errors import DomainError
from portal.validators import validate_credit_code
from provinces.choices import Form
from provinces.services import submission_require_editable

from .letters import letters_sync
from .numbering import task_next_seq, tasks_renumber
from .registry import enterprise_for_listing
from .rules import AgencyResolver, elsewhere_message, row_rule_errors, tasks_elsewhere

# What the task holds of a 附件3 row: the listing, as its organizer declared it.
TASK_FIELDS = (
    "enterprise_name",
    "agency_id",
    "diagnosis_type",
    "city",
    "county",
    "industry_id",
    "energy_tce",
    "is_sme",
    "sme_class",
    "remarks",
    "previous_task_id",
)
EDITABLE_STATES = {TaskState.MATCHED, TaskState.LETTER_SIGNED}


@dataclass(frozen=True)
class TaskInput:
    """One 附件3 row as a page or the API gives it; `agency` is a name, `agency_id` wins."""

    enterprise_name: str
    credit_code: str
    city: str
    industry_code: str
    energy_tce: Decimal | None
    diagnosis_type: str
    is_sme: bool
    sme_class: str | None = None
    county: str = ""
    remarks: str = ""
    agency: str = ""
    agency_id: int | None = None


def task_values(row, agency_id: int, previous_task_id: int | None = None) -> dict:
    """The task's columns from one row; `previous_task_id` is the earlier diagnosis a 跟踪服务
    row follows up (None for every other type: changing the type away unlinks)."""
    return {
        "enterprise_name": row.enterprise_name,
        "agency_id": agency_id,
        "diagnosis_type": row.diagnosis_type,
        "city": row.city,
        "county": row.county or "",
        "industry_id": row.industry_code,
        "energy_tce": row.energy_tce,
        "is_sme": row.is_sme,
        "sme_class": row.sme_class or "",
        "remarks": row.remarks or "",
        "previous_task_id": previous_task_id,
    }


def _checked(
    data: TaskInput, *, campaign, organizer, task: DiagnosisTask | None
) -> tuple[str, int]:
    """The credit code and agency id of a valid row; DomainError naming the field otherwise."""
    try:
        code = validate_credit_code(data.credit_code)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="credit_code") from exc
    for field, reason in row_rule_errors(
        diagnosis_type=data.diagnosis_type,
        is_sme=data.is_sme,
        sme_class=data.sme_class,
        remarks=data.remarks,
        energy_tce=data.energy_tce,
    ):
        raise DomainError(reason, field=field)
    elsewhere = tasks_elsewhere(campaign=campaign, organizer=organizer, codes=[code])
    if elsewhere:
        raise DomainError(elsewhere_message(elsewhere[code]), field="credit_code")
    mine = DiagnosisTask.objects.filter(
        campaign=campaign, organizer=organizer, enterprise__credit_code=code
    )
    twin = (mine.exclude(pk=task.pk) if task else mine).first()
    if twin is not None:
        raise DomainError(
            _("This enterprise is already on your intent list (No. %(seq)s).") % {"seq": twin.seq},
            field="credit_code",
        )
    agency_id = data.agency_id
    if agency_id is None:
        try:
            agency_id = AgencyResolver(campaign=campaign, organizer=organizer).resolve(data.agency)
        except ValueError as exc:
            raise DomainError(str(exc), field="agency") from exc
    if task is not None and task.agency_id != agency_id and task.state != TaskState.MATCHED:
        raise DomainError(
            _(
                "The task letter for this enterprise is already signed; to change "
                "its agency remove it and add it again."
            ),
            field="agency",
        )
    return code, agency_id


@transaction.atomic
def task_save(
    *, campaign, organizer, data: TaskInput, actor, task: DiagnosisTask | None = None, request=None
) -> DiagnosisTask:
    """Add (task=None) or change one row of the organizer's intent list, with SPEC §8's rules;
    a 跟踪服务 row links itself to the enterprise's earlier diagnosis (`enterprises.earlier`)."""
    campaign_require_open(campaign)
    submission_require_editable(organizer=organizer, campaign=campaign, form=Form.INTENT, lock=True)
    if task is not None and task.state not in EDITABLE_STATES | {TaskState.PUBLISHED}:
        raise DomainError(_("A task whose report is under way cannot be changed here."))
    code, agency_id = _checked(data, campaign=campaign, organizer=organizer, task=task)
    previous = previous_task_for(
        campaign=campaign, organizer=organizer, code=code, diagnosis_type=data.diagnosis_type
    )
    refusal = relink_refusal(task, previous) if task is not None else ""
    if refusal:
        raise DomainError(refusal, field="diagnosis_type")
    enterprise_id = enterprise_for_listing(
        campaign=campaign, organizer=organizer, code=code, row=data
    )
    values = task_values(data, agency_id, previous)
    grown = set()
    try:
        if task is None:
            task = DiagnosisTask.objects.create(
                campaign=campaign,
                organizer=organizer,
                enterprise_id=enterprise_id,
                seq=task_next_seq(campaign=campaign, organizer=organizer),
                **values,
            )
            grown, action = {agency_id}, "task.create"
        else:
            grown = {agency_id} if task.agency_id != agency_id else set()
            task.enterprise_id = enterprise_id
            for name, value in values.items():
                setattr(task, name, value)
            task.save()
            action = "task.update"
    except IntegrityError as exc:  # another organizer added it a moment ago
        raise DomainError(
            _("Another organizer has just added this enterprise."), field="credit_code"
        ) from exc
    letters_sync(campaign=campaign, organizer=organizer, grown=grown)
    if grown and tasks_renumber(campaign=campaign, organizer=organizer):
        task.refresh_from_db(fields=["seq"])  # placed with its agency's enterprises
    audit_record(
        actor=actor,
        action=action,
        obj=task,
        organizer=organizer,
        request=request,
        summary=f"{code} {data.enterprise_name}"
        + (f" (跟踪服务 of task {previous})" if previous else ""),
    )
    return task


@transaction.atomic
def task_remove(*, task: DiagnosisTask, actor, request=None) -> None:
    """Take an enterprise off the intent list (not once it is published)."""
    campaign_require_open(task.campaign)
    submission_require_editable(
        organizer=task.organizer, campaign=task.campaign, form=Form.INTENT, lock=True
    )
    if task.state not in EDITABLE_STATES:
        raise DomainError(_("A published enterprise stays on the national list."))
    audit_record(
        actor=actor,
        action="task.remove",
        obj=task,
        organizer=task.organizer,
        request=request,
        summary=task.enterprise_name,
    )
    try:
        task.delete()  # the delete collector refuses before it writes anything
    except ProtectedError as exc:
        raise DomainError(
            _(
                "This enterprise already has work recorded against it (a report or a follow-up) "
                "and cannot be taken off the list."
            )
        ) from exc
    letters_sync(campaign=task.campaign, organizer=task.organizer)
    tasks_renumber(campaign=task.campaign, organizer=task.organizer)
