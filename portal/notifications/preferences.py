"""Each user's choice per kind of notice: at once or in the daily digest, and SMS too."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.errors import DomainError
from portal.models import NoticePreference, User

from .kinds import ROLE_KINDS, DeliveryMode, NoticeKind


@dataclass(frozen=True)
class Preference:
    kind: str
    label: str
    mode: str
    sms: bool


def kinds_for(user: User) -> tuple[NoticeKind, ...]:
    return ROLE_KINDS.get(user.role, tuple(NoticeKind))


def preferences_for(user: User) -> list[Preference]:
    """One row per kind the user's role receives; a kind never chosen is immediate, no SMS."""
    stored = {p.kind: p for p in NoticePreference.objects.filter(user=user)}
    rows = []
    for kind in kinds_for(user):
        pref = stored.get(kind)
        mode = pref.mode if pref else DeliveryMode.IMMEDIATE
        rows.append(Preference(kind, str(kind.label), str(mode), bool(pref and pref.sms)))
    return rows


def _clean(user: User, choices: Iterable[Mapping]) -> dict[str, tuple[str, bool]]:
    allowed = set(kinds_for(user))
    cleaned = {}
    for choice in choices:
        kind, mode, sms = choice.get("kind"), choice.get("mode"), bool(choice.get("sms"))
        if kind not in allowed:
            raise DomainError(_("“%(kind)s” is not a kind of notice you receive.") % {"kind": kind})
        if mode not in DeliveryMode.values:
            raise DomainError(_("Choose “At once” or “Daily digest”."), field=f"mode_{kind}")
        if sms and not user.phone.strip():
            raise DomainError(
                _("SMS needs a mobile phone number on your account; ask your administrator."),
                field=f"sms_{kind}",
            )
        cleaned[kind] = (mode, sms)
    return cleaned


@transaction.atomic
def notice_preferences_save(*, actor: User, choices: Iterable[Mapping], request=None) -> list:
    """Store the actor's own choices (kinds not named keep theirs); all or nothing."""
    cleaned = _clean(actor, choices)
    NoticePreference.objects.bulk_create(
        [NoticePreference(user=actor, kind=k, mode=m, sms=s) for k, (m, s) in cleaned.items()],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["mode", "sms"],
    )
    audit_record(
        actor=actor,
        action="notice.preferences",
        obj=actor,
        request=request,
        summary=", ".join(f"{k}={m}{'+sms' if s else ''}" for k, (m, s) in cleaned.items())[:300],
    )
    return preferences_for(actor)
