"""Writes for organizers and their submissions."""

from collections.abc import Callable
from functools import partial
from typing import cast

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.calendar import effective_due
from portal.campaigns import campaign_is_open, campaign_require_open
from portal.errors import Conflict, DomainError
from portal.models import Campaign
from portal.obligations import due_for, offered
from portal.workflow import apply_move, check_move

from .choices import Form
from .models import Organizer, PlanContent, Submission, SubmissionEvent
from .selectors import organizer_get_for_edit
from .workflow import MOVES

# Checks other apps add before a form may be submitted (e.g. every task letter signed for 附件3).
# Each takes the locked submission and raises DomainError with the reason.
SUBMIT_GUARDS: dict[int, list[Callable[[Submission], None]]] = {f.value: [] for f in Form}
# Side effects other apps add after a move commits (notices, reminders): f(submission, event).
AFTER_MOVE: list[Callable] = []


def submission_get_or_create(*, organizer: Organizer, campaign: Campaign, form: int) -> Submission:
    submission, _created = Submission.objects.get_or_create(
        organizer=organizer,
        campaign=campaign,
        form=int(form),
    )
    return submission


def submission_for_page(
    *, organizer: Organizer, campaign: Campaign, form: int
) -> Submission | None:
    """The submission a page shows. In an open campaign it is created as a draft when missing;
    in a closed one, or for a form the campaign does not ask of the organizer's kind, a GET
    writes nothing: the existing row, or None (never opened, shown as not submitted)."""
    if campaign_is_open(campaign) and offered(campaign, organizer.kind, form):
        return submission_get_or_create(organizer=organizer, campaign=campaign, form=form)
    return Submission.objects.filter(organizer=organizer, campaign=campaign, form=int(form)).first()


def submission_page_editable(submission: Submission | None, campaign: Campaign) -> bool:
    """Whether a page offers write controls for the form: an editable draft in an open year."""
    return submission is not None and submission.is_editable and campaign_is_open(campaign)


@transaction.atomic
def submission_open(*, organizer: Organizer, campaign: Campaign, form: int) -> Submission:
    """Open (create as a draft) the organizer's submission of a form: not in a closed year."""
    campaign_require_open(campaign)
    form_require_offered(campaign=campaign, organizer=organizer, form=form)
    return submission_get_or_create(organizer=organizer, campaign=campaign, form=form)


def form_require_offered(*, campaign: Campaign, organizer: Organizer, form: int) -> None:
    """Refuse a form the campaign does not ask of this kind of organizer (e.g. 附件2 of an
    association: only provincial departments recommend agencies, notice 二(二))."""
    if not offered(campaign, organizer.kind, form):
        raise DomainError(
            _("The %(year)s campaign does not ask %(kind)s organizers for %(form)s.")
            % {
                "year": campaign.year,
                "kind": organizer.get_kind_display(),
                "form": Form(int(form)).label,
            }
        )


@transaction.atomic
def submission_move(
    *, submission_id: int, move: str, actor, comment: str = "", request=None
) -> Submission:
    """Apply one named move to a submission, with its guard, timestamps and event row."""
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("campaign", "organizer")
        .get(pk=submission_id)
    )
    campaign_require_open(submission.campaign)  # the ministry's moves too: reopen the year first
    the_move = MOVES[move]
    # The state first: a form submitted twice hears that it is submitted, not a guard's reason.
    check_move(the_move, state=submission.state, role=actor.role, comment=comment)
    extra: list[str] = []
    now = timezone.now()
    if move == "submit":
        form_require_offered(
            campaign=submission.campaign, organizer=submission.organizer, form=submission.form
        )
        for guard in SUBMIT_GUARDS[submission.form]:
            guard(submission)
        # SPEC §5: after the deadline (or the organizer's extension) it is still accepted,
        # but marked late.
        due = due_for(submission.campaign, submission.organizer_id, submission.form)
        submission.submitted_at = now
        # A deadline on a day off takes effect on the next working day (portal.calendar).
        submission.is_late = timezone.localdate(now) > effective_due(due).effective
        extra += ["submitted_at", "is_late"]
    elif move in {"return", "reopen"}:
        submission.last_comment = comment.strip()
        submission.approved_at = None
        extra += ["last_comment", "approved_at"]
    elif move == "approve":
        submission.approved_at = now
        extra.append("approved_at")
    event = apply_move(
        submission,
        the_move,
        actor=actor,
        comment=comment,
        event_model=SubmissionEvent,
        event_fk="submission",
        extra_fields=extra,
    )
    audit_record(
        actor=actor,
        action=f"submission.{move}",
        obj=submission,
        request=request,
        summary=f"{submission.organizer_id}/{submission.campaign.year}/form{submission.form}",
    )
    for callback in AFTER_MOVE:
        transaction.on_commit(partial(callback, submission, event))
    return submission


