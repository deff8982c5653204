"""Scoping rules: the registry is national (organizers search it to recommend); an agency sees
itself; recommendations belong to the organizer that made them and are visible to the agency."""

from portal.scoping import ALL, Rule
from portal.scoping import register as register_rule

from .models import Agency, Recommendation


def register() -> None:
    """The path from each model of the app to its tenant (called from AppConfig.ready())."""
    register_rule(
        Agency, Rule(organizer=ALL, agency="pk", enterprise="tasks__enterprise_id", distinct=True)
    )
    register_rule(Recommendation, Rule(organizer="organizer_id", agency="agency_id"))
