"""The 附件2 panel of a submission page, and the check before 附件2 is submitted."""

from django.utils.translation import gettext as _

from portal.errors import DomainError
from provinces.choices import Form
from provinces.hooks import SUBMISSION_CONTENT, ContentPanel
from provinces.services import SUBMIT_GUARDS

from .models import Recommendation
from .selectors import recommendation_list_for


def _recommendation_context(submission, user) -> dict:
    return {
        "recommendations": recommendation_list_for(user, submission.campaign, submission.organizer)
    }


def _has_recommendations(submission) -> None:
    """附件2 cannot be submitted empty."""
    if not Recommendation.objects.filter(
        campaign_id=submission.campaign_id, organizer_id=submission.organizer_id
    ).exists():
        raise DomainError(_("Recommend at least one agency before submitting."))


def register() -> None:
    """The 附件2 panel of the submission page and its submit guard (AgenciesConfig.ready())."""
    SUBMISSION_CONTENT[Form.RECOMMENDATION] = ContentPanel(
        template="agencies/_recommendation_panel.html",
        context=_recommendation_context,
        edit_url_name="agencies:recommendation-list",
    )
    if _has_recommendations not in SUBMIT_GUARDS[Form.RECOMMENDATION]:
        SUBMIT_GUARDS[Form.RECOMMENDATION].append(_has_recommendations)
