"""Who hears of the national list and the task letters (SPEC §10 notices).

Called once the move commits (`notify_on_commit` in the services): the organizers and agencies
on a newly published list; the agency of a letter the organizer generated (ready to sign); the
other side of a signed letter.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.choices import Role
from portal.notifications.kinds import NoticeKind
from portal.notifications.recipients import users_of
from portal.notifications.service import notify, site_language

from .models import PublishedEntry, PublishedList, TaskLetter


def published_list_notify(*, published_id: int) -> list:
    """Every organizer and agency with a task on the published list hears of it."""
    published = PublishedList.objects.select_related("campaign").get(pk=published_id)
    tenants = PublishedEntry.objects.filter(published_list=published).values_list(
        "task__organizer_id", "task__agency_id"
    )
    organizer_ids, agency_ids = set(), set()
    for organizer_id, agency_id in tenants.distinct():
        organizer_ids.add(organizer_id)
        agency_ids.add(agency_id)
    values = {"year": published.campaign.year, "version": published.version}
    with site_language():
        title = _("The national list of %(year)s is published (version %(version)s)") % values
        body = _("Your published tasks are on it; agencies can now submit diagnosis reports.")
        url = f"{reverse('enterprises:public-list')}?{urlencode({'year': values['year']})}"
    return notify(
        kind=NoticeKind.LIST_PUBLISHED,
        event_key=f"published-list-{published.pk}",
        recipients=users_of(organizer_ids=organizer_ids, agency_ids=agency_ids),
        title=title,
        body=body,
        url=url,
    )


def _letter(letter_id: int) -> TaskLetter:
    return TaskLetter.objects.select_related("campaign", "organizer", "agency").get(pk=letter_id)


def letter_ready_notify(*, letter_id: int) -> list:
    """The organizer generated the letter: its agency is asked to sign it (once per version
    of the letter: a letter sent back to unsigned by new enterprises asks again)."""
    letter = _letter(letter_id)
    values = {"organizer": letter.organizer.name, "year": letter.campaign.year}
    with site_language():
        title = _("A task letter from %(organizer)s is ready to sign (%(year)s)") % values
        body = _("Print it, sign it and upload the signed scan on the letter's page.")
        url = reverse("enterprises:letter-detail", args=[letter.pk])
    return notify(
        kind=NoticeKind.LETTER_READY,
        event_key=f"letter-{letter.pk}-ready-{letter.updated_at.isoformat()}",
        recipients=users_of(agency_ids=[letter.agency_id]),
        title=title,
        body=body,
        url=url,
    )


def letter_signed_notify(*, letter_id: int, actor_role: str) -> list:
    """The signed scan is in: the other side of the letter hears of it."""
    letter = _letter(letter_id)
    if letter.signed_at is None:
        return []
    if actor_role == Role.AGENCY:
        recipients = users_of(organizer_ids=[letter.organizer_id])
    else:
        recipients = users_of(agency_ids=[letter.agency_id])
    values = {"organizer": letter.organizer.name, "agency": letter.agency.name}
    with site_language():
        title = _("Task letter signed: %(organizer)s and %(agency)s") % values
        body = _("The signed scan is uploaded; the letter's enterprises are now signed.")
        url = reverse("enterprises:letter-detail", args=[letter.pk])
    return notify(
        kind=NoticeKind.LETTER_SIGNED,
        event_key=f"letter-{letter.pk}-signed-{letter.signed_at.isoformat()}",
        recipients=recipients,
        title=title,
        body=body,
        url=url,
    )
