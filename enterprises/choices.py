from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DiagnosisType(models.TextChoices):
    """节能诊断类型 (SPEC §4): pages show the labels in the page's language (Chinese: the notice's
    words); generated documents and imported files use TYPE_WORDS whatever the language."""

    KEY_INDUSTRY = "key_industry", _("Key industry")
    SME = "sme", _("Small or medium enterprise")
    KEY_EQUIPMENT = "key_equipment", _("Key energy-using equipment")
    REGIONAL = "regional", _("Regional (industrial park)")
    FOLLOW_UP = "follow_up", _("Follow-up")


# The notice's own words for each diagnosis type: what forms, letters and lists print.
TYPE_WORDS: dict[str, str] = {
    DiagnosisType.KEY_INDUSTRY: "重点行业",
    DiagnosisType.SME: "中小企业",
    DiagnosisType.KEY_EQUIPMENT: "重点用能设备",
    DiagnosisType.REGIONAL: "区域集中式",
    DiagnosisType.FOLLOW_UP: "跟踪服务",
}


class SmeClass(models.TextChoices):
    """工信部联企业〔2011〕300号."""

    MEDIUM = "medium", pgettext_lazy("enterprise size", "Medium")
    SMALL = "small", pgettext_lazy("enterprise size", "Small")
    MICRO = "micro", pgettext_lazy("enterprise size", "Micro")


# The notice's words for each size, as forms print them (是（小型）).
SME_WORDS: dict[str, str] = {
    SmeClass.MEDIUM: "中型",
    SmeClass.SMALL: "小型",
    SmeClass.MICRO: "微型",
}


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