def submission_submit(*, submission_id: int, actor, request=None) -> Submission:
    return submission_move(submission_id=submission_id, move="submit", actor=actor, request=request)


def submission_return(*, submission_id: int, actor, comment: str, request=None) -> Submission:
    return submission_move(
        submission_id=submission_id, move="return", actor=actor, comment=comment, request=request
    )


def submission_approve(*, submission_id: int, actor, request=None) -> Submission:
    return submission_move(
        submission_id=submission_id, move="approve", actor=actor, request=request
    )


def submission_reopen(*, submission_id: int, actor, comment: str, request=None) -> Submission:
    return submission_move(
        submission_id=submission_id, move="reopen", actor=actor, comment=comment, request=request
    )


def submission_require_editable(
    *, organizer, campaign, form: int, lock: bool = False
) -> Submission | None:
    """The form's submission if its content may change; DomainError once submitted or approved.

    An organizer that never opened the form has no submission yet: nothing is locked then (a
    history import of 2019 does not create drafts). With `lock` the row is locked until the
    caller's transaction ends, so two edits of the same list are serialised. A closed
    campaign is refused by the callers (`campaign_require_open`) before this is asked.
    """
    if isinstance(organizer, Organizer):  # a form not asked of its kind takes no content
        form_require_offered(campaign=campaign, organizer=organizer, form=form)
    qs = Submission.objects.filter(organizer=organizer, campaign=campaign, form=int(form))
    submission = (qs.select_for_update() if lock else qs).first()
    if submission is not None and not submission.is_editable:
        raise DomainError(
            _("%(form)s is %(state)s and cannot be changed; the ministry can return or reopen it.")
            % {"form": Form(int(form)).label, "state": submission.get_state_display()}
        )
    return submission


def submissions_ensure(*, organizer: Organizer, campaign: Campaign) -> list[Submission]:
    """The organizer's four submissions of the campaign, created as drafts when missing."""
    return [submission_get_or_create(organizer=organizer, campaign=campaign, form=f) for f in Form]


def submissions_for_page(
    *, organizer: Organizer, campaign: Campaign
) -> list[tuple[int, Submission | None]]:
    """(form, submission) of the four forms for a page: see `submission_for_page`."""
    return [(f, submission_for_page(organizer=organizer, campaign=campaign, form=f)) for f in Form]


def plan_below_minimum(plan: PlanContent, organizer: Organizer, campaign: Campaign) -> bool:
    """Notice: a province plans "原则上200家以上"; associations and groups have no minimum."""
    return organizer.is_regional and plan.total < campaign.min_enterprises_per_province


