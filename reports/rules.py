"""Scoping rules of the reports app (SPEC §2).

A report belongs to its task's organizer, agency and enterprise. The agency sees its drafts; the
organizer and the enterprise see a report only once it has been submitted. Reference tables
(grading tables, the measure taxonomy, energy factors) are readable by everyone signed in.
"""

from portal.choices import Role
from portal.scoping import ALL, Rule, register

from .models import (
    Acceptance,
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


register(DiagnosisReport, _report_rule(""))
register(EnergyUse, _report_rule("report__"))
register(Equipment, _report_rule("report__"))
register(Measure, _report_rule("report__"))
register(MeasureEvent, _report_rule("measure__report__"))
register(Feedback, _report_rule("report__"))
register(Acceptance, _report_rule("report__"))
# Follow-up records belong to the later task that made them.
register(
    FollowUp,
    Rule(
        organizer="task__organizer_id", agency="task__agency_id", enterprise="task__enterprise_id"
    ),
)
for model in (GradingTable, MeasureCategory, EnergyFactor):
    register(model, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
