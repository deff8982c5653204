"""The reasons a page posts (one text field per finding, named `reason-<code>:<target>`) and the
ministry's form of a campaign's check rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.choices import CheckCode, CheckSeverity

PREFIX = "reason-"


def reasons_from_post(data) -> dict[str, str]:
    """{"code:target": text} of the reason fields in a POST (empty texts included: they remove a
    reason)."""
    return {key[len(PREFIX) :]: data.get(key, "") for key in data if key.startswith(PREFIX)}


class RuleForm(forms.Form):
    """One check's severity and bounds for a campaign (prefix: the check's code)."""

    severity = forms.ChoiceField(label=_("Severity"), choices=CheckSeverity.choices)
    low = forms.DecimalField(
        label=_("Lower bound"), required=False, max_digits=14, decimal_places=4
    )
    high = forms.DecimalField(
        label=_("Upper bound"), required=False, max_digits=14, decimal_places=4
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError(_("The lower bound is above the upper bound."))
        return data


def rule_forms(settings, data=None) -> list[tuple[str, str, RuleForm]]:
    """(code, label, form) of every check, filled with the campaign's settings."""
    rows = []
    for code in CheckCode:
        setting = settings[code]
        initial = {"severity": setting.severity, "low": setting.low, "high": setting.high}
        rows.append((code.value, code.label, RuleForm(data, prefix=code.value, initial=initial)))
    return rows
