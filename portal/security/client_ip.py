"""The client's IP address, for login throttling and the audit log.

Behind `PROXY_COUNT` reverse proxies the address is the entry that the outermost trusted proxy
appended to X-Forwarded-For (counted from the right): entries further left are whatever the
client sent and could be forged to dodge a lockout. Without proxies it is REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client that sent `request` (None when there is none)."""
    if request is None:
        return None
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
