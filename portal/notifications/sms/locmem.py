"""The tests' SMS backend: messages are kept in `outbox` (emptied by the tests' fixture)."""

from . import BaseSmsBackend, SmsMessage

outbox: list[SmsMessage] = []


class SmsBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)
