"""Demo data for `manage.py seed_demo`: deterministic, idempotent (a second run changes nothing)."""

from django.db import transaction

from demo.seed.base import seed_campaigns, seed_organizers
from demo.seed.benchmarking import seed_benchmarking
from demo.seed.dashboard import seed_dashboard
from demo.seed.diagnosis import seed_reports
from demo.seed.history import seed_history_dates
from demo.seed.invitations import seed_pending_invitations
from demo.seed.live import seed_live_year
from demo.seed.notices import seed_notice_dates
from demo.seed.people import DEMO_PASSWORD, seed_users
from demo.seed.publishing import seed_published_list
from demo.seed.summary import seed_summaries
from demo.seed.tasks import credit_agency_moves, seed_agencies, seed_tasks

__all__ = ["DEMO_PASSWORD", "seed_demo"]


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create the demo programme; returns (role, username, tenant) for each demo login."""
    campaigns = seed_campaigns()
    organizers = seed_organizers()
    agencies = seed_agencies()
    tasks = seed_tasks(campaigns=campaigns, organizers=organizers, agencies=agencies)
    logins = seed_users(organizers=organizers, agencies=agencies, tasks=tasks)
    credit_agency_moves()
    seed_reports(tasks)
    seed_summaries(campaigns, organizers)
    seed_dashboard(campaigns)
    seed_published_list(campaigns)
    seed_history_dates()
    live = seed_live_year(campaigns, organizers, agencies)
    seed_pending_invitations(live, organizers)
    seed_benchmarking()
    # the notices of the moves above are written once the seeding commits (notify_on_commit):
    # dated after them, in the order the callbacks were registered
    transaction.on_commit(seed_notice_dates)
    return logins
