"""Forms of the follow-up pages (跟踪服务): a measure's actual figures and evidence, its moves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.choices import EnterpriseProgress
from reports.diagnosis.forms import amount_field


class FollowUpForm(forms.Form):
    actual_investment_wan = amount_field(_("Actual investment (10k yuan)"))
    realized_tce = amount_field(_("Realized savings (tce/yr)"))
    realized_kwh = amount_field(_("Realized electricity savings (kWh/yr)"))
    realized_wan = amount_field(_("Realized savings (10k yuan/yr)"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    evidence = forms.FileField(
        label=_("Evidence (invoice, meter readings)"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG."),
    )


class MeasureMoveForm(forms.Form):
    move = forms.CharField(max_length=32)
    comment = forms.CharField(label=_("Reason"), required=False, max_length=2000)


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("Progress"), choices=EnterpriseProgress.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
