"""Deadline reminders (SPEC §3): notices in the portal and by e-mail, exactly once.

`reminders_send(today=)` is the daily job (Celery beat, `reports.send_reminders`); the notices
themselves are written and delivered by portal/notifications.
"""
