"""The equipment grading tables, read-only: /reports/grading-tables/ and one table's rows."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.choices import Role
from portal.web import role_required
from reports.diagnosis.selectors.grading_tables import (
    grading_table_get,
    grading_table_list,
    grading_table_rows,
)
from reports.models import GradingTable

# Staff roles: the ministry keeps the tables; organizers and agencies read what grades a report.
STAFF = (Role.MINISTRY, Role.ORGANIZER, Role.AGENCY)


@require_GET
@role_required(*STAFF)
def grading_table_list_view(request):
    return render(request, "reports/grading_table_list.html", {"tables": grading_table_list()})


@require_GET
@role_required(*STAFF)
def grading_table_detail(request, pk: int):
    try:
        table = grading_table_get(pk)
    except GradingTable.DoesNotExist:
        raise Http404 from None
    rows = grading_table_rows(table)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/grading_table_detail.html",
        {
            "table": table,
            "page_obj": page,
            "count": len(rows),
            "grades": table.data.get("grades", [1, 2, 3]),
        },
    )