@transaction.atomic
def plan_save(
    *,
    organizer: Organizer,
    campaign: Campaign,
    data: dict,
    version: int | None,
    actor,
    request=None,
) -> PlanContent:
    """Save 附件1; `version` is the one the official loaded (a stale one is a Conflict).

    0 is the version of a plan nobody has saved yet: a form opened before the first save
    carries it, so of two officials saving a new plan the second is refused too. None skips
    the check (the API's POST, which creates or replaces). A plan below the campaign's minimum
    saves as a draft without its reason: submitting asks for it (`plan_require_complete`).
    """
    campaign_require_open(campaign)
    submission = submission_get_or_create(organizer=organizer, campaign=campaign, form=Form.PLAN)
    submission_require_editable(organizer=organizer, campaign=campaign, form=Form.PLAN, lock=True)
    plan, created = PlanContent.objects.select_for_update().get_or_create(submission=submission)
    if not created and version is not None and int(version) != plan.version:
        raise Conflict(
            _(
                "Someone else saved this work plan after you opened it. Reload the "
                "page to see their changes, then make yours again."
            )
        )
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name] if data[name] is not None else _blank(name))
    if not created:
        plan.version += 1
    plan.save()
    audit_record(
        actor=actor,
        action="plan.save",
        obj=plan,
        organizer=organizer,
        request=request,
        summary=f"{campaign.year}: {plan.total}",
    )
    return plan


PLAN_FIELDS = (
    "key_industry",
    "sme",
    "key_equipment",
    "regional",
    "follow_up",
    "agencies_planned",
    "completion_date",
    "below_minimum_reason",
    "contact_name",
    "contact_title",
    "contact_phone",
    "contact_email",
)


def _blank(name: str):
    """A cleared field: text fields become "", counts 0, the date None."""
    field = cast(models.Field, PlanContent._meta.get_field(name))  # a concrete field of its own
    if field.get_internal_type() == "DateField":
        return None
    return 0 if field.get_internal_type() == "PositiveIntegerField" else ""


def plan_require_complete(submission: Submission) -> None:
    """附件1 cannot be submitted empty, nor below the minimum without its reason."""
    plan = PlanContent.objects.filter(submission=submission).first()
    if plan is None or plan.total == 0:
        raise DomainError(_("Fill in the work plan before submitting it."))
    if (
        plan_below_minimum(plan, submission.organizer, submission.campaign)
        and not plan.below_minimum_reason.strip()
    ):
        raise DomainError(
            _("Give the reason for planning below the minimum before submitting."),
            field="below_minimum_reason",
        )


OFFICIAL_NAME_MAX = Organizer._meta.get_field("department").max_length or 128
# Spreadsheets print the name in a cell of its own (national 填报单位 column): never a formula.
FORMULA_STARTS = frozenset("=+-@")


def _clean_official_name(organizer: Organizer, value: str) -> str:
    name = " ".join(str(value or "").replace("\u3000", " ").split())
    if any(ord(ch) < 32 for ch in str(value or "").strip()):
        raise DomainError(_("The official name must be one line of text."), field="department")
    if name[:1] in FORMULA_STARTS:
        raise DomainError(
            _("The official name cannot start with =, +, - or @."), field="department"
        )
    if len(name) > OFFICIAL_NAME_MAX:
        raise DomainError(
            _("The official name has at most %(max)d characters.") % {"max": OFFICIAL_NAME_MAX},
            field="department",
        )
    if not name and organizer.is_regional:
        raise DomainError(
            _(
                "A provincial-level organizer's documents print its competent department's "
                "full name (e.g. 河北省工业和信息化厅): it cannot be left empty."
            ),
            field="department",
        )
    return name


@transaction.atomic
def organizer_rename(*, organizer_id: int | str, department: str, actor, request=None) -> Organizer:
    """Set the department's official name printed as 填报单位 and 甲方 on new documents.

    The ministry may change any organizer's, an organizer's staff their own (others: 404).
    Letters already issued keep the name they were issued with (enterprises.letter_issue).
    """
    found = organizer_get_for_edit(actor, organizer_id)
    organizer = Organizer.objects.select_for_update().get(pk=found.pk)
    name = _clean_official_name(organizer, department)
    old = organizer.department
    if name == old:
        return organizer
    organizer.department = name
    organizer.save(update_fields=["department"])
    audit_record(
        actor=actor,
        action="organizer.rename",
        obj=organizer,
        organizer=organizer,
        request=request,
        summary=f"{old or '—'} → {name or '—'}",
    )
    return organizer
