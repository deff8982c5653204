"""Diagnosis reports, their structured data, review, follow-up and the reference tables.

DiagnosisReport (one per task, with the file) holds EnergyUse, Equipment and Measure rows; its
review is Feedback (the enterprise's) and Acceptance rows (the organizer's decisions with the
notice's four-criteria checklist); FollowUp records a later campaign's look at an earlier
measure. GradingTable, MeasureCategory and EnergyFactor are reference data with their standard.
"""

from .benchmarking import BenchmarkEntry, BenchmarkTable, ProductRow
from .cases import CaseStory
from .checks import CheckReason, CheckRule
from .energy_factor import EnergyFactor
from .follow_up import FollowUp
from .measures import Measure, MeasureEvent
from .reference import GradingTable, MeasureCategory
from .report import DiagnosisReport
from .review import Acceptance, Feedback
from .rows import EnergyUse, Equipment

__all__ = [
    "Acceptance",
    "BenchmarkEntry",
    "BenchmarkTable",
    "CaseStory",
    "CheckReason",
    "CheckRule",
    "DiagnosisReport",
    "EnergyFactor",
    "EnergyUse",
    "Equipment",
    "Feedback",
    "FollowUp",
    "GradingTable",
    "Measure",
    "MeasureCategory",
    "MeasureEvent",
    "ProductRow",
]
