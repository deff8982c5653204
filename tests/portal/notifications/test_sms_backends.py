"""The SMS backends: console logs, locmem keeps, the gateway adapter signs and posts (no network)."""

import hashlib
import hmac
import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.notifications.sms import SmsError, SmsMessage, get_sms_backend, send_sms
from portal.notifications.sms.gateway import SmsBackend as GatewayBackend

GATEWAY = {
    "url": "https://sms.example.cn/v1/send",
    "key": "app-key",
    "secret": "app-secret",
    "sign_name": "节能诊断服务平台",
    "template_id": "SMS_0001",
    "timeout": 3,
}
MESSAGE = SmsMessage(to="13800000000", text="附件1已通过", params={"title": "附件1已通过"})


class FakeTransport:
    """Records each request and answers as the gateway would."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []

    def __call__(self, url, body, headers, timeout):
        self.requests.append((url, body, headers, timeout))
        return self.answers.pop(0)


def test_the_default_backend_writes_to_the_log(settings, caplog):
    """Console (the embedded default): the message is logged, nothing leaves the machine."""
    settings.SMS_BACKEND = "portal.notifications.sms.console.SmsBackend"
    with caplog.at_level(logging.INFO, logger="portal.sms"):
        assert send_sms([MESSAGE]) == 1
    assert "13800000000" in caplog.text
    assert "附件1已通过" in caplog.text


def test_the_test_backend_keeps_an_outbox(smsoutbox):
    """The tests' setting is the locmem backend."""
    send_sms([MESSAGE])
    assert smsoutbox == [MESSAGE]


def test_the_gateway_posts_a_signed_template_request():
    """One POST per message: the template, the sign name, the phone and the params, signed with
    HMAC-SHA256 of the body under the secret."""
    transport = FakeTransport([(200, b'{"code": "OK"}')])
    backend = get_sms_backend(
        "portal.notifications.sms.gateway.SmsBackend", transport=transport, **GATEWAY
    )
    assert backend.send_messages([MESSAGE]) == 1
    url, body, headers, timeout = transport.requests[0]
    payload = json.loads(body)
    assert url == GATEWAY["url"]
    assert timeout == 3
    assert payload["phone"] == "13800000000"
    assert payload["template_id"] == "SMS_0001"
    assert payload["sign_name"] == "节能诊断服务平台"
    assert payload["params"] == {"title": "附件1已通过"}
    expected = hmac.new(b"app-secret", body, hashlib.sha256).hexdigest()
    assert headers["X-Signature"] == expected


def test_a_refusal_is_an_error_naming_the_reason_and_the_others_still_go():
    """The gateway refuses the first message: the second is still sent, then SmsError."""
    transport = FakeTransport(
        [
            (200, '{"code": "isv.MOBILE_NUMBER_ILLEGAL", "message": "号码有误"}'.encode()),
            (200, b'{"code": "0"}'),
        ]
    )
    backend = GatewayBackend(transport=transport, **GATEWAY)
    with pytest.raises(SmsError, match="号码有误"):
        backend.send_messages([MESSAGE, SmsMessage(to="13900000000", text="x")])
    assert len(transport.requests) == 2


def test_an_unreachable_gateway_is_an_sms_error():
    def down(*args):
        raise TimeoutError("timed out")

    with pytest.raises(SmsError, match="unreachable"):
        GatewayBackend(transport=down, **GATEWAY).send_messages([MESSAGE])


def test_the_gateway_must_be_https():
    """Credentials never travel in clear text: an http:// endpoint is refused at start."""
    with pytest.raises(ImproperlyConfigured):
        GatewayBackend(transport=FakeTransport([]), **{**GATEWAY, "url": "http://sms.example.cn"})
