"""Extension points the apps to the right of provinces fill in from their AppConfig.ready.

Imports flow one way (portal ← provinces ← agencies ← enterprises ← reports), so the submission
pages cannot import the recommendation or intent-list code; those apps register here instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import Submission


@dataclass(frozen=True)
class ContentPanel:
    """What a submission page shows of one form's content, and where the organizer edits it."""

    template: str
    context: Callable[[Submission, Any], dict]
    edit_url_name: str = ""


# form number → the panel (附件1 is registered by provinces itself).
SUBMISSION_CONTENT: dict[int, ContentPanel] = {}


@dataclass(frozen=True)
class PrintContent:
    """What the print view of a form shows of its content: `template` with `context(submission)`
    (the form's data in full, as the ministry's file lays it out)."""

    template: str
    context: Callable[[Submission], dict]


# form number → its print content (reports registers 附件1–4, from ReportsConfig.ready()).
SUBMISSION_PRINT: dict[int, PrintContent] = {}

# Counts of the intent list by diagnosis type for the plan's "planned vs actual":
# f(campaign_id, organizer_id) → {"key_industry": 12, ...}.
PLAN_ACTUALS: list[Callable[[int, int], dict[str, int]]] = []


def plan_actuals(campaign_id: int, organizer_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for counter in PLAN_ACTUALS:
        for key, value in counter(campaign_id, organizer_id).items():
            counts[key] = counts.get(key, 0) + value
    return counts
