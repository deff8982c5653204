"""The 附件1 panel of a submission page (agencies and enterprises register 附件2 and 附件3)."""

from .choices import Form
from .hooks import SUBMISSION_CONTENT, ContentPanel
from .models import Submission
from .selectors import plan_comparison, plan_for


def _plan_context(submission: Submission, user) -> dict:
    plan = plan_for(submission)
    return {"plan": plan, "comparison": plan_comparison(plan, submission)}


SUBMISSION_CONTENT[Form.PLAN] = ContentPanel(
    template="provinces/_plan_panel.html",
    context=_plan_context,
    edit_url_name="provinces:plan-edit",
)
