"""Importing an 附件3 spreadsheet: every bad row reported, then all rows written or none."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.choices import DiagnosisType, TaskState
from enterprises.earlier import earlier_diagnoses_by_code, never_diagnosed_message, relink_refusal
from enterprises.imports import INTENT_COLUMNS, IntentRow, parse_intent_list
from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.campaigns import campaign_history_import_record, campaign_require_open
from portal.errors import DomainError
from portal.imports import ImportOutcome, read_spreadsheet
from portal.spreadsheets import RowError
from provinces.choices import Form
from provinces.file_organizer import file_organizer_check
from provinces.services import submission_require_editable

from .bulk import insert_many
from .letters import letters_sync
from .numbering import task_next_seq, tasks_renumber
from .registry import (
    RegistryPlan,
    enterprises_by_code,
    listing_description,
    listing_plan,
    listing_write,
)
from .rules import AgencyResolver, elsewhere_message, tasks_elsewhere
from .tasks import TASK_FIELDS, task_values

CODE_COLUMN = INTENT_COLUMNS["credit_code"][0]
AGENCY_COLUMN = INTENT_COLUMNS["agency_name"][0]
TYPE_COLUMN = INTENT_COLUMNS["diagnosis_type"][0]


@dataclass
class _Plan:
    """What the rows change: the tasks, the national records (by the registry's rules), and
    the errors found."""

    errors: list[RowError] = field(default_factory=list)
    registry: RegistryPlan = field(default_factory=RegistryPlan)
    new_tasks: list[tuple[IntentRow, dict]] = field(default_factory=list)
    changed_tasks: list[DiagnosisTask] = field(default_factory=list)
    unchanged: int = 0
    grown: set[int] = field(default_factory=set)


def intent_list_import(
    *,
    campaign,
    organizer,
    file,
    actor,
    dry_run: bool = False,
    request=None,
    history_import: bool = False,
    other_organizer_ok: bool = False,
) -> ImportOutcome:
    """Load an 附件3 spreadsheet into the organizer's intent list (SPEC §8, §9).

    Rows are matched to the list by credit code: new ones are added, changed ones updated,
    none removed, so importing the same file twice changes nothing. Only the import command
    passes `history_import` (a closed year's history; audited). A file whose 填报单位 names another organizer is refused unless
    `other_organizer_ok`.
    """
    closed = campaign_require_open(campaign, history_import=history_import)
    parsed = read_spreadsheet(parse_intent_list, file)
    file_organizer_check(
        text=parsed.organizer_text, organizer=organizer, other_organizer_ok=other_organizer_ok
    )
    outcome = ImportOutcome(
        rows=len(parsed.rows) + len({e.sheet_row for e in parsed.errors}),
        errors=list(parsed.errors),
        dry_run=dry_run,
        layout=parsed.layout,
    )
    with transaction.atomic():
        submission_require_editable(
            organizer=organizer, campaign=campaign, form=Form.INTENT, lock=True
        )
        plan = _plan(parsed.rows, campaign=campaign, organizer=organizer)
        outcome.errors = sorted(
            [*outcome.errors, *plan.errors], key=lambda e: (e.sheet_row or 0, str(e.column))
        )
        if outcome.errors:
            return outcome
        outcome.created, outcome.updated = len(plan.new_tasks), len(plan.changed_tasks)
        outcome.unchanged = plan.unchanged
        if dry_run:
            return outcome
        _write(plan, campaign=campaign, organizer=organizer)
        reset = letters_sync(campaign=campaign, organizer=organizer, grown=plan.grown)
        outcome.notes += [
            _("The task letter with %(agency)s must be signed again: enterprises were added to it.")
            % {"agency": letter.agency.name}
            for letter in reset
        ]
        audit_record(
            actor=actor,
            action="task.import",
            organizer=organizer,
            request=request,
            object_type="enterprises.diagnosistask",
            summary=f"{campaign.year}: +{outcome.created} ~{outcome.updated} ={outcome.unchanged}",
        )
        if closed:
            campaign_history_import_record(
                campaign=campaign,
                organizer=organizer,
                what="import_intent_list",
                summary=f"+{outcome.created} ~{outcome.updated} ={outcome.unchanged}",
            )
    return outcome


def _plan(rows: list[IntentRow], *, campaign, organizer) -> _Plan:
    plan = _Plan()
    codes = [row.credit_code for row in rows]
    enterprises = enterprises_by_code(codes)
    stored = list(enterprises)  # only an enterprise already stored can be on a list
    mine = (
        {
            t.enterprise.credit_code: t
            for t in DiagnosisTask.objects.filter(
                campaign=campaign, organizer=organizer, enterprise__credit_code__in=stored
            ).select_related("enterprise")
        }
        if stored
        else {}
    )
    elsewhere = tasks_elsewhere(campaign=campaign, organizer=organizer, codes=stored)
    earlier = earlier_diagnoses_by_code(
        campaign=campaign,
        organizer=organizer,
        codes=[row.credit_code for row in rows if row.diagnosis_type == DiagnosisType.FOLLOW_UP],
    )
    resolver = AgencyResolver(campaign=campaign, organizer=organizer)
    for row in rows:
        label = row.seq if row.seq is not None else row.sheet_row
        previous = earlier.get(row.credit_code)
        link_error = _link_error(row, previous, mine.get(row.credit_code))
        if link_error:
            plan.errors.append(RowError(label, TYPE_COLUMN, link_error, row.sheet_row))
        if row.credit_code in elsewhere:
            plan.errors.append(
                RowError(
                    label, CODE_COLUMN, elsewhere_message(elsewhere[row.credit_code]), row.sheet_row
                )
            )
        try:
            agency_id = resolver.resolve(row.agency_name)
        except ValueError as exc:
            plan.errors.append(RowError(label, AGENCY_COLUMN, str(exc), row.sheet_row))
            continue
        task = mine.get(row.credit_code)
        if task is not None and task.agency_id != agency_id and task.state != TaskState.MATCHED:
            plan.errors.append(
                RowError(
                    label,
                    AGENCY_COLUMN,
                    _(
                        "The task letter for this enterprise is already signed with another agency; "
                        "remove the enterprise on the intent-list page to change its agency."
                    ),
                    row.sheet_row,
                )
            )
            continue
        if not plan.errors:
            _plan_row(plan, row, agency_id, task, previous)
    if not plan.errors:
        plan.registry = listing_plan(
            campaign=campaign,
            organizer=organizer,
            described={row.credit_code: listing_description(row) for row in rows},
            stored=enterprises,
        )
    return plan


def _link_error(row: IntentRow, previous: int | None, task) -> str:
    """Why a row cannot be (or stop being) a follow-up of an earlier diagnosis, or ""."""
    if row.diagnosis_type == DiagnosisType.FOLLOW_UP and previous is None:
        return never_diagnosed_message(row.credit_code)
    return relink_refusal(task, previous) if task is not None else ""


def _plan_row(plan: _Plan, row: IntentRow, agency_id: int, task, previous: int | None) -> None:
    """A new row or the changes of a listed one; the file's 序号 is not kept (`numbering`)."""
    wanted = task_values(row, agency_id, previous)
    if task is None:
        plan.new_tasks.append((row, wanted))
        plan.grown.add(agency_id)
        return
    old_agency = task.agency_id
    if _assign(task, wanted):
        if old_agency != agency_id:
            plan.grown.add(agency_id)
        task.updated_at = timezone.now()
        plan.changed_tasks.append(task)
    else:
        plan.unchanged += 1


def _assign(obj, values: dict) -> bool:
    """Set `values` on `obj`; whether anything differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _write(plan: _Plan, *, campaign, organizer) -> None:
    """Bulk writes: a 2,000-row file is a handful of queries, whatever its size."""
    try:
        ids = listing_write(plan.registry)
        first = task_next_seq(campaign=campaign, organizer=organizer)
        insert_many(
            DiagnosisTask,
            [
                {
                    "campaign_id": campaign.pk,
                    "organizer_id": organizer.pk,
                    "enterprise_id": ids[row.credit_code],
                    "seq": first + n,
                    **values,
                }
                for n, (row, values) in enumerate(plan.new_tasks)
            ],
        )
        DiagnosisTask.objects.bulk_update(
            plan.changed_tasks, [*TASK_FIELDS, "updated_at"], batch_size=500
        )
        tasks_renumber(campaign=campaign, organizer=organizer)
    except IntegrityError as exc:  # another organizer imported one of these meanwhile
        raise DomainError(
            _(
                "Another organizer has just added one of these enterprises; "
                "import the file again to see which."
            )
        ) from exc
