"""The contact of an enterprise on the organizer's intent list: who the organizer talks to and
where the enterprise's account invitation goes (portal/security/contacts.py).

Not a column of 附件3, so it may change after the list is submitted or published (the
invitations come then); only a closed year is refused. The national enterprise record is not
written: another organizer's or another year's listing keeps its own contact.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.choices import Role
from portal.errors import DomainError
from portal.scoping import get_scoped_or_404
from portal.spreadsheets import normalize_text

CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")
LIMITS = {"contact_name": 64, "contact_phone": 32, "contact_email": 254}  # the model's lengths


def _clean(values: dict) -> dict:
    """One line each; the e-mail as the imports read it (a full-width ＠ is a typing slip)."""
    cleaned = {name: " ".join(str(values.get(name) or "").split()) for name in CONTACT_FIELDS}
    cleaned["contact_email"] = normalize_text(cleaned["contact_email"])
    if cleaned["contact_email"]:
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError as exc:
            raise DomainError(_("Enter a valid e-mail address."), field="contact_email") from exc
    for name in CONTACT_FIELDS:
        limit = LIMITS[name]
        if len(cleaned[name]) > limit:
            raise DomainError(_("At most %(limit)d characters.") % {"limit": limit}, field=name)
    return cleaned


@transaction.atomic
def task_contact_update(*, task_id: int, values: dict, actor, request=None) -> DiagnosisTask:
    """Set the contact person, phone and e-mail of one of the organizer's own rows.

    Another organizer's row is a 404 (scoping), other roles are refused, a closed year too.
    """
    if actor.role != Role.ORGANIZER:
        raise PermissionDenied(_("Only the organizer of the intent list changes its contacts."))
    queryset = DiagnosisTask.objects.select_for_update(of=("self",)).select_related("campaign")
    task = get_scoped_or_404(queryset, actor, pk=task_id)
    campaign_require_open(task.campaign)
    cleaned = _clean(values)
    changed = [name for name in CONTACT_FIELDS if getattr(task, name) != cleaned[name]]
    if not changed:
        return task
    for name in changed:
        setattr(task, name, cleaned[name])
    task.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action="task.contact",
        obj=task,
        organizer=task.organizer_id,
        request=request,
        summary=f"{task.enterprise_name}: {', '.join(changed)}",
    )
    return task
