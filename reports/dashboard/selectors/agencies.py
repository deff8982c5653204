"""An organizer's agencies this campaign: how far each has got with its enterprises."""

from dataclasses import dataclass

from django.db.models import Count

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal.scoping import scope
from reports.dashboard.selectors.progress import ProgressRow


@dataclass
class AgencyProgress(ProgressRow):
    returned: int = 0  # reports sent back and not yet resubmitted

    def add(self, state: str, n: int) -> None:
        super().add(state, n)
        if state == TaskState.RETURNED:
            self.returned += n

    @property
    def outstanding(self) -> int:
        """Published tasks whose report the organizer has not got (or sent back)."""
        return self.published - self.reported + self.returned


def dashboard_agencies(user, campaign, *, organizer_ids: list[int]) -> list[AgencyProgress]:
    """One row per agency with tasks of these organizers in `campaign` (one query)."""
    rows = (
        scope(DiagnosisTask.objects.filter(campaign=campaign, organizer_id__in=organizer_ids), user)
        .values("agency_id", "agency__name", "state")
        .annotate(n=Count("id"))
        .order_by("agency__name", "agency_id")
    )
    by_agency: dict[int, AgencyProgress] = {}
    for row in rows:
        agency = by_agency.get(row["agency_id"])
        if agency is None:
            agency = by_agency[row["agency_id"]] = AgencyProgress(
                str(row["agency_id"]), row["agency__name"], planned=None
            )
        agency.add(row["state"], row["n"])
    return list(by_agency.values())
