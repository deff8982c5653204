"""Ask a worker for a document: who may have which file is decided here, before the job exists.

Organizers get their own forms, summary and package; the ministry gets any organizer's and the
national ones; a task letter follows the letter's scoping (its organizer, its agency, the
ministry); the published list is public. Another organizer's file is a 404, as everywhere.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from enterprises.models import TaskLetter
from enterprises.services.letters import letter_request_document
from portal.choices import FORM_KINDS, LETTER_KINDS, SUMMARY_KINDS, DocumentKind, JobState, Role
from portal.errors import DomainError
from portal.jobs.run import document_job_fail, document_job_run
from portal.jobs.service import document_job_request
from portal.models import Campaign, DocumentJob
from portal.scoping import get_scoped_or_404
from provinces.models import Organizer
from reports.documents.selectors.forms import published_list_for

ORGANIZER_KINDS = frozenset({*FORM_KINDS.values(), *SUMMARY_KINDS.values(), DocumentKind.PACKAGE})
REQUESTABLE = frozenset({*ORGANIZER_KINDS, *LETTER_KINDS.values(), DocumentKind.PUBLISHED_LIST})


def document_scope(actor, organizer: Organizer | None) -> Organizer | None:
    """The organizer whose file `actor` may have: their own; the ministry any, None = national."""
    if actor.role == Role.MINISTRY:
        return organizer
    if actor.role != Role.ORGANIZER:
        raise PermissionDenied
    if organizer is not None and organizer.pk != actor.organizer_id:
        raise Http404
    return actor.organizer


def _number(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def _letter(actor, letter_id) -> TaskLetter:
    queryset = TaskLetter.objects.select_related("campaign", "organizer", "agency")
    return get_scoped_or_404(queryset, actor, pk=letter_id)


def document_request(
    *,
    actor,
    kind: str,
    campaign: Campaign | None = None,
    organizer: Organizer | None = None,
    params: dict | None = None,
    request=None,
) -> DocumentJob:
    """Queue `kind` for `actor` (or hand back the finished file of the same request)."""
    params = params or {}
    if kind in ORGANIZER_KINDS:
        if campaign is None:
            raise DomainError(_("Choose a campaign."), field="year")
        scoped = document_scope(actor, organizer)
        return document_job_request(
            actor=actor,
            kind=kind,
            campaign=campaign,
            organizer=scoped,
            params={"national": scoped is None},
            request=request,
        )
    if kind in LETTER_KINDS.values():
        fmt = next(f for f, letter_kind in LETTER_KINDS.items() if letter_kind == kind)
        return letter_request_document(
            letter=_letter(actor, params.get("letter_id")), fmt=fmt, actor=actor, request=request
        )
    if kind == DocumentKind.PUBLISHED_LIST:
        if campaign is None:
            raise DomainError(_("Choose a campaign."), field="year")
        published = published_list_for(campaign, _number(params.get("published_list_id")))
        if published is None:
            raise DomainError(_("The national list of this campaign is not published yet."))
        return document_job_request(
            actor=actor,
            kind=kind,
            campaign=campaign,
            params={"published_list_id": published.pk},
            request=request,
        )
    raise DomainError(_("This kind of document cannot be asked for here."), field="kind")


SYSTEM_USERNAME = "system"


def system_user():
    """The account commands act as: the ministry's role, no password, cannot sign in."""
    from portal.models import User

    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.MINISTRY, "full_name": "系统", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def document_render_now(
    *, actor, kind: str, campaign: Campaign, organizer: Organizer | None
) -> DocumentJob:
    """Render in this process through the workers' path (`manage.py render_form`)."""
    job = document_job_request(
        actor=actor,
        kind=kind,
        campaign=campaign,
        organizer=organizer,
        params={"national": organizer is None},
        dispatch=False,
    )
    if job.state == JobState.DONE:
        return job
    try:
        return document_job_run(job_id=job.pk)
    except Exception as exc:
        document_job_fail(job_id=job.pk, reason=f"{exc.__class__.__name__}: {exc}")
        raise
