"""附件4 工作总结: the organizer saves the narrative sections; the figures come from the data."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.errors import Conflict
from portal.models import Campaign
from provinces.choices import Form
from provinces.models import Organizer, SummaryContent
from provinces.services import submission_get_or_create, submission_require_editable

SECTIONS = ("work_done", "results_commentary", "good_practices", "problems", "next_steps")
MAX_SECTION_CHARS = 20000


@transaction.atomic
def summary_save(
    *,
    organizer: Organizer,
    campaign: Campaign,
    data: dict,
    version: int | None,
    actor,
    request=None,
) -> SummaryContent:
    """Save the five narrative sections as a draft; a stale `version` is a Conflict.

    The summary may change while its submission is a draft or returned (SPEC §5), like every
    form; `version` is the one the page loaded, so two officials never overwrite each other.
    """
    campaign_require_open(campaign)
    submission = submission_get_or_create(organizer=organizer, campaign=campaign, form=Form.SUMMARY)
    submission_require_editable(
        organizer=organizer, campaign=campaign, form=Form.SUMMARY, lock=True
    )
    content, created = SummaryContent.objects.select_for_update().get_or_create(
        submission=submission
    )
    current = 0 if created else content.version  # a page opened before any text had 0
    if version is not None and int(version) != current:
        raise Conflict(
            _(
                "Someone else saved this summary after you opened it. Reload the page "
                "to see their text, then make your changes again."
            )
        )
    changed = [
        name for name in SECTIONS if name in data and (data[name] or "") != getattr(content, name)
    ]
    for name in changed:
        setattr(content, name, (data[name] or "")[:MAX_SECTION_CHARS])
    if changed and not created:
        content.version += 1
    if changed or created:
        content.save()
        audit_record(
            actor=actor,
            action="summary.save",
            obj=content,
            organizer=organizer,
            request=request,
            summary=f"{campaign.year}: {', '.join(changed) or '-'}",
        )
    return content
