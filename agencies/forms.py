"""Forms of the recommendation page: a new agency (every 附件2 field), a row, a search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.spreadsheets import normalize_text
from portal.validators import validate_credit_code

from .models import DECLARED_FIELDS, ROW_FIELDS, Agency, Recommendation

# What the 附件2 import requires of a row (agencies.imports.agency_list): the page asks the same.
REQUIRED_ROW_FIELDS = (
    "nature",
    "location",
    "technical_staff",
    "planned_enterprises",
    "contact_name",
    "phone",
    "email",
)


class AgencyForm(forms.ModelForm):
    """A 附件2 row: the agency's identity and what this organizer declares about it.

    Only validates: the service registers a new agency from these values, and every value but
    the identity is stored on the organizer's recommendation (an existing agency is unchanged).
    """

    planned_enterprises = forms.IntegerField(label=_("enterprises to serve"), min_value=0)
    remarks = forms.CharField(label=_("remarks"), max_length=255, required=False)

    class Meta:
        model = Agency
        fields = ["name", "credit_code", *DECLARED_FIELDS]
        widgets = {"track_record": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("nature", "location", "technical_staff", "contact_name", "phone", "email"):
            self.fields[name].required = True
        self.fields["credit_code"].widget.attrs.update(
            {"maxlength": 18, "autocomplete": "off", "spellcheck": "false"}
        )
        self.fields["credit_code"].help_text = _(
            "18 characters; an agency already in the national registry is reused as it is."
        )

    def clean_credit_code(self) -> str:
        return validate_credit_code(self.cleaned_data["credit_code"])

    def validate_unique(self) -> None:
        """The same credit code is the same agency: it is reused, not refused."""


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["planned_enterprises", "remarks"]


class RecommendationEditForm(forms.ModelForm):
    """Every field of the organizer's own 附件2 row, checked as the import checks a row: the same
    required columns, counts of 0 or more, a real e-mail address (a full-width ＠ or spaces are
    typing slips and are corrected). The agency itself (name, credit code) is the registry's."""

    # Read as text first, so that a full-width address is corrected before it is checked.
    email = forms.CharField(label=_("e-mail"), max_length=254)

    class Meta:
        model = Recommendation
        fields = list(ROW_FIELDS)
        widgets = {"track_record": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED_ROW_FIELDS:
            self.fields[name].required = True
        for name in ("technical_staff", "planned_enterprises"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean_email(self) -> str:
        email = normalize_text(self.cleaned_data.get("email"))
        return forms.EmailField(required=True).clean(email)


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label=_("Name or credit code"), required=False, max_length=64)
