"""The audit log for the ministry's security officers: filter, page through, export.

Reading and exporting the log are themselves recorded in it.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from .audit import audit_record
from .security.audit_labels import audit_rows_in_words
from .security.audit_log import (
    EXPORT_COLUMNS,
    audit_actions,
    audit_export_rows,
    audit_filter_summary,
    audit_log_list_for,
    audit_reader_check,
)
from .security.export import csv_chunks, xlsx_file
from .security.forms import AuditFilterForm

EXPORT_FORMATS = {"csv", "xlsx"}


def _filtered(request):
    """The bound filter form and the matching records (all records if the form is invalid)."""
    audit_reader_check(request.user)
    form = AuditFilterForm(request.GET or None, actions=audit_actions())
    data = form.cleaned_data if form.is_valid() else {}
    filters = {
        "date_from": data.get("date_from"),
        "date_to": data.get("date_to"),
        "user_query": data.get("user", ""),
        "organizer": data.get("organizer"),
        "action": data.get("action", ""),
    }
    return form, filters, audit_log_list_for(request.user, **filters)


@login_required
def audit_log(request):
    form, filters, records = _filtered(request)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    # Read the page before recording this view: the record would otherwise take a place on
    # the page whose size was counted without it, pushing the last record off.
    rows = audit_rows_in_words(page.object_list)
    audit_record(
        actor=request.user,
        action="audit.view",
        object_type="portal.auditlog",
        summary=audit_filter_summary(filters),
        request=request,
    )
    return render(request, "portal/audit_log.html", {"form": form, "page_obj": page, "rows": rows})


@login_required
def audit_export(request):
    """The filtered records as CSV (streamed) or xlsx (`?format=`), recorded before sending."""
    _form, filters, records = _filtered(request)
    fmt = request.GET.get("format") if request.GET.get("format") in EXPORT_FORMATS else "csv"
    audit_record(
        actor=request.user,
        action="audit.export",
        object_type="portal.auditlog",
        summary=f"{fmt}: {audit_filter_summary(filters)}",
        request=request,
    )
    name = f"audit-log-{timezone.localdate():%Y%m%d}.{fmt}"
    rows = audit_export_rows(records)
    if fmt == "xlsx":
        return FileResponse(xlsx_file(EXPORT_COLUMNS, rows), as_attachment=True, filename=name)
    response = StreamingHttpResponse(
        csv_chunks(EXPORT_COLUMNS, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
