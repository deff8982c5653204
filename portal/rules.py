"""Scoping rules of the kernel's models."""

from .models import AuditLog, Campaign, DocumentJob, Notice
from .scoping import ALL, Rule, register


def _own(qs, user):
    return qs.filter(requested_by=user) if qs.model is DocumentJob else qs.filter(recipient=user)


register(Campaign, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
register(DocumentJob, Rule(organizer=ALL, agency=ALL, enterprise=ALL, refine=_own))
register(Notice, Rule(organizer=ALL, agency=ALL, enterprise=ALL, refine=_own))
register(AuditLog, Rule())
