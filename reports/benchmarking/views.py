"""Benchmarking pages: product rows in the report editor (HTMX, as the other data rows), and
the ministry's benchmark tables with the upload of a new table or edition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.choices import Role
from portal.errors import DomainError
from portal.web import role_required
from reports.benchmarking import services
from reports.benchmarking.forms import BenchmarkUploadForm, ProductRowForm
from reports.benchmarking.selectors import (
    benchmark_table_get_for,
    benchmark_table_list_for,
    entries_for_year,
    product_rows_of,
)
from reports.diagnosis.selectors.report import report_for, report_task_get_for
from reports.diagnosis.services.access import report_editable_by
from reports.diagnosis.views.common import refused, render_detail


def _anchor(task):
    return redirect(f"{reverse('reports:report-detail', args=[task.pk])}#products")


@require_POST
@login_required
def product_add(request, pk: int):
    """Add a product row; HTMX gets the report's data fragment with the row benchmarked."""
    task = report_task_get_for(request.user, pk)
    form = ProductRowForm(request.POST, entries=entries_for_year(task.campaign.year))
    if not form.is_valid():
        status = 422 if request.htmx else 400
        fragment = "data_response" if request.htmx else ""
        return render_detail(request, task, status=status, fragment=fragment, product_form=form)
    try:
        services.product_row_add(
            task_id=task.pk, actor=request.user, data=form.cleaned_data, request=request
        )
    except DomainError as exc:
        return refused(request, task, exc, "product_form", form, fragment="data_response")
    if request.htmx:
        return render_detail(request, task, fragment="data_response")
    return _anchor(task)


def _product_row(request, task, product_pk: int, *, form: bool = True):
    """The stored row if the user may see it; for a form, only the agency of an editable draft
    (404 for everyone else; a POST is refused by the service with the reason)."""
    row = next(
        (r for r in product_rows_of(report_for(request.user, task)) if r.pk == product_pk), None
    )
    if row is None or (
        form and request.method == "GET" and not report_editable_by(request.user, task)
    ):
        raise Http404
    return row


def _edit_form(task, row, data=None):
    initial = (
        None
        if data is not None
        else {
            "entry": row.entry_id or "",
            "product": row.product,
            "output": row.output.normalize(),
            "output_unit": row.output_unit,
            "energy": row.energy.normalize(),
            "energy_unit": row.energy_unit,
            "note": row.note,
        }
    )
    return ProductRowForm(
        data,
        initial=initial,
        entries=entries_for_year(task.campaign.year),
        auto_id=f"id_product{row.pk}_%s",
    )


def _edit_row(request, task, row, form, *, status: int = 200):
    if not request.htmx:
        return render_detail(
            request, task, status=status, product_edit={"pk": row.pk, "form": form}
        )
    context = {"task": task, "row": row, "form": form}
    response = render(request, "reports/_product_row_edit.html", context, status=status)
    if status != 200:
        response["HX-Retarget"] = f"#product-row-{row.pk}"
        response["HX-Reswap"] = "outerHTML"
    return response


@require_GET
@login_required
def product_show(request, pk: int, product_pk: int):
    """The stored row as the table shows it: what "Cancel" of an edit swaps back."""
    task = report_task_get_for(request.user, pk)
    row = _product_row(request, task, product_pk, form=False)
    if not request.htmx:
        return _anchor(task)
    context = {"task": task, "row": row, "editable": report_editable_by(request.user, task)}
    return render(request, "reports/_report_products.html#product_row", context)


@require_http_methods(["GET", "POST"])
@login_required
def product_edit(request, pk: int, product_pk: int):
    """The row's form (GET); saving it (POST) is checked and computed as a new row."""
    task = report_task_get_for(request.user, pk)
    row = _product_row(request, task, product_pk)
    if request.method == "GET":
        return _edit_row(request, task, row, _edit_form(task, row))
    form = _edit_form(task, row, request.POST)
    if not form.is_valid():
        return _edit_row(request, task, row, form, status=422 if request.htmx else 400)
    try:
        services.product_row_update(
            row_id=row.pk,
            task_id=task.pk,
            actor=request.user,
            data=form.cleaned_data,
            request=request,
        )
    except DomainError as exc:
        if not report_editable_by(request.user, task):
            return render_detail(request, task, status=exc.status_code, refusal=str(exc.message))
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return _edit_row(request, task, row, form, status=422 if request.htmx else exc.status_code)
    if request.htmx:
        return render_detail(request, task, fragment="data_response")
    messages.success(request, _("Saved."))
    return _anchor(task)


@require_POST
@login_required
def product_remove(request, pk: int, product_pk: int):
    task = report_task_get_for(request.user, pk)
    try:
        services.product_row_remove(
            row_id=product_pk, actor=request.user, task_id=task.pk, request=request
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return render_detail(request, task, status=exc.status_code)
    if request.htmx:
        return render_detail(request, task, fragment="data_response")
    return _anchor(task)


@role_required(Role.MINISTRY)
def benchmark_table_list(request):
    """The loaded tables and editions, and the form to upload a new one."""
    return render(
        request,
        "reports/benchmark_tables.html",
        {"tables": benchmark_table_list_for(request.user), "form": BenchmarkUploadForm()},
    )


@role_required(Role.MINISTRY)
def benchmark_table_detail(request, pk: int):
    table = benchmark_table_get_for(request.user, pk)
    return render(
        request,
        "reports/benchmark_table.html",
        {"table": table, "entries": list(table.entries.all())},
    )


@require_http_methods(["POST"])
@role_required(Role.MINISTRY)
def benchmark_table_upload(request):
    """A new table or edition from a CSV: all rows or none, each wrong row named."""
    form = BenchmarkUploadForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            content = data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            try:
                table = services.benchmark_table_upload(
                    actor=request.user, data=data, content=content, request=request
                )
            except services.UploadRefused as exc:
                errors = exc.errors
                form.add_error(None, str(exc.message))
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(
                    request,
                    _("%(table)s loaded with %(n)s entries.")
                    % {"table": table, "n": table.entries.count()},
                )
                return redirect("reports:benchmark-table", table.pk)
    context = {
        "tables": benchmark_table_list_for(request.user),
        "form": form,
        "row_errors": errors,
    }
    return render(request, "reports/benchmark_tables.html", context, status=400)
