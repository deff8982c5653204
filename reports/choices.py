"""Choices of the diagnosis reports: equipment, gradings, measures and their lifecycle, feedback."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EquipmentType(models.TextChoices):
    """The seven kinds of key energy-using equipment of SPEC §4 (重点用能设备)."""

    TRANSFORMER = "transformer", _("Transformer")
    MOTOR = "motor", _("Motor")
    FAN = "fan", _("Fan")
    AIR_COMPRESSOR = "air_compressor", _("Air compressor")
    PUMP = "pump", _("Pump")
    BOILER = "boiler", _("Boiler")
    KILN = "kiln", _("Kiln")


# The unit a rating is given in when the agency does not say otherwise.
DEFAULT_RATING_UNIT = {
    EquipmentType.TRANSFORMER: "kVA",
    EquipmentType.BOILER: "t/h",
    EquipmentType.KILN: "kW",
}


class Rating(models.TextChoices):
    """Where a piece of equipment stands against its minimum energy performance standard."""

    GRADED = "graded", _("Graded")
    ENERGY_SAVING = "energy_saving", _("Reaches the energy-saving evaluation value")
    MEETS_LIMIT = "meets_limit", _("Meets the limit value")
    BELOW_LIMIT = "below_limit", _("Below the limit value")
    NO_GRADING = "no_grading", _("No grading")
    NO_TABLE = "no_table", _("No grading table")


class GradingFormat(models.TextChoices):
    """How a grading table's data is laid out (see reports/calculations/README.md)."""

    MOTOR = "motor", _("Motor efficiency by kW and poles")
    PUMP = "pump", _("Pump base efficiency and correction (method)")
    PUMP_FORMULA = "pump_formula", _("Pump efficiency formula and constants by grade")
    THRESHOLDS = "thresholds", _("Thresholds by grade")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class TaxonomyLevel(models.TextChoices):
    SYSTEM = "system", _("System")
    SUBSYSTEM = "subsystem", _("Subsystem")
    MEASURE = "measure", pgettext_lazy("taxonomy level", "Measure")  # 措施, not a report's 节能建议


class MeasureKind(models.TextChoices):
    """The notice's category of a measure: technical or management."""

    TECHNICAL = "technical", _("Technical")
    MANAGEMENT = "management", _("Management")


class MeasureState(models.TextChoices):
    """Lifecycle of a measure, followed up in later campaigns (跟踪服务)."""

    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    VERIFIED = "verified", _("Verified")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    UNKNOWN = "unknown", _("Unknown")


REALIZED_STATES = frozenset({MeasureState.IMPLEMENTED, MeasureState.VERIFIED})


class EnterpriseProgress(models.TextChoices):
    """What the enterprise itself reports about an earlier measure in a follow-up (跟踪服务)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")


class FactorSource(models.TextChoices):
    DEFAULT = "default", _("Default factor of the standard")
    MEASURED = "measured", _("Measured heating value")


class FeedbackSource(models.TextChoices):
    ENTERPRISE = "enterprise", _("Entered by the enterprise")
    PHONE = "phone", _("Taken by phone on the enterprise's behalf")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accepted")
    RETURN = "return", _("Returned")


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"


class CheckSeverity(models.TextChoices):
    """How a data check counts at submit: an error blocks, a warning needs a written reason."""

    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")
    OFF = "off", _("Off")


class CheckCode(models.TextChoices):
    """The plausibility checks of a report and of an intent list (reports/checks/evaluate.py)."""

    PAYBACK_TECHNICAL = "payback_technical", _("Payback of a technical measure")
    PAYBACK_MANAGEMENT = "payback_management", _("Payback of a management measure")
    SAVINGS_EXCEED = "savings_exceed", _("Savings larger than the consumption")
    SAVINGS_SHARE = "savings_share", _("Share of the consumption saved")
    ENERGY_VS_LIST = "energy_vs_list", _("Report energy against the intent list")
    EQUIPMENT_BALANCE = "equipment_balance", _("Equipment electricity against the consumption")
    EQUIPMENT_MISSING = "equipment_missing", _("No equipment for a large electricity use")
    EQUIPMENT_NO_TABLE = "equipment_no_table", _("Equipment outside its grading table")
    CO2_FACTOR = "co2_factor", _("CO₂ reduction against the campaign's factor")
    SME_ENERGY = "sme_energy", _("SME diagnosis of a large energy user")
    KEY_SECTOR = "key_sector", _("Key-industry diagnosis outside the five sectors")
    CREDIT_REGION = "credit_region", _("Credit code from another region")
