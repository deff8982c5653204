"""Scoping rules of the kernel's models."""

from .models import ApiToken, AuditLog, Campaign, DocumentJob, Notice
from .scoping import ALL, Rule
from .scoping import register as register_rule


def register() -> None:
    """The path from each model of the app to its tenant (called from AppConfig.ready())."""
    register_rule(Campaign, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
    # Personal: everyone, ministry staff included, sees only their own jobs and notices.
    register_rule(
        DocumentJob, Rule(organizer=ALL, agency=ALL, enterprise=ALL, owner="requested_by")
    )
    register_rule(Notice, Rule(organizer=ALL, agency=ALL, enterprise=ALL, owner="recipient"))
    register_rule(ApiToken, Rule(organizer=ALL, agency=ALL, enterprise=ALL, owner="user"))
    register_rule(AuditLog, Rule())
