"""What an organizer owes in a campaign and by when: the one place every lateness, overdue mark
and reminder asks (the campaign's `obligations` by organizer kind, and the ministry's
per-organizer extensions)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import dataversion
from .calendar import effective_due
from .campaign_data import NONE, OPTIONAL, REQUIRED
from .models import Campaign, CampaignExtension

Extensions = dict[tuple[int, int], dt.date]


def extensions_for(campaign: Campaign) -> Extensions:
    """(organizer id, form) → the extended due date, for a whole campaign in one query."""
    rows = CampaignExtension.objects.filter(campaign=campaign).values_list(
        "organizer_id", "form", "due"
    )
    # Once per data version of the extensions (the report list asks on every request).
    return dataversion.cached(
        rows, lambda: {(organizer_id, form): due for organizer_id, form, due in rows}
    )


def due_for(
    campaign: Campaign, organizer_id: int, form: int, extensions: Extensions | None = None
) -> dt.date:
    """The published due date of `form`, or the organizer's extension of it."""
    if extensions is None:
        extension = (
            CampaignExtension.objects.filter(
                campaign=campaign, organizer_id=organizer_id, form=int(form)
            )
            .values_list("due", flat=True)
            .first()
        )
    else:
        extension = extensions.get((organizer_id, int(form)))
    return extension or campaign.due_date(form)


# The agencies' reports, and the organizer's acceptance of them, are due with the organizer's
# 附件4 (notice: the summary reports the acceptance): an extension of its 附件4 moves them too.
REPORT_FORM = 4


def report_due_for(
    campaign: Campaign, organizer_id: int, extensions: Extensions | None = None
) -> dt.date:
    """When the reports of `organizer_id`'s tasks are due: its 附件4 date, extension included."""
    return due_for(campaign, organizer_id, REPORT_FORM, extensions)


def handed_in_late(due: dt.date, when: dt.datetime | dt.date) -> bool:
    """Whether something handed in at `when` (Beijing day) missed `due` as it takes effect:
    a deadline on a day off moves to the next working day (portal.calendar)."""
    day = timezone.localdate(when) if isinstance(when, dt.datetime) else when
    return day > effective_due(due).effective


def owes(campaign: Campaign, kind: str, form: int) -> bool:
    """Required of this kind of organizer: counted overdue and reminded when missing."""
    return campaign.duty(kind, form) == REQUIRED


def offered(campaign: Campaign, kind: str, form: int) -> bool:
    """Required or optional: the organizer may fill it in and submit it."""
    return campaign.duty(kind, form) != NONE


DUTY_LABELS = {REQUIRED: _("Required"), OPTIONAL: _("Optional"), NONE: _("Not asked")}
