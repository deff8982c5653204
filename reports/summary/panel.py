"""附件4 on the submission page: the narrative, the figures and the Word/PDF buttons.

provinces cannot import reports (imports flow one way), so reports registers the panel of form 4
in provinces.hooks from ReportsConfig.ready(), as agencies and enterprises do for 附件2 and 3.
"""

from provinces.choices import Form
from provinces.hooks import SUBMISSION_CONTENT, ContentPanel
from provinces.models import Submission
from reports.summary.dimensions import acceptance_outcomes, outcomes_context
from reports.summary.selectors import summary_content, summary_data, summary_pending_count


def _context(submission: Submission, user) -> dict:
    campaign, organizer = submission.campaign, submission.organizer
    summary = summary_data(campaign, organizer)
    return {
        "summary": summary,
        **outcomes_context(summary, acceptance_outcomes(campaign, organizer)),
        "summary_content": summary_content(campaign, organizer),
        "pending": summary_pending_count(campaign, organizer),
    }


def register() -> None:
    SUBMISSION_CONTENT[Form.SUMMARY] = ContentPanel(
        template="reports/summary_panel.html",
        context=_context,
        edit_url_name="reports:summary-edit",
    )
