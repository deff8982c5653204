"""Kernel pages: login, notices, health check."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .notices import notice_mark_all_read, notice_mark_read
from .security.captcha import captcha_pending
from .security.expired_post import stashed_page_for
from .security.forms import SignInForm
from .security.login_attempts import cooloff_minutes, login_attempts_left
from .selectors import notice_list_for


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True
    authentication_form = SignInForm

    def get_success_url(self) -> str:
        # A form sent after the session ended returns to its page, not to where it posted.
        # Without a next= of its own, the sign-in after the session ended returns there too.
        return stashed_page_for(
            self.request, super().get_success_url(), explicit=bool(self.get_redirect_url())
        )

    def form_invalid(self, form):
        """The page again, saying how many wrong passwords are left before the lockout, with a
        CAPTCHA once enough were wrong (a new challenge each time)."""
        if captcha_pending(self.request, form.data.get("username", "")):
            form.add_captcha()
        context = self.get_context_data(
            form=form,
            attempts_left=login_attempts_left(self.request, form.data.get("username", "")),
            cooloff_minutes=cooloff_minutes(self.request),
        )
        return self.render_to_response(context)


def _own_notices(user):
    # scope() hands the ministry every row of every model; notices are personal for everyone.
    return notice_list_for(user).filter(recipient=user)


@login_required
def notice_list(request):
    """The user's notices, unread first to see; POST marks them all read."""
    if request.method == "POST":
        count = notice_mark_all_read(actor=request.user)
        messages.success(
            request,
            ngettext("%(n)d notice marked as read.", "%(n)d notices marked as read.", count)
            % {"n": count},
        )
        return HttpResponseRedirect(request.path)
    unread_only = request.GET.get("show") == "unread"
    notices = _own_notices(request.user)
    shown = notices.filter(read_at__isnull=True) if unread_only else notices
    page = Paginator(shown, 30).get_page(request.GET.get("page"))
    return render(
        request, "portal/notice_list.html", {"page_obj": page, "unread_only": unread_only}
    )


@login_required
@require_POST
def notice_read(request, pk: int):
    """Mark one notice read and open what it links to."""
    notice = get_object_or_404(_own_notices(request.user), pk=pk)
    notice_mark_read(notice=notice, actor=request.user)
    target = notice.url if url_has_allowed_host_and_scheme(notice.url, None) else ""
    return HttpResponseRedirect(target or request.META.get("HTTP_REFERER") or "/")
