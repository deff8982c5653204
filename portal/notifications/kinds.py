"""The kinds of notice a user can receive, and how each is delivered (no model imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """One value per move someone must act on or should know about; preferences are per kind.

    To add a kind: a value here (and its zh-hans label in locale/), the roles that receive it in
    ROLE_KINDS (the preferences page), a call to `notify(kind=...)` after the move, and a test.
    Existing preferences are untouched; the new kind starts immediate, without SMS.
    """

    REMINDER = "reminder", _("Deadline reminders")
    SUBMISSION_SUBMITTED = "submission_submitted", _("Form submitted")
    SUBMISSION_RETURNED = "submission_returned", _("Form returned")
    SUBMISSION_APPROVED = "submission_approved", _("Form approved")
    SUBMISSION_REOPENED = "submission_reopened", _("Form reopened")
    LIST_PUBLISHED = "list_published", _("National list published")
    LETTER_READY = "letter_ready", _("Task letter ready to sign")
    LETTER_SIGNED = "letter_signed", _("Task letter signed")
    REPORT_SUBMITTED = "report_submitted", _("Diagnosis report submitted")
    REPORT_RETURNED = "report_returned", _("Diagnosis report returned")
    REPORT_ACCEPTED = "report_accepted", _("Diagnosis report accepted")
    REPORT_TO_CONFIRM = "report_to_confirm", _("Diagnosis waiting for your confirmation")
    FOLLOW_UP_RECORDED = "follow_up_recorded", _("Follow-up recorded")
    ACCOUNT_INVITED = "account_invited", _("Account invited")


# The kinds each role can receive, in the order the preferences page lists them.
_EVERYONE = (NoticeKind.ACCOUNT_INVITED,)
ROLE_KINDS: dict[str, tuple[NoticeKind, ...]] = {
    "ministry": (NoticeKind.SUBMISSION_SUBMITTED, *_EVERYONE),
    "organizer": (
        NoticeKind.REMINDER,
        NoticeKind.SUBMISSION_RETURNED,
        NoticeKind.SUBMISSION_APPROVED,
        NoticeKind.SUBMISSION_REOPENED,
        NoticeKind.LIST_PUBLISHED,
        NoticeKind.LETTER_SIGNED,
        NoticeKind.REPORT_SUBMITTED,
        NoticeKind.FOLLOW_UP_RECORDED,
        *_EVERYONE,
    ),
    "agency": (
        NoticeKind.REMINDER,
        NoticeKind.LIST_PUBLISHED,
        NoticeKind.LETTER_READY,
        NoticeKind.LETTER_SIGNED,
        NoticeKind.REPORT_RETURNED,
        NoticeKind.REPORT_ACCEPTED,
        NoticeKind.FOLLOW_UP_RECORDED,
        *_EVERYONE,
    ),
    "enterprise": (
        NoticeKind.REPORT_TO_CONFIRM,
        NoticeKind.REPORT_ACCEPTED,
        NoticeKind.FOLLOW_UP_RECORDED,
        *_EVERYONE,
    ),
}


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("Daily digest")
