"""Scoping rules: organizers see their own submissions; the list of organizers is public."""

from portal.scoping import ALL, Rule
from portal.scoping import register as register_rule

from .models import Organizer, PlanContent, Submission, SubmissionEvent, SummaryContent


def register() -> None:
    """The path from each model of the app to its tenant (called from AppConfig.ready())."""
    register_rule(Organizer, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
    register_rule(Submission, Rule(organizer="organizer_id"))
    register_rule(SubmissionEvent, Rule(organizer="submission__organizer_id"))
    register_rule(PlanContent, Rule(organizer="submission__organizer_id"))
    register_rule(SummaryContent, Rule(organizer="submission__organizer_id"))
