"""Reads for organizers, submissions and the work plan; every one is scoped to the user."""

import datetime as dt
import hashlib

from django.db.models import F, Func, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import timezone

from portal import dataversion
from portal.campaign_data import REQUIRED
from portal.models import Campaign
from portal.obligations import DUTY_LABELS, Extensions, due_for
from portal.params import parse_year
from portal.scoping import get_scoped_or_404, scope
from portal.selectors import campaign_current

from .choices import SubmissionState
from .hooks import plan_actuals
from .models import Organizer, PlanContent, Submission
from .receipts import SUBMIT, receipt_number


def campaign_by_year(year: object = None) -> Campaign:
    """The campaign of `year` (e.g. the ?year= of a page), else the current one; 404 if none."""
    year = parse_year(year)  # junk is a 400 that names the parameter (portal.params)
    if year is not None:
        # Read once per version of the campaign table (every list page asks for its year).
        found = dataversion.cached_named(
            ("campaign_by_year", year), lambda: Campaign.objects.filter(year=year), list
        )
        if not found:
            raise Http404
        return found[0]
    campaign = campaign_current()
    if campaign is None:
        raise Http404
    return campaign


def official_name_of(path: str = "") -> Func:
    """The database's `Organizer.official_name` of the organizer at `path` ("organizer__",
    "submission__organizer__"): for lists that print each row's 填报单位."""
    return Coalesce(NullIf(F(f"{path}department"), Value("")), F(f"{path}name"))


def organizer_names_version() -> str:
    """Changes when any organizer's official name changes (national files print them all)."""
    names = Organizer.objects.order_by("pk").values_list("pk", "department")
    return hashlib.sha256(repr(list(names)).encode()).hexdigest()[:16]


def organizer_list_for(user) -> QuerySet:
    """Organizers in the ministry notice's order, as `user` may see them (all: a public list)."""
    return scope(Organizer.objects.select_related("parent"), user)


def organizer_get_for_edit(user, pk: int | str) -> Organizer:
    """The organizer whose official name `user` may change: the ministry any, an organizer's
    staff their own; anyone else gets 404, although the list of organizers is public."""
    try:
        number = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if user.is_ministry or (user.organizer_id is not None and user.organizer_id == number):
        organizer = Organizer.objects.filter(pk=number).first()
        if organizer is not None:
            return organizer
    raise Http404


def submission_get_for(user, pk: int) -> Submission:
    qs = Submission.objects.select_related("organizer", "campaign")
    return get_scoped_or_404(qs, user, pk=pk)


def submission_history(submission: Submission) -> list[dict]:
    """The trail with readable labels: who, when, which move, from and to which state."""
    from .workflow import MOVES

    labels = dict(SubmissionState.choices)
    events = submission.events.select_related("actor").order_by("created_at", "id")
    return [
        {
            "event": e,
            "action": MOVES[e.action].label if e.action in MOVES else e.action,
            "from_label": labels.get(e.from_state, e.from_state),
            "to_label": labels.get(e.to_state, e.to_state),
            "receipt": receipt_number(submission, e) if e.action == SUBMIT else "",
        }
        for e in events
    ]


QUEUE_ORDER = ("submitted_at", "organizer__sort_order", "form")


def review_queue_for(
    user,
    campaign: Campaign,
    *,
    form: int | None = None,
    state: str = "",
    q: str = "",
    kind: str = "",
) -> QuerySet:
    """Submissions across organizers for the ministry, oldest submission first."""
    qs = scope(Submission.objects.filter(campaign=campaign), user).select_related(
        "organizer", "campaign"
    )
    if form:
        qs = qs.filter(form=form)
    qs = qs.filter(state=state) if state else qs.exclude(state=SubmissionState.DRAFT)
    if kind:
        qs = qs.filter(organizer__kind=kind)
    if q:
        qs = qs.filter(organizer__name__icontains=q.strip())
    return qs.order_by(*QUEUE_ORDER)


