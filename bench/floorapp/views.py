"""Floor views: one indexed query for the page's rows, a flat template or JSON."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template import engines

from enterprises.models import DiagnosisTask, PublishedEntry
from reports.diagnosis.selectors.report import REPORTING_STATES

# What a row of the intent list shows; the template extends nothing and loads no tags.
TASK_COLUMNS = ("id", "seq", "enterprise_name", "city", "diagnosis_type", "state",
                "organizer__name", "agency__name", "enterprise__credit_code")  # fmt: skip
ENTRY_COLUMNS = ("seq", "enterprise_name", "credit_code", "city", "organizer_name",
                 "agency_name", "diagnosis_type")  # fmt: skip
PAGE = engines["django"].from_string(
    """<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><h1>{{ title }}</h1><table><thead><tr>{% for c in columns %}<th>{{ c }}</th>
{% endfor %}</tr></thead><tbody>{% for row in rows %}<tr>{% for v in row %}<td>{{ v }}</td>
{% endfor %}</tr>{% endfor %}</tbody></table>
<a href="?page={{ next }}">{{ next }}</a></body></html>"""
)


def _page(request) -> tuple[int, int]:
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    return page, page + 1


def _tasks(request, *states: str):
    rows = DiagnosisTask.objects.filter(campaign_id=int(request.GET["campaign"]))
    if states:
        rows = rows.filter(state__in=states)
    # The (campaign, organizer, seq, id) index gives this order.
    return rows.order_by("campaign_id", "organizer_id", "seq", "id")


def _html(request, title: str, columns, rows) -> HttpResponse:
    _page_number, next_page = _page(request)
    context = {"title": title, "columns": columns, "rows": rows, "next": next_page}
    return HttpResponse(PAGE.render(context, request))


def _json(rows) -> HttpResponse:
    body = json.dumps({"results": rows}, cls=DjangoJSONEncoder, ensure_ascii=False)
    return HttpResponse(body, content_type="application/json")


def _slice(request, size: int) -> slice:
    page, _next = _page(request)
    return slice((page - 1) * size, page * size)


@login_required
def task_page(request):
    rows = _tasks(request).values_list(*TASK_COLUMNS)[_slice(request, 25)]
    return _html(request, "tasks", TASK_COLUMNS, list(rows))


@login_required
def report_page(request):
    rows = _tasks(request, *REPORTING_STATES).values_list(*TASK_COLUMNS)[_slice(request, 25)]
    return _html(request, "reports", TASK_COLUMNS, list(rows))


def _entries(request):
    entries = PublishedEntry.objects.filter(published_list_id=int(request.GET["list"]))
    return entries.order_by("published_list_id", "seq")


def public_page(request):
    rows = _entries(request).values_list(*ENTRY_COLUMNS)[_slice(request, 50)]
    return _html(request, "public", ENTRY_COLUMNS, list(rows))


@login_required
def task_api(request):
    return _json(list(_tasks(request).values(*TASK_COLUMNS)[_slice(request, 50)]))


@login_required
def entry_api(request):
    return _json(list(_entries(request).values(*ENTRY_COLUMNS)[_slice(request, 50)]))
