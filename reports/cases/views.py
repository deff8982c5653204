"""Case library pages: the searchable list, one case, and its anonymised printable view."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.campaigns import campaign_is_open
from portal.choices import Role
from portal.errors import DomainError
from portal.web import paginate, role_required, xlsx_response
from reports.cases.exports import cases_workbook
from reports.cases.forms import CaseFilterForm, CaseStoryForm
from reports.cases.selectors import (
    case_anonymised,
    case_detail,
    case_get_for,
    case_list_for,
    case_title,
    cases_detail,
)
from reports.cases.services import case_story_save


def filters_for(request, data):
    """The search form and its filters; `organizer` is the ministry's filter only."""
    form = CaseFilterForm(data)
    ministry = request.user.role == Role.MINISTRY
    if not ministry:
        del form.fields["organizer"]
    return form, form.filters(with_organizer=ministry)


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def case_list(request):
    """The excellent cases the user may see, searched by words, campaign, industry, measure."""
    form, filters = filters_for(request, request.GET)
    page = paginate(request, case_list_for(request.user, filters))
    for report in page:
        report.case_title = case_title(report)
    query = request.GET.copy()
    query.pop("page", None)  # the download carries the search, every page of it
    return render(
        request,
        "reports/cases/case_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def case_export(request):
    """The list the page shows (same search, same scope) as an xlsx workbook, every row."""
    _form, filters = filters_for(request, request.GET)
    content = cases_workbook(cases_detail(case_list_for(request.user, filters)))
    return xlsx_response(content, "典型案例库.xlsx")


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def case_detail_view(request, pk: int):
    """One case: a stable page to share (its URL is the report's id)."""
    case = case_detail(case_get_for(request.user, pk))
    closed = not campaign_is_open(case.report.task.campaign)
    return render(
        request,
        "reports/cases/case_detail.html",
        {
            "case": case,
            "editable": request.user.role == Role.ORGANIZER and not closed,
            "closed": closed,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.ORGANIZER)
def case_edit(request, pk: int):
    """The organizer's title and summary of its own case (the figures stay the report's); a
    closed year refuses (409)."""
    case = case_detail(case_get_for(request.user, pk))
    story = getattr(case.report, "case_story", None)
    context = {"case": case, "closed": not campaign_is_open(case.report.task.campaign)}
    if request.method == "GET":
        initial = {"title": story.title, "summary": story.summary} if story else {}
        form = CaseStoryForm(initial=initial)
        return render(request, "reports/cases/case_edit.html", {**context, "form": form})
    form = CaseStoryForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            case_story_save(pk=pk, actor=request.user, request=request, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            status = exc.status_code
        else:
            messages.success(request, _("The case page was saved."))
            return redirect("reports:case-detail", pk=pk)
    return render(request, "reports/cases/case_edit.html", {**context, "form": form}, status=status)


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def case_print(request, pk: int):
    """The case anonymised for sharing outside: no enterprise, agency or person is named."""
    case = case_anonymised(case_detail(case_get_for(request.user, pk)))
    return render(request, "reports/cases/case_print.html", {"case": case})
