"""Forms of the documents page: asking for a document."""

from django import forms

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
