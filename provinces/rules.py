"""Scoping rules: organizers see their own submissions; the list of organizers is public."""

from portal.scoping import ALL, Rule, register

from .models import Organizer, PlanContent, Submission, SubmissionEvent, SummaryContent

register(Organizer, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
register(Submission, Rule(organizer="organizer_id"))
register(SubmissionEvent, Rule(organizer="submission__organizer_id"))
register(PlanContent, Rule(organizer="submission__organizer_id"))
register(SummaryContent, Rule(organizer="submission__organizer_id"))
