"""What the audit log records besides changes (GB/T 22239-2019 8.1.4.3): failed sign-ins,
lock-outs, permission refusals (every 403, pages and API) and file downloads (every response
sent as a file, pages and API), so no view has to remember to record them.
"""

from portal.audit import audit_record
from portal.models import User

FAILED = "auth.login_failed"
LOCKED = "auth.locked_out"
DENIED = "access.denied"
DOWNLOAD = "export.download"


def _sign_in_record(action: str, username, request) -> None:
    """A sign-in that did not happen: the name tried and, as the object, the account under attack
    if it exists (so the record is filed under its organizer). No actor: nobody signed in."""
    username = str(username or "")[:150]
    account = User.objects.filter(username=username).first() if username else None
    audit_record(
        actor=None,
        action=action,
        obj=account,
        object_type="portal.user",
        summary=username,
        request=request,
    )


def login_failed_record(*, credentials: dict, request=None) -> None:
    """A wrong password or an unknown user name."""
    _sign_in_record(FAILED, (credentials or {}).get("username"), request)


def locked_out_record(*, username: str, request=None) -> None:
    """django-axes locked the name out after too many failures."""
    _sign_in_record(LOCKED, username, request)


def _download_name(response) -> str | None:
    disposition = response.get("Content-Disposition", "")
    return disposition if "filename" in disposition or "attachment" in disposition else None


class AuditResponseMiddleware:
    """After AuthenticationMiddleware: records refusals and downloads nobody recorded yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            self._record(request, DENIED, f"{request.method} {request.get_full_path()}")
        elif response.status_code == 200 and not getattr(request, "audit_recorded", False):
            name = _download_name(response)
            if name:
                self._record(request, DOWNLOAD, f"{request.get_full_path()} {name}")
        return response

    @staticmethod
    def _record(request, action: str, summary: str) -> None:
        user = getattr(request, "user", None)
        audit_record(
            actor=user if user is not None and user.is_authenticated else None,
            action=action,
            object_type="http.request",
            summary=summary,
            request=request,
        )
