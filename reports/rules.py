"""Scoping rules of the reports app (SPEC §2).

A report belongs to its task's organizer, agency and enterprise. The agency sees its drafts; the
organizer and the enterprise see a report only once it has been submitted. Reference tables
(grading tables, the measure taxonomy, energy factors) are readable by everyone signed in.
"""

from portal.choices import Role
from portal.scoping import ALL, Rule
from portal.scoping import register as register_rule

from .models import (
    Acceptance,
    BenchmarkEntry,
    BenchmarkTable,
    CaseStory,
    CheckReason,
    DiagnosisReport,
    EnergyFactor,
    EnergyUse,
    Equipment,
    Feedback,
    FollowUp,
    GradingTable,
    Measure,
    MeasureCategory,
    MeasureEvent,
    ProductRow,
)


def _submitted_only(prefix: str):
    """Organizers and enterprises see a report (and its rows) only after it was submitted."""

    def extra(qs, user):
        if user.role == Role.AGENCY:
            return qs
        return qs.filter(**{f"{prefix}submitted_at__isnull": False})

    return extra


def _report_rule(prefix: str) -> Rule:
    task = f"{prefix}task__"
    return Rule(
        organizer=f"{task}organizer_id",
        agency=f"{task}agency_id",
        enterprise=f"{task}enterprise_id",
        refine=_submitted_only(prefix),
    )


def register() -> None:
    """The path from each model of the app to its tenant (called from AppConfig.ready())."""
    register_rule(DiagnosisReport, _report_rule(""))
    register_rule(EnergyUse, _report_rule("report__"))
    register_rule(Equipment, _report_rule("report__"))
    register_rule(Measure, _report_rule("report__"))
    register_rule(ProductRow, _report_rule("report__"))
    register_rule(MeasureEvent, _report_rule("measure__report__"))
    register_rule(Feedback, _report_rule("report__"))
    register_rule(CaseStory, _report_rule("report__"))
    register_rule(Acceptance, _report_rule("report__"))
    # A reason belongs to its task's tenants (read with the report or the intent list).
    register_rule(
        CheckReason,
        Rule(
            organizer="task__organizer_id",
            agency="task__agency_id",
            enterprise="task__enterprise_id",
        ),
    )
    # Follow-up records belong to the later task that made them.
    register_rule(
        FollowUp,
        Rule(
            organizer="task__organizer_id",
            agency="task__agency_id",
            enterprise="task__enterprise_id",
        ),
    )
    for model in (GradingTable, MeasureCategory, EnergyFactor, BenchmarkTable, BenchmarkEntry):
        register_rule(model, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
