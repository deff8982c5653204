"""Scoping rules of the kernel's models."""

from .models import ApiToken, AuditLog, Campaign, DocumentJob, Notice
from .scoping import ALL, Rule, register

register(Campaign, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
# Personal: everyone, ministry staff included, sees only their own jobs and notices.
register(DocumentJob, Rule(organizer=ALL, agency=ALL, enterprise=ALL, owner="requested_by"))
register(Notice, Rule(organizer=ALL, agency=ALL, enterprise=ALL, owner="recipient"))
register(ApiToken, Rule(organizer=ALL, agency=ALL, enterprise=ALL, owner="user"))
register(AuditLog, Rule())
