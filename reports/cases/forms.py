"""The case library's search, read from the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.params import MAX_ID
from reports.cases.selectors import CaseFilters
from reports.models.cases import SUMMARY_MAX, TITLE_MAX
from reports.register.forms import MeasureKindField, StrictFilterForm


class CaseFilterForm(StrictFilterForm):
    """The search; an invalid value (a measure kind that does not exist) is a 400."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Campaign"), required=False, min_value=2000, max_value=2100)
    industry = forms.CharField(label=_("Industry code"), required=False, max_length=8)
    kind = MeasureKindField()
    organizer = forms.IntegerField(
        label=_("Organizer"), required=False, min_value=1, max_value=MAX_ID
    )

    def filters(self, *, with_organizer: bool = True) -> CaseFilters:
        data = self.valid_data()
        return CaseFilters(
            q=(data.get("q") or "").strip(),
            year=data.get("year"),
            industry=(data.get("industry") or "").strip(),
            kind=data.get("kind") or "",
            organizer=data.get("organizer") if with_organizer else None,
        )


class CaseStoryForm(forms.Form):
    """The organizer's editorial title and summary of a case page."""

    title = forms.CharField(
        label=_("Case title"),
        required=False,
        max_length=TITLE_MAX,
        help_text=_("Leave empty for “enterprise + 节能诊断”."),
    )
    summary = forms.CharField(
        label=_("Case summary"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What others can learn from this case; shown above the problem."),
    )
