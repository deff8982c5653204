"""The 附件3 panel of a submission page, the plan's actual counts, and the 附件3 guard."""

from provinces.choices import Form
from provinces.hooks import PLAN_ACTUALS, SUBMISSION_CONTENT, ContentPanel
from provinces.services import SUBMIT_GUARDS

from .selectors import TaskFilters, letter_list_for, task_list_for, type_counts
from .services.letters import letters_require_signed


def _intent_context(submission, user) -> dict:
    tasks = task_list_for(user, submission.campaign, TaskFilters(organizer=submission.organizer_id))
    letters = letter_list_for(user, submission.campaign).filter(
        organizer_id=submission.organizer_id
    )
    counts = type_counts(submission.campaign_id, submission.organizer_id)
    return {
        "intent_tasks": tasks[:20],
        "intent_total": tasks.count(),
        "intent_letters": letters,
        "intent_counts": counts,
    }


def register() -> None:
    """The 附件3 panel, its submit guard (letters signed) and the plan's actual counts."""
    SUBMISSION_CONTENT[Form.INTENT] = ContentPanel(
        template="enterprises/_intent_panel.html",
        context=_intent_context,
        edit_url_name="enterprises:task-list",
    )
    if letters_require_signed not in SUBMIT_GUARDS[Form.INTENT]:
        SUBMIT_GUARDS[Form.INTENT].append(letters_require_signed)
    if type_counts not in PLAN_ACTUALS:
        PLAN_ACTUALS.append(type_counts)
