"""The dashboard's filter bar: campaign, organizer kind, name, and a milestone in a state."""

from django import forms
from django.utils.translation import gettext_lazy as _

from provinces.choices import OrganizerKind
from reports.dashboard.selectors.milestones import CellState, milestone_keys

MILESTONE_LABELS = {
    "form1": "附件1",
    "form2": "附件2",
    "form3": "附件3",
    "acceptance": _("Acceptance"),
    "form4": "附件4",
}


class DashboardFilterForm(forms.Form):
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False)
    kind = forms.ChoiceField(
        label=_("Organizer kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganizerKind.choices],
    )
    q = forms.CharField(
        label=_("Organizer"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": _("Name or code")}),
    )
    milestone = forms.ChoiceField(
        label=_("Milestone"),
        required=False,
        choices=[("", _("Any milestone")), *((k, MILESTONE_LABELS[k]) for k in milestone_keys())],
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *CellState.choices]
    )

    def __init__(self, *args, campaigns, national: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [(c.year, str(c.year)) for c in campaigns]
        if not national:  # an organizer sees only itself: the other filters mean nothing
            for name in ("kind", "q", "milestone", "state"):
                del self.fields[name]

    def filters(self) -> dict:
        """The cleaned filters (empty ones dropped); an invalid value is ignored, not an error."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
