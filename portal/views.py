"""Kernel pages: login, notices, health check."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .selectors import notice_get_for, notice_list_for


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


def healthz(request) -> HttpResponse:
    """Liveness and database reachability for the load balancer and docker-compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def notice_list(request):
    page = Paginator(notice_list_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "portal/notice_list.html", {"page_obj": page})


@login_required
@require_POST
def notice_read(request, pk: int):
    notice = notice_get_for(request.user, pk)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    target = notice.url if url_has_allowed_host_and_scheme(notice.url, None) else ""
    return HttpResponseRedirect(target or request.META.get("HTTP_REFERER") or "/")
