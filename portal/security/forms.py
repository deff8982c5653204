"""Forms of the security pages: the second-factor code, the audit-log filter, accounts."""

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from portal.choices import Duty
from portal.security.audit_labels import action_choices
from portal.security.captcha import captcha_field, captcha_pending, captcha_refused
from portal.widgets import DateInput
from provinces.models import Organizer


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        strip=True,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


class SetupTokenForm(TokenForm):
    token = forms.RegexField(
        label=_("Code from the app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        help_text=_("Enter the 6-digit code the app shows after scanning."),
        error_messages={"invalid": _("Enter the 6 digits the app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class AuditFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    user = forms.CharField(
        label=_("User"),
        required=False,
        max_length=150,
        help_text=_("User name or full name, or part of it."),
    )
    organizer = forms.ModelChoiceField(
        label=_("Organizer"), required=False, queryset=Organizer.objects.all(), empty_label=_("All")
    )
    action = forms.ChoiceField(label=_("Action"), required=False)

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        action = cast(forms.ChoiceField, self.fields["action"])
        action.choices = [("", _("All")), *action_choices(actions)]

    def clean(self):
        data = super().clean() or self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class PasswordPairForm(forms.Form):
    """A new password typed twice (an account's first password, or one set from a link)."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean() or self.cleaned_data
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class AccountCreateForm(PasswordPairForm):
    """A new ministry account (the security administrator's page)."""

    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=64)
    email = forms.EmailField(label=_("E-mail"))
    duty = forms.ChoiceField(
        label=_("Administrative duty"), choices=Duty.choices, initial=Duty.NONE
    )
    field_order = ["username", "full_name", "email", "duty", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("Initial password")
        self.fields["password2"].label = _("Initial password again")


class DutyForm(forms.Form):
    duty = forms.ChoiceField(label=_("Administrative duty"), choices=Duty.choices)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with a CAPTCHA once this user name has had CAPTCHA_AFTER_FAILURES
    wrong passwords from this address (portal/security/captcha.py). The CAPTCHA is checked
    first: a wrong or missing answer is refused without trying the password."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.is_bound and captcha_pending(request, self.data.get("username", "")):
            self.add_captcha()

    def add_captcha(self) -> None:
        if "captcha" not in self.fields:
            self.fields["captcha"] = captcha_field()

    def clean(self):
        if "captcha" in self.fields and "captcha" in self.errors:
            captcha_refused(self.request, self.data.get("username", ""))
            raise forms.ValidationError(
                self.fields["captcha"].error_messages["invalid"], code="captcha"
            )
        return super().clean()
