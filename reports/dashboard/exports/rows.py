"""Rows of the national forms (附件1–3) and the published list, by organizer kind.

The rows and the national rule are the documents' own (reports/documents/selectors/forms.py: a
national 附件1–3 merges the forms organizers have submitted or approved; the published list is
the current snapshot), so an export and the national form a worker renders can never disagree.
This module adds the organizer-kind filter and a row count for the progress bar. Each function
returns (count, rows); rows is an iterator, streamed for the long lists. These exports are the
ministry's (checked when the job is requested and again by the builder).
"""

from collections.abc import Iterable, Iterator

from enterprises.models import DiagnosisTask, PublishedEntry
from provinces.choices import Form
from provinces.models import Organizer
from reports.documents.selectors import forms

Rows = tuple[int, Iterator[dict]]
CHUNK = 2000


class NothingPublished(LookupError):
    """The campaign has no published national list yet."""


def _kind(kind: str, prefix: str = "") -> dict:
    return {f"{prefix}organizer__kind": kind} if kind else {}


def _names(kind: str) -> set[str] | None:
    """Names of the organizers of `kind` (rows carry the organizer's name); None: all."""
    if not kind:
        return None
    return set(Organizer.objects.filter(kind=kind).values_list("name", flat=True))


def _only(rows: Iterable[dict], names: set[str] | None) -> Iterator[dict]:
    return iter(rows) if names is None else (r for r in rows if r["organizer"] in names)


def _listed(rows: Iterable[dict], kind: str) -> Rows:
    kept = list(_only(rows, _names(kind)))  # one row per organizer or agency: short lists
    return len(kept), iter(kept)


def plan_rows(user, campaign, kind: str = "") -> Rows:
    """附件1 nationally: one row per organizer whose work plan is submitted or approved."""
    return _listed(forms.plan_rows(campaign), kind)


def recommendation_rows(user, campaign, kind: str = "") -> Rows:
    """附件2 nationally: the recommended agencies of the submitted or approved lists."""
    return _listed(forms.recommendation_rows(campaign), kind)


def intent_rows(user, campaign, kind: str = "") -> Rows:
    """附件3 nationally, streamed: the enterprises of the submitted or approved intent lists."""
    count = DiagnosisTask.objects.filter(
        campaign=campaign,
        organizer_id__in=forms.reported_organizers(campaign, Form.INTENT),
        **_kind(kind),
    ).count()
    return count, _only(forms.intent_rows(campaign), _names(kind))


def published_rows(user, campaign, kind: str = "") -> Rows:
    """The campaign's current published list (the public snapshot), streamed."""
    published = forms.published_list_for(campaign)
    if published is None:
        raise NothingPublished(f"campaign {campaign.year} has no published list yet")
    entries = PublishedEntry.objects.filter(published_list=published)
    names = _names(kind)
    count = (
        entries.filter(organizer_name__in=names).count()
        if names is not None
        else (published.entry_count)
    )
    return count, _only(forms.published_rows(published), names)