def review_queue_next(
    user, campaign: Campaign, current: Submission, **filters
) -> tuple[Submission | None, int]:
    """The item after `current` in the queue of these filters, and how many others it holds.

    After an approval the current item has left the "awaiting review" queue: the next one is
    still the one after its place. Past the end it starts again at the first one left, so the
    last item reviewed leads to any skipped earlier; None when the queue holds nothing else.
    """
    rows = list(
        review_queue_for(user, campaign, **filters)
        .exclude(pk=current.pk)
        .values_list("pk", *QUEUE_ORDER)
    )
    if not rows:
        return None, 0
    here = _queue_key(current.submitted_at, current.organizer.sort_order, current.form)
    after = [pk for pk, *key in rows if _queue_key(*key) > here]
    chosen = after[0] if after else rows[0][0]
    return Submission.objects.select_related("organizer").get(pk=chosen), len(rows)


def _queue_key(submitted_at: dt.datetime | None, sort_order: int, form: int) -> tuple:
    # The database sorts a missing time first (never in a queue of handed-in forms, but safe).
    return (
        submitted_at is not None,
        submitted_at or dt.datetime.min.replace(tzinfo=dt.UTC),
        sort_order,
        form,
    )


def deadline_status(
    submission: Submission, today: dt.date | None = None, extensions: Extensions | None = None
) -> dict:
    """How the submission stands against its form's deadline (the organizer's extension, if
    any), for badges in lists; a form the organizer's kind need not send is never overdue."""
    campaign = submission.campaign
    due = due_for(campaign, submission.organizer_id, submission.form, extensions)
    today = today or timezone.localdate()
    handed_in = submission.state in {SubmissionState.SUBMITTED, SubmissionState.APPROVED}
    duty = campaign.duty(submission.organizer.kind, submission.form)
    # A closed year counts no days: its deadlines are history, never "overdue".
    counted = campaign.is_open and duty == REQUIRED
    return {
        "due": due,
        "days_left": (due - today).days if counted else None,
        "done": handed_in,
        "late": submission.is_late,
        "duty": duty,
        "duty_label": DUTY_LABELS[duty],
        "extended": due != campaign.due_date(submission.form),
    }


def deadline_unopened(
    campaign: Campaign,
    form: int,
    organizer: Organizer | None = None,
    extensions: Extensions | None = None,
) -> dict:
    """`deadline_status` of a form never opened (no submission row): days are counted only in
    an open year, for a form the organizer owes."""
    if organizer is None:
        return {"due": campaign.due_date(form), "days_left": None, "done": False, "late": False}
    due = due_for(campaign, organizer.pk, form, extensions)
    duty = campaign.duty(organizer.kind, form)
    counted = campaign.is_open and duty == REQUIRED
    return {
        "due": due,
        "days_left": (due - timezone.localdate()).days if counted else None,
        "done": False,
        "late": False,
        "duty": duty,
        "duty_label": DUTY_LABELS[duty],
        "extended": due != campaign.due_date(form),
    }


def plan_for(submission: Submission) -> PlanContent | None:
    return PlanContent.objects.filter(submission=submission).first()


def plan_comparison(plan: PlanContent | None, submission: Submission) -> list[dict]:
    """Planned against actual (the intent list) by diagnosis type, for the plan page."""
    actual = plan_actuals(submission.campaign_id, submission.organizer_id)
    rows = []
    for key, label in PLAN_TYPES:
        planned = getattr(plan, key, 0) if plan else 0
        rows.append({"key": key, "label": label, "planned": planned, "actual": actual.get(key, 0)})
    rows.append(
        {
            "key": "total",
            "label": None,
            "planned": plan.total if plan else 0,
            "actual": sum(actual.values()),
        }
    )
    return rows


# The plan's fields carry the diagnosis types' keys (enterprises.choices.DiagnosisType).
PLAN_TYPES = (
    ("key_industry", "重点行业"),
    ("sme", "中小企业"),
    ("key_equipment", "重点用能设备"),
    ("regional", "区域集中式"),
    ("follow_up", "跟踪服务"),
)


def organizers_for(user) -> QuerySet:
    return scope(Organizer.objects.filter(is_active=True), user)
