"""Publishing the national list: approved intent lists become a public snapshot (SPEC §5)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask, PublishedEntry, PublishedList
from enterprises.notices import published_list_notify
from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.choices import Role
from portal.errors import DomainError
from portal.notifications.service import notify_on_commit
from provinces.choices import Form, OrganizerKind, SubmissionState
from provinces.models import Submission

from .moves import tasks_move_bulk

# A task stays on the national list once published, whatever happens to its report.
ON_THE_LIST = (TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED)


def publishable_count(campaign) -> int:
    """Tasks of approved intent lists still waiting to be published."""
    return _waiting(campaign).count()


def _waiting(campaign):
    """Tasks of approved intent lists not yet published: with a signed letter, or still
    "matched" where the organizer's kind signs no letters (associations, groups)."""
    approved = Submission.objects.filter(
        campaign=campaign, form=Form.INTENT, state=SubmissionState.APPROVED
    ).values("organizer_id")
    kinds = OrganizerKind.values
    letter_free = [kind for kind in kinds if not campaign.signs_letters(kind)]
    return DiagnosisTask.objects.filter(campaign=campaign, organizer_id__in=approved).filter(
        Q(state=TaskState.LETTER_SIGNED)
        | Q(state=TaskState.MATCHED, organizer__kind__in=letter_free)
    )


@transaction.atomic
def published_list_publish(*, campaign, actor, note: str = "", request=None) -> PublishedList:
    """Publish the approved intent lists: their tasks move to published, and a new snapshot of
    every published task replaces the current one (which stays in the history)."""
    if actor.role != Role.MINISTRY:
        raise PermissionDenied(_("Only the ministry publishes the national list."))
    campaign_require_open(campaign)
    # Serialise two publications of the same campaign: lock the campaign's current list row.
    current = (
        PublishedList.objects.select_for_update().filter(campaign=campaign, is_current=True).first()
    )
    tasks_move_bulk(_waiting(campaign), "publish", actor=actor)
    tasks = (
        DiagnosisTask.objects.filter(campaign=campaign, state__in=ON_THE_LIST)
        .select_related("enterprise", "organizer", "agency")
        .order_by("organizer__sort_order", "organizer__code", "agency__name", "seq", "id")
    )
    entries = [
        PublishedEntry(
            seq=n,
            task=t,
            enterprise_name=t.enterprise_name,
            credit_code=t.enterprise.credit_code,
            city=t.city,
            organizer_name=t.organizer.name,
            organizer_code=t.organizer.code,
            agency_name=t.agency.name,
            diagnosis_type=t.diagnosis_type,
        )
        for n, t in enumerate(tasks, start=1)
    ]
    if not entries:
        raise DomainError(_("Nothing to publish: no intent list of this campaign is approved."))
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    version = (
        PublishedList.objects.filter(campaign=campaign).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    published = PublishedList.objects.create(
        campaign=campaign,
        version=version,
        published_at=timezone.now(),
        published_by=actor,
        entry_count=len(entries),
        note=note.strip()[:255],
    )
    for entry in entries:
        entry.published_list = published
    PublishedEntry.objects.bulk_create(entries, batch_size=1000)
    audit_record(
        actor=actor,
        action="list.publish",
        obj=published,
        request=request,
        summary=f"{campaign.year} v{version}: {len(entries)}",
    )
    notify_on_commit(published_list_notify, published_id=published.pk)
    return published
