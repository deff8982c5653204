"""Forms of the account pages: invite one person, choose contact rows, accept an invitation."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.choices import Duty, Role
from provinces.models import Organizer

from .duties import has_duty
from .forms import PasswordPairForm
from .invitations import Invitee

# kind → (label, role, administrator?) per inviting administrator
SECURITY_KINDS = {
    "ministry": (_("Ministry staff"), Role.MINISTRY, False),
    "organizer_admin": (_("Administrator of an organizer"), Role.ORGANIZER, True),
}
ORGANIZER_KINDS = {
    "colleague": (_("Colleague"), Role.ORGANIZER, False),
    "colleague_admin": (_("Colleague who also administers accounts"), Role.ORGANIZER, True),
}
AGENCY_KINDS = {
    "engineer": (_("Engineer"), Role.AGENCY, False),
    "engineer_admin": (_("Engineer who also administers accounts"), Role.AGENCY, True),
}


def invite_kinds(actor) -> dict:
    if has_duty(actor, Duty.SECURITY):
        return SECURITY_KINDS
    return ORGANIZER_KINDS if actor.role == Role.ORGANIZER else AGENCY_KINDS


class InviteForm(forms.Form):
    """One person: the kinds offered depend on who invites (portal/security/invitations.py)."""

    kind = forms.ChoiceField(label=_("Account"))
    organizer = forms.ModelChoiceField(
        label=_("Organizer"), queryset=Organizer.objects.all(), required=False
    )
    full_name = forms.CharField(label=_("Full name"), max_length=64)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        help_text=_("The invitation goes here; it is also the user name."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.kinds = invite_kinds(actor)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [(key, label) for key, (label, _role, _admin) in self.kinds.items()]
        if self.kinds is not SECURITY_KINDS:
            del self.fields["organizer"]

    def clean(self):
        data = super().clean() or self.cleaned_data
        if data.get("kind") == "organizer_admin" and not data.get("organizer"):
            self.add_error("organizer", _("Choose the organizer this administrator belongs to."))
        return data

    def invitee(self) -> Invitee:
        data = self.cleaned_data
        _label, role, admin = self.kinds[data["kind"]]
        organizer = data.get("organizer")
        return Invitee(
            email=data["email"],
            role=role,
            full_name=data["full_name"],
            phone=data.get("phone", ""),
            tenant_admin=admin,
            organizer_id=(organizer.pk if organizer else self.actor.organizer_id)
            if role == Role.ORGANIZER
            else None,
            agency_id=self.actor.agency_id if role == Role.AGENCY else None,
        )


class ContactRowsForm(forms.Form):
    """The rows chosen on the invite-contacts page (ids of 附件2 or 附件3 rows)."""

    source = forms.ChoiceField(choices=[("agencies", "agencies"), ("enterprises", "enterprises")])
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    rows = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": _("Choose at least one row.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any whole number is a choice here; the service answers 404 for rows not one's own.
        values = self.data.getlist("rows") if hasattr(self.data, "getlist") else []
        rows = cast(forms.TypedMultipleChoiceField, self.fields["rows"])
        rows.choices = [(v, v) for v in values if str(v).isdigit() and len(str(v)) < 12]


class AcceptForm(PasswordPairForm):
    full_name = forms.CharField(label=_("Full name"), max_length=64)
    field_order = ["full_name", "password1", "password2"]
