from django.db import models
from django.utils.translation import gettext_lazy as _


class DiagnosisType(models.TextChoices):
    """节能诊断类型 (SPEC §4); the labels are the notice's own words."""

    KEY_INDUSTRY = "key_industry", "重点行业"
    SME = "sme", "中小企业"
    KEY_EQUIPMENT = "key_equipment", "重点用能设备"
    REGIONAL = "regional", "区域集中式"
    FOLLOW_UP = "follow_up", "跟踪服务"


class SmeClass(models.TextChoices):
    """工信部联企业〔2011〕300号."""

    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


class TaskState(models.TextChoices):
    MATCHED = "matched", _("Matched to an agency")
    LETTER_SIGNED = "letter_signed", _("Task letter signed")
    PUBLISHED = "published", _("Published")
    REPORTED = "reported", _("Report submitted")
    RETURNED = "returned", _("Report returned")
    ACCEPTED = "accepted", _("Accepted")


class LetterState(models.TextChoices):
    DRAFT = "draft", _("Not yet signed")
    SIGNED = "signed", _("Signed")
