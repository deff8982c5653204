"""Deadline reminders and notices (SPEC §3): sent by e-mail and in the portal, exactly once.

`reminders_send(today=)` is the daily job (Celery beat, `reports.send_reminders`);
`submission_returned_notify(event_id=)` tells an organizer the ministry returned a form.
"""
