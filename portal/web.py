"""Page helpers every app shares: role checks, refusals, pagination, campaign tabs, xlsx."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from portal.errors import DomainError
from portal.jobs.state import job_is_waiting
from portal.selectors import campaign_list

PAGE_SIZES = (10, 25, 50, 100)


def role_required(*roles: str) -> Callable:
    """Login, then 403 unless the user has one of `roles` (their data is scoped anyway)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def refuse(request, exc: DomainError, to: str, *args, **kwargs):
    """A refused POST: the reason as an error message, back to the page (303 See Other)."""
    messages.error(request, str(exc.message))
    response = redirect(to, *args, **kwargs)
    response.status_code = 303
    return response


def job_queued_message(request, job) -> None:
    """After a page queued `job`: when the broker refused it, say that the file waits."""
    if job_is_waiting(job):
        messages.warning(request, job.error, fail_silently=True)


def paginate(request, qs, default: int = 25, paginator=Paginator) -> Page:
    """The page asked for; ?per_page= takes one of PAGE_SIZES. `paginator`: another class,
    e.g. portal.dataversion.VersionedPaginator for a long list (cached count, deep pages)."""
    try:
        per_page = int(request.GET.get("per_page", default))
    except ValueError:
        per_page = default
    if per_page not in PAGE_SIZES:
        per_page = default
    return paginator(qs, per_page).get_page(request.GET.get("page"))


def campaign_tabs(campaign, path: str, campaigns=None) -> list[dict]:
    """Link tabs to the same page in each campaign (2019, 2020 history; the current year).

    `campaigns`: the list the page already read (no second query); all campaigns otherwise.
    """
    return [
        {
            "id": c.year,
            "label": str(c.year),
            "active": campaign is not None and c.pk == campaign.pk,
            "url": f"{path}?year={c.year}",
            "count": None,
        }
        for c in (campaign_list() if campaigns is None else campaigns)
    ]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An xlsx download; the Chinese file name travels RFC 6266-encoded."""
    response = HttpResponse(content, content_type=XLSX)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if disposition:  # always, for an attachment with a name
        response["Content-Disposition"] = disposition
    return response
