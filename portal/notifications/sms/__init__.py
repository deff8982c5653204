"""Text messages through a pluggable backend, chosen like EMAIL_BACKEND by `SMS_BACKEND`.

- `portal.notifications.sms.console.SmsBackend` (default): writes each message to the log.
- `portal.notifications.sms.locmem.SmsBackend` (tests): keeps them in `locmem.outbox`.
- `portal.notifications.sms.gateway.SmsBackend`: an HTTP SMS gateway (阿里云、腾讯云 or a
  provincial government gateway behind an adapter), configured by the `SMS_GATEWAY_*` settings.

A backend takes a list of `SmsMessage` and returns how many were accepted; it raises
`SmsError` when the gateway refuses. Chinese gateways send only pre-approved templates, so a
message carries the template's parameters besides its plain text.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "portal.notifications.sms.console.SmsBackend"


class SmsError(Exception):
    """The gateway refused or could not be reached."""


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str
    params: dict[str, str] = field(default_factory=dict)


class BaseSmsBackend:
    def __init__(self, **options) -> None:
        self.options = options

    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise NotImplementedError


def get_sms_backend(path: str | None = None, **options) -> BaseSmsBackend:
    backend = import_string(path or str(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND)))
    return backend(**options)


def send_sms(messages: list[SmsMessage]) -> int:
    return get_sms_backend().send_messages(messages) if messages else 0
