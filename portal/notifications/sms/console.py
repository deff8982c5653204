"""The default SMS backend: each message goes to the log (logger `portal.sms`), nothing is sent."""

import logging

from . import BaseSmsBackend, SmsMessage

log = logging.getLogger("portal.sms")


class SmsBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            log.info("SMS to %s: %s", message.to, message.text)
        return len(messages)
