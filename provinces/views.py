"""Organizer pages (my forms, the work plan) and the ministry's review queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.campaigns import campaign_is_open
from portal.choices import Role
from portal.errors import Conflict, DomainError
from portal.obligations import extensions_for
from portal.web import campaign_tabs, paginate, refuse, role_required
from portal.workflow import moves_available

from . import services
from .choices import Form, SubmissionState
from .forms import QUEUE_KEYS, CommentForm, OrganizerNameForm, PlanForm, ReviewFilterForm
from .hooks import SUBMISSION_CONTENT, SUBMISSION_PRINT
from .models import Submission
from .receipts import submission_receipt
from .selectors import (
    campaign_by_year,
    deadline_status,
    deadline_unopened,
    organizer_get_for_edit,
    organizer_list_for,
    plan_comparison,
    plan_for,
    review_queue_for,
    review_queue_next,
    submission_get_for,
    submission_history,
)
from .workflow import MOVES


@role_required(Role.ORGANIZER, Role.MINISTRY)
def submission_list(request):
    """The organizer's four forms of the campaign: state, deadline, the ministry's comment."""
    if request.user.is_ministry:
        return redirect("provinces:review-queue")
    campaign = campaign_by_year(request.GET.get("year"))
    organizer = request.user.organizer
    extensions = extensions_for(campaign)
    rows = [
        {
            "form": Form(form).label,
            "submission": s,
            "deadline": deadline_status(s, extensions=extensions)
            if s
            else deadline_unopened(campaign, form, organizer, extensions),
            "edit_url": _edit_url(form, campaign),
            "editable": services.submission_page_editable(s, campaign),
        }
        for form, s in services.submissions_for_page(
            organizer=request.user.organizer, campaign=campaign
        )
    ]
    return render(
        request,
        "provinces/submission_list.html",
        {"campaign": campaign, "rows": rows, "tabs": campaign_tabs(campaign, request.path)},
    )


@role_required(Role.ORGANIZER, Role.MINISTRY)
def submission_detail(request, pk: int):
    """One form: its content, the moves this user may make and the whole trail."""
    submission = submission_get_for(request.user, pk)
    panel = SUBMISSION_CONTENT.get(submission.form)
    is_open = campaign_is_open(submission.campaign)
    return render(
        request,
        "provinces/submission_detail.html",
        {
            "submission": submission,
            "campaign": submission.campaign,
            "deadline": deadline_status(submission),
            "history": submission_history(submission),
            "moves": moves_available(MOVES.values(), submission.state, request.user.role)
            if is_open
            else [],
            "panel_template": panel.template if panel else "",
            **(panel.context(submission, request.user) if panel else {}),
            "edit_url": _edit_url(submission.form, submission.campaign)
            if submission.is_editable and is_open
            else "",
            "comment_form": CommentForm(),
            "receipt": submission_receipt(submission)
            if submission.state in {SubmissionState.SUBMITTED, SubmissionState.APPROVED}
            else None,
            **_queue_context(request, submission),
        },
    )


@require_safe
@role_required(Role.ORGANIZER, Role.MINISTRY)
def submission_receipt_page(request, pk: int):
    """报送回执 on its own, to print or keep; 404 for a form never submitted."""
    submission = submission_get_for(request.user, pk)
    receipt = submission_receipt(submission)
    if receipt is None:
        raise Http404
    return render(
        request, "provinces/submission_receipt.html", {"submission": submission, "receipt": receipt}
    )


@require_safe
@role_required(Role.ORGANIZER, Role.MINISTRY)
def submission_print(request, pk: int):
    """The form's content on a clean page for printing, headed by its receipt when submitted."""
    submission = submission_get_for(request.user, pk)
    content = SUBMISSION_PRINT.get(submission.form)
    panel = SUBMISSION_CONTENT.get(submission.form)
    context = {
        "submission": submission,
        "receipt": submission_receipt(submission),
        "printed_at": timezone.localtime(),
        "content_template": content.template if content else (panel.template if panel else ""),
    }
    if content is not None:
        context.update(content.context(submission))
    elif panel is not None:
        context.update(panel.context(submission, request.user))
    return render(request, "provinces/submission_print.html", context)


@require_POST
@role_required(Role.ORGANIZER, Role.MINISTRY)
def submission_move(request, pk: int, move: str):
    submission = submission_get_for(request.user, pk)
    if move not in MOVES:
        raise PermissionDenied
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        services.submission_move(
            submission_id=submission.pk,
            move=move,
            actor=request.user,
            comment=form.cleaned_data.get("comment", ""),
            request=request,
        )
    except DomainError as exc:
        response = refuse(request, exc, "provinces:submission-detail", pk=submission.pk)
        response["Location"] = _with_queue(request, response["Location"], submission)
        return response
    messages.success(
        request,
        _("%(form)s: %(move)s — done.")
        % {"form": submission.get_form_display(), "move": MOVES[move].label},
    )
    detail = reverse("provinces:submission-detail", args=[submission.pk])
    return redirect(_with_queue(request, detail, submission))


def _with_queue(request, url: str, submission: Submission) -> str:
    """`url` with the review queue's filters the move was made from (ministry only)."""
    if not request.user.is_ministry or not any(key in request.GET for key in QUEUE_KEYS):
        return url
    query = ReviewFilterForm(request.GET, year=submission.campaign.year).query()
    return f"{url}?{query}" if query else url


