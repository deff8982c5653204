"""Scoping rules: tasks belong to their organizer, their agency and their enterprise; the
published national list is public (SPEC §2), so every role sees all of it."""

from portal.scoping import ALL, Rule
from portal.scoping import register as register_rule

from .models import (
    DiagnosisTask,
    Enterprise,
    Industry,
    PublishedEntry,
    PublishedList,
    TaskEvent,
    TaskLetter,
)


def register() -> None:
    """The path from each model of the app to its tenant (called from AppConfig.ready())."""
    register_rule(Industry, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
    register_rule(
        Enterprise,
        Rule(
            organizer="tasks__organizer_id",
            agency="tasks__agency_id",
            enterprise="pk",
            distinct=True,
        ),
    )
    register_rule(
        DiagnosisTask,
        Rule(organizer="organizer_id", agency="agency_id", enterprise="enterprise_id"),
    )
    register_rule(
        TaskEvent,
        Rule(
            organizer="task__organizer_id",
            agency="task__agency_id",
            enterprise="task__enterprise_id",
        ),
    )
    register_rule(TaskLetter, Rule(organizer="organizer_id", agency="agency_id"))
    register_rule(PublishedList, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
    register_rule(PublishedEntry, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
