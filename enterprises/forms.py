"""Forms of the intent list (one 附件3 row, the filters), task letters and publishing."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.units import unit_label_lazy
from portal.validators import validate_credit_code
from portal.widgets import ChoiceList, Select

from .choices import DiagnosisType, SmeClass, TaskState
from .services import TaskInput
from .services.rules import row_rule_errors

PLACEHOLDERS = {
    "enterprise_name": pgettext_lazy("form column", "Enterprise name"),
    "credit_code": pgettext_lazy("form column", "Credit code"),
    "city": pgettext_lazy("form column", "City"),
    "county": pgettext_lazy("form column", "County"),
    "energy_tce": unit_label_lazy("tce"),
    "agency": _("Agency's name"),
    "remarks": _("Notes (the park's name for a regional diagnosis)"),
}
SME_CHOICES = [
    ("no", pgettext_lazy("answer", "No")),
    *[(c.value, format_lazy(_("Yes ({kind})"), kind=c.label)) for c in SmeClass],
]


class TaskForm(forms.Form):
    """One row of 附件3, edited inline in the intent-list table."""

    enterprise_name = forms.CharField(
        label=pgettext_lazy("form column", "Enterprise name"), max_length=128
    )
    credit_code = forms.CharField(label=pgettext_lazy("form column", "Credit code"), max_length=24)
    city = forms.CharField(label=pgettext_lazy("form column", "City"), max_length=64)
    county = forms.CharField(
        label=pgettext_lazy("form column", "County"), max_length=64, required=False
    )
    industry = forms.ChoiceField(label=pgettext_lazy("form column", "Industry"))
    energy_tce = forms.DecimalField(
        label=pgettext_lazy("form column", "Comprehensive energy consumption last year (tce)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    diagnosis_type = forms.ChoiceField(
        label=pgettext_lazy("form column", "Diagnosis type"), choices=DiagnosisType.choices
    )
    agency = forms.CharField(label=pgettext_lazy("form column", "Serving agency"), max_length=160)
    sme = forms.ChoiceField(label=pgettext_lazy("form column", "SME?"), choices=SME_CHOICES)
    remarks = forms.CharField(
        label=pgettext_lazy("form column", "Notes"), max_length=255, required=False
    )

    def __init__(self, *args, industries=(), form_id: str = "", **kwargs):
        if form_id:
            kwargs.setdefault("auto_id", f"{form_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = [("", "—"), *industries]
        self.fields["agency"].widget.attrs["list"] = "agency-names"
        self.fields["credit_code"].widget.attrs.update(
            {"spellcheck": "false", "autocomplete": "off", "size": 20}
        )
        for field in self.fields.values():
            # Inputs live in table cells, tied to the row's <form> by the form attribute.
            if form_id:
                field.widget.attrs["form"] = form_id
            field.widget.attrs.setdefault("aria-label", field.label)
        for name, hint in PLACEHOLDERS.items():
            self.fields[name].widget.attrs["placeholder"] = hint

    @classmethod
    def initial_for(cls, task) -> dict:
        return {
            "enterprise_name": task.enterprise_name,
            "credit_code": task.enterprise.credit_code,
            "city": task.city,
            "county": task.county,
            "industry": task.industry_id,
            "energy_tce": task.energy_tce,
            "diagnosis_type": task.diagnosis_type,
            "agency": task.agency.name,
            "remarks": task.remarks,
            "sme": task.sme_class if task.is_sme and task.sme_class else "no",
        }

    def clean_credit_code(self) -> str:
        return validate_credit_code(self.cleaned_data["credit_code"])

    def clean(self):
        data = super().clean()
        sme = data.get("sme")
        if sme and data.get("diagnosis_type"):
            for field, reason in row_rule_errors(
                diagnosis_type=data["diagnosis_type"],
                is_sme=sme != "no",
                sme_class=None if sme == "no" else sme,
                remarks=data.get("remarks", ""),
                energy_tce=data.get("energy_tce"),
            ):
                self.add_error(field if field in self.fields else None, reason)
        return data

    def to_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(
            enterprise_name=data["enterprise_name"].strip(),
            credit_code=data["credit_code"],
            city=data["city"].strip(),
            county=data["county"].strip(),
            industry_code=data["industry"],
            energy_tce=data["energy_tce"],
            diagnosis_type=data["diagnosis_type"],
            is_sme=data["sme"] != "no",
            sme_class=None if data["sme"] == "no" else data["sme"],
            remarks=data["remarks"].strip(),
            agency=data["agency"].strip(),
        )


class TaskContactForm(forms.Form):
    """The enterprise's contact on the organizer's row (checked by `task_contact_update`)."""

    contact_name = forms.CharField(label=_("Contact person"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    contact_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)

    def __init__(self, *args, form_id: str = "", **kwargs):
        if form_id:
            kwargs.setdefault("auto_id", f"{form_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].widget.input_type = "email"
        self.fields["contact_phone"].widget.input_type = "tel"
        for field in self.fields.values():
            if form_id:
                field.widget.attrs["form"] = form_id
            field.widget.attrs.setdefault("placeholder", field.label)

    @classmethod
    def initial_for(cls, task) -> dict:
        return {name: getattr(task, name) for name in cls.base_fields}


class FollowUpPickForm(forms.Form):
    """跟踪服务: an enterprise the organizer diagnosed before, picked by name or credit code."""

    credit_code = forms.CharField(
        label=_("Enterprise diagnosed before"),
        max_length=24,
        help_text=_("Type its name or credit code and pick it from the list."),
    )
    agency = forms.CharField(
        label=_("Agency this year"),
        max_length=160,
        required=False,
        help_text=_("Leave empty to keep the agency of the earlier diagnosis."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credit_code"].widget.attrs.update(
            {"list": "earlier-enterprises", "autocomplete": "off", "spellcheck": "false"}
        )
        self.fields["agency"].widget.attrs["list"] = "agency-names"


class TaskFilterForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(label=_("Enterprise name or credit code"), required=False)
    diagnosis_type = forms.ChoiceField(label=_("Diagnosis type"), required=False, widget=Select)
    agency = forms.TypedChoiceField(
        label=_("Agency"), required=False, coerce=int, empty_value=None, widget=Select
    )
    industry = forms.ChoiceField(label=_("Industry"), required=False, widget=Select)
    city = forms.ChoiceField(label=_("City"), required=False, widget=Select)
    state = forms.ChoiceField(label=_("State"), required=False, widget=Select)
    organizer = forms.TypedChoiceField(
        label=_("Organizer"), required=False, coerce=int, empty_value=None, widget=Select
    )

    def __init__(self, *args, options: dict, organizers=None, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["diagnosis_type"].choices = every + DiagnosisType.choices
        # The long lists (hundreds of agencies, cities) as they are: no normalizing per request.
        self.fields["agency"].choices = ChoiceList(every, options["agencies"])
        self.fields["industry"].choices = ChoiceList(every, options["industries"])
        self.fields["city"].choices = ChoiceList(every, ((c, c) for c in options["cities"]))
        self.fields["state"].choices = every + TaskState.choices
        if organizers is None:
            del self.fields["organizer"]
        else:
            # (id, name) pairs of the organizers the ministry picks from
            self.fields["organizer"].choices = ChoiceList(every, organizers)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "") and k != "year"}


class LetterScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Signed scan (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class PublishForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=255)


class PublicSearchForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(label=_("Enterprise, agency or credit code"), required=False, max_length=64)
    organizer = forms.ChoiceField(label=_("Organizer"), required=False, widget=Select)
    diagnosis_type = forms.ChoiceField(label=_("Diagnosis type"), required=False, widget=Select)

    def __init__(self, *args, organizers=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["organizer"].choices = every + list(organizers)
        self.fields["diagnosis_type"].choices = every + DiagnosisType.choices
