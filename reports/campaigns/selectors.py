"""Reads of the campaign set-up pages: the year's data as the ministry reviews it."""

import json
from typing import Any

from django.utils.translation import gettext as _

from enterprises.choices import DiagnosisType
from portal import campaign_data
from portal.campaigns import campaign_moves_for
from portal.errors import DomainError
from portal.models import Campaign, CampaignExtension
from portal.obligations import DUTY_LABELS
from provinces.choices import OrganizerKind
from reports.campaigns.layouts import FormPreview, layouts_check, layouts_preview
from reports.documents.builders.forms import campaign_layouts


def layouts_dict(campaign: Campaign) -> dict[str, Any]:
    """The layouts in force (the campaign's own, else the bundled ones) as their dicts."""
    layouts = campaign_layouts(campaign)
    return {"forms": {str(n): layout.to_dict() for n, layout in sorted(layouts.items())}}


def layouts_json(campaign: Campaign) -> str:
    """The layouts in force as editable JSON (the advanced editor)."""
    return json.dumps(layouts_dict(campaign), ensure_ascii=False, indent=1)


def preview_of(candidate: Any, year: int) -> list[FormPreview]:
    """The preview of candidate layouts once they render (DomainError with the reason)."""
    return layouts_preview(layouts_check(candidate, year), year)


def obligation_rows(campaign: Campaign) -> list[dict]:
    rows = []
    for kind in campaign_data.ORGANIZER_KINDS:
        duties = [campaign.duty(kind, form) for form in range(1, 5)]
        entry = (campaign.obligations or {}).get(kind, {})
        rows.append(
            {
                "kind": OrganizerKind(kind).label,
                "duties": [{"duty": d, "label": DUTY_LABELS[d]} for d in duties],
                "letters": entry.get("task_letters", False),
            }
        )
    return rows


def campaign_setup_context(campaign: Campaign, user, **extra) -> dict:
    try:
        previews: list[FormPreview] = layouts_preview(campaign_layouts(campaign), campaign.year)
        preview_error = ""
    except DomainError as exc:
        previews, preview_error = [], str(exc.message)
    types = dict(DiagnosisType.choices)
    return {
        "campaign": campaign,
        "moves": campaign_moves_for(campaign, user),
        "obligations": obligation_rows(campaign),
        "outline": campaign.summary_outline,
        "criteria": campaign.acceptance_criteria,
        "types": [types.get(t, t) for t in campaign.diagnosis_types],
        "previews": previews,
        "preview_error": preview_error,
        "extensions": CampaignExtension.objects.filter(campaign=campaign)
        .select_related("organizer", "granted_by")
        .order_by("organizer__sort_order", "form"),
        "editable": campaign.is_open,
        "title": _("Set-up of %(year)s") % {"year": campaign.year},
        **extra,
    }
