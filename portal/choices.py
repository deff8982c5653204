from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    ORGANIZER = "organizer", _("Organizer")
    AGENCY = "agency", _("Service agency")
    ENTERPRISE = "enterprise", _("Enterprise")


class CampaignState(models.TextChoices):
    """Whether a campaign takes writes; only the ministry moves it (portal/campaigns.py)."""

    OPEN = "open", pgettext_lazy("campaign state", "Open")
    CLOSED = "closed", pgettext_lazy("campaign state", "Closed")
    ARCHIVED = "archived", pgettext_lazy("campaign state", "Archived")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DocumentKind(models.TextChoices):
    FORM_PLAN = "form1", _("Attachment 1: work plan")
    FORM_RECOMMENDATION = "form2", _("Attachment 2: recommended agencies")
    FORM_INTENT = "form3", _("Attachment 3: intent enterprise list")
    FORM_SUMMARY_DOCX = "form4_docx", _("Attachment 4: summary (Word)")
    FORM_SUMMARY_PDF = "form4_pdf", _("Attachment 4: summary (PDF)")
    TASK_LETTER_DOCX = "letter_docx", _("Task letter (Word)")
    TASK_LETTER_PDF = "letter_pdf", _("Task letter (PDF)")
    PUBLISHED_LIST = "published_list", _("Published national list")
    PACKAGE = "package", _("Summary report package")
    EXPORT = "export", _("National export")


# The document of each form (附件1–3), of each 附件4 format and of each task letter format.
FORM_KINDS = {
    1: DocumentKind.FORM_PLAN,
    2: DocumentKind.FORM_RECOMMENDATION,
    3: DocumentKind.FORM_INTENT,
}
SUMMARY_KINDS = {"docx": DocumentKind.FORM_SUMMARY_DOCX, "pdf": DocumentKind.FORM_SUMMARY_PDF}
LETTER_KINDS = {"docx": DocumentKind.TASK_LETTER_DOCX, "pdf": DocumentKind.TASK_LETTER_PDF}


class Duty(models.TextChoices):
    """The three separated duties of ministry staff (三员分立, GB/T 22239-2019 8.1.4.2 d)."""

    NONE = "none", _("None (daily work)")
    SYSTEM = "system", _("System administrator")
    SECURITY = "security", _("Security administrator")
    AUDIT = "audit", _("Audit administrator")
