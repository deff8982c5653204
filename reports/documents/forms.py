"""Forms of the documents pages: asking for a document, and the 附件4 narrative editor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from provinces.models import SummaryContent
from reports.documents.services import REQUESTABLE


class DocumentRequestForm(forms.Form):
    """What the document buttons post (templates/reports/_document_button.html)."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in sorted(REQUESTABLE)])
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    organizer = forms.CharField(required=False, max_length=32)
    letter = forms.IntegerField(required=False, min_value=1)
    published_list = forms.IntegerField(required=False, min_value=1)

    def params(self) -> dict:
        data = self.cleaned_data
        return {
            key: value
            for key, value in (
                ("letter_id", data.get("letter")),
                ("published_list_id", data.get("published_list")),
            )
            if value
        }


class SummaryForm(forms.ModelForm):
    """The five narrative sections of 附件4; `version` is the one the page loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = SummaryContent
        fields = ["work_done", "results_commentary", "good_practices", "problems", "next_steps"]
        labels = {
            "work_done": _("1. How the work was carried out"),
            "results_commentary": _("2. Results: your comments on the figures"),
            "good_practices": _(
                "3. Good practices (the recommended cases are added from the data)"
            ),
            "problems": _("4. Problems"),
            "next_steps": _("5. Next steps and suggestions"),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
