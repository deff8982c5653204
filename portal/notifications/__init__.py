"""Notices on every step (SPEC §10): one home for telling people what happened.

`service.notify(kind=, event_key=, recipients=, title=, body=, url=)` writes the in-portal
`Notice` once per (kind, event, recipient) — a unique constraint, so a second call or a second
worker writes nothing — and, after the commit, sends the new ones by e-mail (and SMS where the
recipient chose it) through the `portal.deliver_notices` Celery task; notices of kinds a user
takes as a daily digest wait for `portal.send_notice_digest`.

Modules: kinds (what can be notified), recipients (who, in one query), service (notify),
delivery (e-mail, SMS, digest), sms (the pluggable SMS backends), preferences, tasks, views, api.
This package imports no app: the apps call it after their moves.
"""
