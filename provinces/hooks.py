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

# Counts of the intent list by diagnosis type for the plan's "planned vs actual":
# f(campaign_id, organizer_id) → {"key_industry": 12, ...}.
PLAN_ACTUALS: list[Callable[[int, int], dict[str, int]]] = []


def plan_actuals(campaign_id: int, organizer_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for counter in PLAN_ACTUALS:
        for key, value in counter(campaign_id, organizer_id).items():
            counts[key] = counts.get(key, 0) + value
    return counts
