"""Scoping rules: the registry is national (organizers search it to recommend); an agency sees
itself; recommendations belong to the organizer that made them and are visible to the agency."""

from portal.scoping import ALL, Rule, register

from .models import Agency, Recommendation

register(Agency, Rule(organizer=ALL, agency="pk", enterprise="tasks__enterprise_id", distinct=True))
register(Recommendation, Rule(organizer="organizer_id", agency="agency_id"))
