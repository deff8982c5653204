"""The report editor's data rows (energy, equipment, measures): add, edit in place, remove.

Adding, saving an edit and removing answer HTMX with the data fragment (rows and new totals);
opening an edit swaps one row for its form row, cancelling swaps it back, and a refused edit
shows its errors on that form row (422), leaving the other rows as they are. Without
JavaScript the same URLs render the whole page with the row in edit mode.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import DomainError
from reports.diagnosis.forms import EnergyUseForm, EquipmentForm, MeasureForm
from reports.diagnosis.selectors.report import (
    equipment_of,
    report_data,
    report_for,
    report_task_get_for,
)
from reports.diagnosis.services import editing
from reports.diagnosis.services.access import report_editable_by
from reports.diagnosis.views.common import refused, render_detail

ROW_FORMS = {
    "energy": ("energy_form", EnergyUseForm, editing.energy_use_add),
    "equipment": ("equipment_form", EquipmentForm, editing.equipment_add),
    "measure": ("measure_form", MeasureForm, editing.measure_add),
}
# The table each kind of row sits in: its partial (one display row) and its column count.
ROW_TABLES = {
    "energy": ("reports/_report_energy.html#energy_row", "energy_rows", 6),
    "equipment": ("reports/_report_equipment.html#equipment_row", "equipment_rows", 9),
    "measure": ("reports/_report_measures.html#measure_row", "measures", 11),
}


def _kind(kind: str) -> None:
    if kind not in ROW_FORMS:
        raise Http404


def _anchor(task, kind: str):
    return redirect(f"{reverse('reports:report-detail', args=[task.pk])}#{kind}")


def _make_form(task, kind: str, row_pk: int, data=None, initial=None):
    """The edit form of one row: its own ids (the add form is on the same page)."""
    form_class = ROW_FORMS[kind][1]
    extra = {"equipment": equipment_of(task)} if kind == "measure" else {}
    if initial is not None:  # 1200, not 1200.0000
        initial = {k: _plain(v) if isinstance(v, Decimal) else v for k, v in initial.items()}
    return form_class(data, initial=initial, auto_id=f"id_{kind}{row_pk}_%s", **extra)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _focus(form) -> None:
    """The first field with an error, else the first field: htmx focuses it after the swap."""
    errors = [name for name in form.fields if name in form.errors] if form.is_bound else []
    first = errors[0] if errors else next(iter(form.fields))
    form.fields[first].widget.attrs["autofocus"] = True


def _stored_row(request, task, kind: str, row_pk: int, *, form: bool = True):
    """The row as the table shows it (an energy line with its share), if the user may see it;
    a form to edit it only for the agency of a draft in an open year (404 for everyone else:
    there is nothing to edit, and a POST is refused by the service with the reason)."""
    report = report_for(request.user, task)
    rows = report_data(report)[ROW_TABLES[kind][1]] if report else []
    row = next((r for r in rows if r.pk == row_pk), None)
    if row is None or (
        form and request.method == "GET" and not report_editable_by(request.user, task)
    ):
        raise Http404
    return row


def _edit_row(request, task, kind: str, row, form, *, status: int = 200):
    """The form row alone (HTMX), or the whole page with that row in edit mode."""
    _focus(form)
    edit = {"kind": kind, "pk": row.pk, "form": form, "row": row, "cols": ROW_TABLES[kind][2]}
    if not request.htmx:
        return render_detail(request, task, status=status, edit_row=edit)
    context = {"task": task, "kind": kind, **edit}
    response = render(request, "reports/_report_row_edit.html", context, status=status)
    if status != 200:  # the form posts to #report-data; a refusal stays on its row
        response["HX-Retarget"] = f"#{kind}-row-{row.pk}"
        response["HX-Reswap"] = "outerHTML"
    return response


@require_POST
@login_required
def row_add(request, pk: int, kind: str):
    """Add an energy, equipment or measure row; HTMX gets the data fragment with new totals."""
    _kind(kind)
    task = report_task_get_for(request.user, pk)
    name, form_class, service = ROW_FORMS[kind]
    kwargs = {"equipment": equipment_of(task)} if kind == "measure" else {}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        status = 422 if request.htmx else 400
        fragment = "data_response" if request.htmx else ""
        return render_detail(request, task, status=status, fragment=fragment, **{name: form})
    try:
        service(task_id=task.pk, actor=request.user, data=form.cleaned_data, request=request)
    except DomainError as exc:
        return refused(request, task, exc, name, form, fragment="data_response")
    if request.htmx:
        return render_detail(request, task, fragment="data_response")
    return _anchor(task, kind)


@require_GET
@login_required
def row_show(request, pk: int, kind: str, row_pk: int):
    """One stored row as the table shows it to the user: what "Cancel" of an edit swaps back."""
    _kind(kind)
    task = report_task_get_for(request.user, pk)
    row = _stored_row(request, task, kind, row_pk, form=False)
    if not request.htmx:
        return _anchor(task, kind)
    editable = report_editable_by(request.user, task)
    context = {
        "task": task,
        "row": row,
        "editable": editable,
        "focus_kind": kind,
        "focus_pk": row.pk,
    }
    return render(request, ROW_TABLES[kind][0], context)


@require_http_methods(["GET", "POST"])
@login_required
def row_edit(request, pk: int, kind: str, row_pk: int):
    """The row's form (GET); saving it (POST) goes through the same checks as adding one."""
    _kind(kind)
    task = report_task_get_for(request.user, pk)
    row = _stored_row(request, task, kind, row_pk)
    if request.method == "GET":
        form = _make_form(task, kind, row.pk, initial=editing.row_input(kind, row))
        return _edit_row(request, task, kind, row, form)
    form = _make_form(task, kind, row.pk, data=request.POST)
    if not form.is_valid():
        return _edit_row(request, task, kind, row, form, status=422 if request.htmx else 400)
    try:
        editing.report_row_update(
            kind=kind,
            row_id=row.pk,
            task_id=task.pk,
            actor=request.user,
            data=form.cleaned_data,
            request=request,
        )
    except DomainError as exc:
        if not request.htmx and not report_editable_by(request.user, task):
            return render_detail(request, task, status=exc.status_code, refusal=str(exc.message))
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        status = 422 if request.htmx else exc.status_code
        return _edit_row(request, task, kind, row, form, status=status)
    if request.htmx:
        return render_detail(
            request, task, fragment="data_response", focus_kind=kind, focus_pk=row.pk
        )
    messages.success(request, _("Saved."))
    return _anchor(task, kind)


@require_POST
@login_required
def row_remove(request, pk: int, kind: str, row_pk: int):
    _kind(kind)
    task = report_task_get_for(request.user, pk)
    try:
        editing.report_row_remove(
            kind=kind, row_id=row_pk, actor=request.user, task_id=task.pk, request=request
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return render_detail(request, task, status=exc.status_code)
    if request.htmx:
        return render_detail(request, task, fragment="data_response")
    return _anchor(task, kind)
