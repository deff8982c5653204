"""Scoping rules: tasks belong to their organizer, their agency and their enterprise; the
published national list is public (SPEC §2), so every role sees all of it."""

from portal.scoping import ALL, Rule, register

from .models import (
    DiagnosisTask,
    Enterprise,
    Industry,
    PublishedEntry,
    PublishedList,
    TaskEvent,
    TaskLetter,
)

register(Industry, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
register(
    Enterprise,
    Rule(
        organizer="tasks__organizer_id", agency="tasks__agency_id", enterprise="pk", distinct=True
    ),
)
register(
    DiagnosisTask, Rule(organizer="organizer_id", agency="agency_id", enterprise="enterprise_id")
)
register(
    TaskEvent,
    Rule(
        organizer="task__organizer_id", agency="task__agency_id", enterprise="task__enterprise_id"
    ),
)
register(TaskLetter, Rule(organizer="organizer_id", agency="agency_id"))
register(PublishedList, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
register(PublishedEntry, Rule(organizer=ALL, agency=ALL, enterprise=ALL))
