"""The 附件4 narrative editor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from provinces.models import SummaryContent


class SummaryForm(forms.ModelForm):
    """The five narrative sections of 附件4; `version` is the one the page loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = SummaryContent
        fields = ["work_done", "results_commentary", "good_practices", "problems", "next_steps"]
        labels = {
            "work_done": _("1. How the work was carried out"),
            "results_commentary": _("2. Results: your comments on the figures"),
            "good_practices": _("3. Good practices (the excellent cases are added from the data)"),
            "problems": _("4. Problems"),
            "next_steps": _("5. Next steps and suggestions"),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
