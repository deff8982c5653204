"""The adapter shape for a Chinese SMS gateway over HTTPS (one POST per message).

Settings (environment variables of the same names, see docs/notices.md):
`SMS_GATEWAY_URL` (the send endpoint), `SMS_GATEWAY_KEY` and `SMS_GATEWAY_SECRET` (the account's
access key and the secret that signs each request), `SMS_GATEWAY_SIGN_NAME` (the approved 签名,
e.g. 节能诊断服务平台), `SMS_GATEWAY_TEMPLATE_ID` (the approved template; it receives the params
`title` and `url`), `SMS_GATEWAY_TIMEOUT` (seconds).

Each request is a JSON body `{app_key, timestamp, nonce, sign_name, template_id, phone, params}`
signed with HMAC-SHA256 of the body under the secret (header `X-Signature`); the gateway answers
JSON with `code` "OK" (or "0") on success and a `message` otherwise. A provider with another
dialect (阿里云 dysmsapi, 腾讯云 SendSms) gets its own `_payload`/`_accepted` in a subclass.
The transport is injectable (`SmsBackend(transport=...)`), so tests make no network call.
"""

import hashlib
import hmac
import json
import secrets
import time
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import BaseSmsBackend, SmsError, SmsMessage

# transport(url, body, headers, timeout) -> (HTTP status, response body)
Transport = Callable[[str, bytes, dict[str, str], float], tuple[int, bytes]]


def urllib_transport(url: str, body: bytes, headers: dict[str, str], timeout: float):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https checked)
        return response.status, response.read()


class SmsBackend(BaseSmsBackend):
    def __init__(self, *, transport: Transport | None = None, **options) -> None:
        super().__init__(**options)
        self.url: str = str(options.get("url") or getattr(settings, "SMS_GATEWAY_URL", ""))
        if urlsplit(self.url).scheme != "https":
            raise ImproperlyConfigured("SMS_GATEWAY_URL must be an https:// address.")
        self.key = options.get("key") or settings.SMS_GATEWAY_KEY
        self.secret = (options.get("secret") or settings.SMS_GATEWAY_SECRET).encode()
        self.sign_name = options.get("sign_name") or settings.SMS_GATEWAY_SIGN_NAME
        self.template_id = options.get("template_id") or settings.SMS_GATEWAY_TEMPLATE_ID
        self.timeout = float(options.get("timeout") or settings.SMS_GATEWAY_TIMEOUT)
        self.transport = transport or urllib_transport

    def _payload(self, message: SmsMessage) -> dict:
        return {
            "app_key": self.key,
            "timestamp": int(time.time()),
            "nonce": secrets.token_hex(8),
            "sign_name": self.sign_name,
            "template_id": self.template_id,
            "phone": message.to,
            "params": message.params or {"text": message.text},
        }

    def _accepted(self, status: int, answer: bytes) -> tuple[bool, str]:
        try:
            data = json.loads(answer or b"{}")
        except ValueError:
            return False, f"HTTP {status}: not JSON"
        return status == 200 and str(data.get("code")) in {"OK", "0"}, str(data.get("message"))

    def send_one(self, message: SmsMessage) -> None:
        body = json.dumps(self._payload(message), ensure_ascii=False).encode()
        signature = hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json; charset=utf-8", "X-Signature": signature}
        try:
            status, answer = self.transport(self.url, body, headers, self.timeout)
        except OSError as exc:
            raise SmsError(f"SMS gateway unreachable: {exc}") from exc
        ok, reason = self._accepted(status, answer)
        if not ok:
            raise SmsError(f"SMS gateway refused the message to {message.to}: {reason}")

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send each message; one refused does not stop the others (all refusals are raised)."""
        sent, errors = 0, []
        for message in messages:
            try:
                self.send_one(message)
            except SmsError as exc:
                errors.append(str(exc))
            else:
                sent += 1
        if errors:
            raise SmsError("; ".join(errors))
        return sent