@role_required(Role.ORGANIZER)
def plan_edit(request):
    """附件1; a stale save (someone else saved meanwhile) is refused with both versions shown."""
    campaign = campaign_by_year(request.GET.get("year"))
    organizer = request.user.organizer
    submission = services.submission_for_page(
        organizer=organizer, campaign=campaign, form=Form.PLAN
    )
    # A closed year never opened: nothing is created; the comparison still reads the year.
    shown = submission or Submission(organizer=organizer, campaign=campaign, form=Form.PLAN)
    plan = plan_for(submission) if submission else None
    minimum = campaign.min_enterprises_per_province if organizer.is_regional else 0
    form = PlanForm(request.POST or None, instance=plan, minimum=minimum)
    status, conflict, refusal = 200, None, ""
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.plan_save(
                organizer=organizer,
                campaign=campaign,
                data=form.cleaned_data,
                version=form.cleaned_data.get("version"),
                actor=request.user,
                request=request,
            )
        except Conflict as exc:
            status, conflict = 409, _conflict(exc, shown, form)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            status, refusal = 400, str(exc.message)
        else:
            if services.plan_below_minimum(saved, organizer, campaign) and not (
                saved.below_minimum_reason.strip()
            ):
                messages.warning(
                    request,
                    _(
                        "Work plan saved as a draft. Its %(total)d enterprises are below the "
                        "minimum of %(minimum)d: give the reason before you submit it."
                    )
                    % {"total": saved.total, "minimum": minimum},
                )
            else:
                messages.success(request, _("Work plan saved."))
            return redirect(f"{reverse('provinces:plan-edit')}?year={campaign.year}")
    return render(
        request,
        "provinces/plan_form.html",
        {
            "campaign": campaign,
            "submission": submission,
            "form": form,
            "minimum": minimum,
            "plan": plan,
            # What is stored, not the values typed into a save that failed (the form's
            # validation writes them onto `plan`).
            "comparison": plan_comparison(plan_for(submission) if submission else None, shown),
            "conflict": conflict,
            "deadline": deadline_status(shown)
            if submission
            else deadline_unopened(campaign, Form.PLAN, request.user.organizer),
            "editable": services.submission_page_editable(submission, campaign),
            "refusal": refusal,
        },
        status=status,
    )


def _conflict(exc: Conflict, submission, form: PlanForm) -> dict:
    """The saved values that differ from the official's, and a form carrying the new version."""
    current = plan_for(submission)
    changed = [
        {
            "label": form.fields[name].label,
            "theirs": getattr(current, name),
            "yours": form.cleaned_data.get(name),
        }
        for name in form.Meta.fields
        if getattr(current, name) != form.cleaned_data.get(name)
    ]
    form.data = form.data.copy()
    form.data["version"] = current.version
    return {"message": str(exc.message), "changed": changed}


@require_safe
@role_required(Role.MINISTRY)
def review_queue(request):
    """Forms awaiting review (or of the state asked), oldest first; the filters live in the
    URL, so a link or the back button shows the same rows."""
    campaign = campaign_by_year(request.GET.get("year"))
    filters = ReviewFilterForm(request.GET, year=campaign.year)
    page = paginate(request, review_queue_for(request.user, campaign, **filters.filters))
    extensions = extensions_for(campaign)
    rows = [{"submission": s, "deadline": deadline_status(s, extensions=extensions)} for s in page]
    return render(
        request,
        "provinces/review_queue.html",
        {
            "campaign": campaign,
            "filters": filters,
            "queue_query": filters.query(),
            "reset_url": f"{reverse('provinces:review-queue')}?year={campaign.year}",
            "tabs": campaign_tabs(campaign, request.path),
            "page_obj": page,
            "rows": rows,
        },
    )


def _queue_context(request, submission: Submission) -> dict:
    """For the ministry: the queue this item was opened from (its filters, in the URL) and the
    next item of that queue."""
    if not request.user.is_ministry:
        return {}
    filters = ReviewFilterForm(request.GET, year=submission.campaign.year)
    following, left = review_queue_next(
        request.user, submission.campaign, submission, **filters.filters
    )
    return {"queue_query": filters.query(), "queue_next": following, "queue_left": left}


def _edit_url(form: int, campaign) -> str:
    """The page of the form's content (read-only in a closed year)."""
    panel = SUBMISSION_CONTENT.get(form)
    if panel is None or not panel.edit_url_name:
        return ""
    return f"{reverse(panel.edit_url_name)}?year={campaign.year}"


@require_safe
@role_required(Role.ORGANIZER, Role.MINISTRY)
def organizer_list(request):
    """The ministry: every organizer with the official name its documents print. An
    organizer's staff: their own organizer's page."""
    if not request.user.is_ministry:
        return redirect("provinces:organizer-edit", pk=request.user.organizer_id)
    page = paginate(request, organizer_list_for(request.user), default=50)
    return render(request, "provinces/organizer_list.html", {"page_obj": page})


@role_required(Role.ORGANIZER, Role.MINISTRY)
def organizer_edit(request, pk: int):
    """The organizer's official name (填报单位, 甲方); another organizer's page is a 404."""
    organizer = organizer_get_for_edit(request.user, pk)
    form = OrganizerNameForm(request.POST or None, initial={"department": organizer.department})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.organizer_rename(
                organizer_id=organizer.pk,
                department=form.cleaned_data["department"],
                actor=request.user,
                request=request,
            )
        except DomainError as exc:
            form.add_error("department", str(exc.message))
        else:
            messages.success(request, _("Official name saved."))
            return redirect("provinces:organizer-edit", pk=organizer.pk)
    if form.errors:
        status = 400
    context = {"organizer": organizer, "form": form}
    return render(request, "provinces/organizer_form.html", context, status=status)
