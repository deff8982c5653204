"""Everything the dashboard page shows, in one call with a fixed number of queries.

Queries, whatever the number of organizers and tasks: organizers (1), submissions (1),
acceptance per organizer (1), tasks by organizer/type/sector/state (1), submitted plans (1),
report outcomes and feedback (see dashboard_outcomes), and for an organizer its agencies (1).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from reports.dashboard.selectors.agencies import AgencyProgress, dashboard_agencies
from reports.dashboard.selectors.matrix import Matrix, dashboard_matrix, organizers_for
from reports.dashboard.selectors.outcomes import Outcomes, dashboard_outcomes
from reports.dashboard.selectors.progress import Progress, dashboard_progress


@dataclass
class Dashboard:
    campaign: object
    today: dt.date
    matrix: Matrix
    progress: Progress
    outcomes: Outcomes
    agencies: list[AgencyProgress]
    is_national: bool


def dashboard_get_for(
    user,
    campaign,
    *,
    kind: str = "",
    q: str = "",
    milestone: str = "",
    state: str = "",
    today: dt.date | None = None,
) -> Dashboard:
    """The dashboard of `campaign` for `user`: the nation for the ministry, else its organizer."""
    today = today or timezone.localdate()
    organizers = organizers_for(user, kind=kind, q=q)
    matrix = dashboard_matrix(
        user, campaign, organizers=organizers, today=today, milestone=milestone, state=state
    )
    progress = dashboard_progress(user, campaign, organizers=organizers)
    outcomes = dashboard_outcomes(user, campaign, organizers=organizers)
    agencies = (
        []
        if user.is_ministry
        else dashboard_agencies(user, campaign, organizer_ids=[o.pk for o in organizers])
    )
    return Dashboard(campaign, today, matrix, progress, outcomes, agencies, user.is_ministry)
