"""Open and closed campaigns: the guard every write of every app calls, and the ministry's move.

A closed campaign is read-only for pages and the API: forms (附件1–4), recommendations, intent
lists and tasks, task letters, reports, measures, acceptance, feedback and follow-up. Reading and
rendering its documents stay allowed. Only the import_* management commands, run by an operator,
still load history into a closed year (`history_import=True`), and they are audited. Deadlines
never close a year: late submissions are accepted and marked late.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import audit_record
from .choices import CampaignState, Role
from .errors import DomainError
from .models import Campaign, CampaignEvent
from .workflow import Move, apply_move, moves_available

# A closed year is read-only; an archived one is a closed year put away (still shown, read-only,
# in every year switch). Opening a closed or archived year again is the documented reopen: the
# ministry only, with a reason, audited.
MOVES = {
    "open": Move(
        "open",
        gettext_lazy("Reopen the campaign"),
        frozenset({CampaignState.CLOSED, CampaignState.ARCHIVED}),
        CampaignState.OPEN,
        frozenset({Role.MINISTRY}),
        needs_comment=True,
    ),
    "close": Move(
        "close",
        gettext_lazy("Close the campaign"),
        frozenset({CampaignState.OPEN}),
        CampaignState.CLOSED,
        frozenset({Role.MINISTRY}),
        style="danger",
    ),
    "archive": Move(
        "archive",
        gettext_lazy("Archive the campaign"),
        frozenset({CampaignState.CLOSED}),
        CampaignState.ARCHIVED,
        frozenset({Role.MINISTRY}),
    ),
}


class CampaignClosed(DomainError):
    """A write into a closed campaign."""

    status_code = 409


def campaign_state(campaign: Campaign) -> str:
    """The campaign's state; read from the database unless `campaign` was loaded from it.

    A reference built from a year and an id (`campaign_ref_by_year`) carries no state, so it is
    read; a row loaded in this request (a page's campaign, a task's select_related) is trusted.
    """
    if campaign._state.adding or "state" in campaign.get_deferred_fields():
        return Campaign.objects.filter(pk=campaign.pk).values_list("state", flat=True).get()
    return campaign.state


def campaign_is_open(campaign: Campaign) -> bool:
    return campaign_state(campaign) == CampaignState.OPEN


def campaign_require_open(campaign: Campaign, *, history_import: bool = False) -> bool:
    """Refuse a write into a closed campaign with the reason; True when the write goes into a
    closed year because an operator's import command asked for it (`history_import`), which
    the caller then audits with `campaign_history_import_record`. Pages and the API never pass
    `history_import`."""
    if campaign_is_open(campaign):
        return False
    if history_import:
        return True
    raise CampaignClosed(campaign_closed_reason(campaign))


def campaign_closed_reason(campaign: Campaign) -> str:
    """What pages and the API answer to a write into a closed (or archived) campaign."""
    return _(
        "The %(year)s campaign is closed; its forms, lists, letters and reports can no "
        "longer be changed. The ministry can open it again."
    ) % {"year": campaign.year}


def campaign_history_import_record(*, campaign, organizer, what: str, summary: str) -> None:
    """The audit row of an operator's import into a closed campaign (same transaction)."""
    audit_record(
        actor=None,
        action="campaign.history_import",
        obj=campaign,
        organizer=organizer,
        summary=f"{campaign.year} (closed) {what}: {summary}",
    )


def campaign_moves_for(campaign: Campaign, user) -> list[Move]:
    """The buttons a user sees for the campaign (only the ministry has any)."""
    return moves_available(MOVES.values(), campaign.state, user.role)


@transaction.atomic
def campaign_move(
    *, campaign_id: int, move: str, actor, comment: str = "", request=None
) -> Campaign:
    """Reopen (with a reason), close or archive a campaign (ministry only): the state, one
    event row and an audit row."""
    the_move = MOVES.get(move)
    if the_move is None:
        raise DomainError(_("Unknown move."), field="move")
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    source = campaign.state
    apply_move(
        campaign,
        the_move,
        actor=actor,
        comment=comment,
        event_model=CampaignEvent,
        event_fk="campaign",
    )
    audit_record(
        actor=actor,
        action=f"campaign.{move}",
        obj=campaign,
        request=request,
        summary=f"{campaign.year}: {source} → {campaign.state}",
    )
    return campaign
