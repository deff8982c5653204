"""Register pages: the scoped register and its statistics, the export, the public statistics,
and the peer-evidence fragment of the measure form."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.choices import Role
from portal.params import query_int
from portal.selectors import campaign_list
from portal.web import paginate, role_required, xlsx_response
from reports.choices import MeasureState
from reports.diagnosis.selectors.report import report_task_get_for
from reports.models import MeasureCategory
from reports.register.exports import register_workbook, results_workbook
from reports.register.forms import PublicFilterForm, RegisterFilterForm, ResultsFilterForm
from reports.register.results import results_list_for
from reports.register.selectors import (
    peer_evidence,
    register_list_for,
    register_public_statistics,
    register_statistics_for,
)

ZERO = Decimal(0)


def _filters(request, form_class=RegisterFilterForm):
    form = form_class(request.GET)
    ministry = request.user.role == Role.MINISTRY
    if not ministry:
        del form.fields["organizer"]
    return form, form.filters(with_organizer=ministry)


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def register(request):
    """Every measure the user may see, with statistics per measure kind and industry."""
    form, filters = _filters(request)
    page = paginate(request, register_list_for(request.user, filters))
    for measure in page:
        measure.follow_state_label = MeasureState(measure.follow_state).label
    return render(
        request,
        "reports/register/register.html",
        {
            "form": form,
            "page": page,
            "groups": register_statistics_for(request.user, filters),
            "campaigns": campaign_list(),
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def register_export(request):
    _form, filters = _filters(request)
    content = register_workbook(
        register_list_for(request.user, filters), register_statistics_for(request.user, filters)
    )
    return xlsx_response(content, "节能措施库.xlsx")


@require_GET
def register_public(request):
    """Anonymised national statistics: no group smaller than REGISTER_MIN_GROUP enterprises."""
    form = PublicFilterForm(request.GET)
    groups, size = register_public_statistics(form.filters(with_organizer=False))
    return render(
        request,
        "reports/register/public.html",
        {"form": form, "groups": groups, "min_group": size, "campaigns": campaign_list()},
    )


@require_GET
@login_required
def register_evidence(request):
    """htmx fragment for the measure form: the evidence for the chosen kind in the task's
    industry. The task must be one the user may see."""
    task_pk = query_int(request, "task")
    if task_pk is None:
        raise Http404
    task = report_task_get_for(request.user, task_pk)
    taxonomy = MeasureCategory.objects.filter(pk=query_int(request, "taxonomy") or 0).first()
    industry = task.industry or task.enterprise.industry
    evidence = peer_evidence(
        taxonomy_code=taxonomy.code if taxonomy else "",
        category="" if taxonomy else request.GET.get("category", ""),
        industry_code=industry.code if industry else "",
    )
    return render(
        request,
        "reports/register/_evidence.html",
        {"evidence": evidence, "taxonomy": taxonomy, "industry": industry},
    )


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def results(request):
    """成果应用名单: enterprises that implemented recommendations, with verified savings."""
    form, filters = _filters(request, ResultsFilterForm)
    rows = results_list_for(request.user, filters)
    return render(
        request,
        "reports/register/results.html",
        {
            "form": form,
            "page": paginate(request, rows),
            "count": len(rows),
            "realized_tce": sum((r.realized_tce for r in rows), start=ZERO),
            "verified_tce": sum((r.verified_tce for r in rows), start=ZERO),
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@role_required(Role.MINISTRY, Role.ORGANIZER)
def results_export(request):
    _form, filters = _filters(request, ResultsFilterForm)
    return xlsx_response(
        results_workbook(results_list_for(request.user, filters)), "成果应用名单.xlsx"
    )
