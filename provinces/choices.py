from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizerKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    PLANNING_CITY = "planning_city", _("Planning city")
    CORPS = "corps", _("Xinjiang Production and Construction Corps")
    ASSOCIATION = "association", _("Industry association")
    GROUP = "group", _("Enterprise group")


class Form(models.IntegerChoices):
    """The four attachment forms of the notice; each organizer submits one of each per campaign."""

    PLAN = 1, _("Attachment 1: work plan")
    RECOMMENDATION = 2, _("Attachment 2: recommended agencies")
    INTENT = 3, _("Attachment 3: intent enterprise list")
    SUMMARY = 4, _("Attachment 4: work summary")


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
