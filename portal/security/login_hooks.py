"""What happens at each sign-in and failed sign-in (connected by PortalConfig.ready())."""

from .audit_events import login_failed_record
from .sessions import on_user_logged_in as session_start
from .two_factor import on_user_logged_in as two_factor_check


def on_login(sender, request, user, **kwargs) -> None:
    two_factor_check(request, user)
    session_start(request, user)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    login_failed_record(credentials=credentials, request=request)
