"""The 附件1 panel of a submission page and its submit guard (agencies, enterprises and reports
register 附件2, 附件3 and 附件4 the same way, from their AppConfig.ready())."""

from .choices import Form
from .hooks import SUBMISSION_CONTENT, ContentPanel
from .models import Submission
from .selectors import plan_comparison, plan_for
from .services import SUBMIT_GUARDS, plan_require_complete


def _plan_context(submission: Submission, user) -> dict:
    plan = plan_for(submission)
    return {"plan": plan, "comparison": plan_comparison(plan, submission)}


def register() -> None:
    SUBMISSION_CONTENT[Form.PLAN] = ContentPanel(
        template="provinces/_plan_panel.html",
        context=_plan_context,
        edit_url_name="provinces:plan-edit",
    )
    if plan_require_complete not in SUBMIT_GUARDS[Form.PLAN]:
        SUBMIT_GUARDS[Form.PLAN].append(plan_require_complete)
