"""Forms of the ministry's campaign set-up pages (parsing only; the services check the rules)."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from enterprises.choices import DiagnosisType
from portal import campaign_data
from portal.models import Campaign
from portal.widgets import DateInput
from provinces.choices import Form, OrganizerKind
from provinces.models import Organizer

DATE = DateInput()


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy from"), queryset=Campaign.objects.order_by("-year"), empty_label=None
    )
    year = forms.IntegerField(label=_("Year"), min_value=2019, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=128)
    notice_ref = forms.CharField(label=_("Notice reference"), max_length=64, required=False)
    plan_due = forms.DateField(label=_("Work plan due (Attachment 1)"), widget=DATE)
    recommendation_due = forms.DateField(
        label=_("Agency recommendation due (Attachment 2)"), widget=DATE
    )
    intent_due = forms.DateField(label=_("Intent list due (Attachment 3)"), widget=DATE)
    summary_due = forms.DateField(label=_("Summary due (Attachment 4)"), widget=DATE)


class SettingsForm(forms.ModelForm):
    reminder_days = forms.CharField(
        label=_("Reminder days before deadlines"),
        help_text=_("Working days, separated by commas, e.g. 7, 1."),
        required=False,
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "notice_ref",
            "plan_due",
            "recommendation_due",
            "intent_due",
            "summary_due",
            "min_enterprises_per_province",
            "key_threshold_tce",
            "electricity_equivalent_factor",
            "co2_per_tce",
            "grid_emission_factor",
        ]
        widgets = dict.fromkeys(
            ("plan_due", "recommendation_due", "intent_due", "summary_due"), DATE
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            days = self.instance.reminder_days or []
            self.initial["reminder_days"] = ", ".join(str(d) for d in days)

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"].replace("，", ",")
        try:
            return [int(part) for part in text.split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Whole numbers separated by commas.")) from exc

    def _post_clean(self):
        """The service saves; the form only parses (no model validation of a half-built row)."""


class JsonForm(forms.Form):
    """A piece of campaign data as JSON text (layouts, 附件4 outline, acceptance criteria)."""

    data = forms.CharField(
        label=_("Data (JSON)"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "mono", "spellcheck": "false"}),
    )

    def clean_data(self):
        try:
            return json.loads(self.cleaned_data["data"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Not valid JSON: line %(line)s, column %(column)s: %(reason)s.")
                % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}
            ) from exc


DUTY_CHOICES = [
    (campaign_data.REQUIRED, _("Required")),
    (campaign_data.OPTIONAL, _("Optional")),
    (campaign_data.NONE, _("Not asked")),
]


DEADLINE_FIELDS = {
    "1": "plan_due",
    "2": "recommendation_due",
    "3": "intent_due",
    "4": "summary_due",
}


class ObligationsForm(forms.Form):
    """Each form's due date; one select per organizer kind and form, and whether that kind signs
    task letters."""

    def __init__(self, *args, obligations: dict, deadlines: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for form, name in DEADLINE_FIELDS.items():
            self.fields[name] = forms.DateField(
                label=_("附件%(form)s due") % {"form": form},
                widget=DATE,
                initial=(deadlines or {}).get(name),
            )
        for kind in campaign_data.ORGANIZER_KINDS:
            entry = obligations.get(kind) or campaign_data.default_obligations()[kind]
            for form in campaign_data.FORMS:
                self.fields[f"{kind}_{form}"] = forms.ChoiceField(
                    label=f"{OrganizerKind(kind).label} · 附件{form}",
                    choices=DUTY_CHOICES,
                    initial=entry["forms"][form],
                )
            self.fields[f"{kind}_letters"] = forms.BooleanField(
                label=_("Signs task letters"), required=False, initial=entry["task_letters"]
            )

    def dues(self) -> list:
        return [self[name] for name in DEADLINE_FIELDS.values()]

    def deadlines(self) -> dict:
        return {name: self.cleaned_data[name] for name in DEADLINE_FIELDS.values()}

    def rows(self) -> list[dict]:
        return [
            {
                "kind": OrganizerKind(kind).label,
                "forms": [self[f"{kind}_{form}"] for form in campaign_data.FORMS],
                "letters": self[f"{kind}_letters"],
            }
            for kind in campaign_data.ORGANIZER_KINDS
        ]

    def value(self) -> dict:
        data = self.cleaned_data
        return {
            kind: {
                "forms": {form: data[f"{kind}_{form}"] for form in campaign_data.FORMS},
                "task_letters": data[f"{kind}_letters"],
            }
            for kind in campaign_data.ORGANIZER_KINDS
        }


class TypesForm(forms.Form):
    types = forms.MultipleChoiceField(
        label=_("Diagnosis types offered"),
        choices=DiagnosisType.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class ExtensionForm(forms.Form):
    organizer = forms.ModelChoiceField(
        label=_("Organizer"), queryset=Organizer.objects.filter(is_active=True)
    )
    form = forms.TypedChoiceField(label=_("Form"), choices=Form.choices, coerce=int)
    due = forms.DateField(label=_("New due date"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


SECTION_CHOICES = [
    ("work_done", _("Work done")),
    ("results_commentary", _("Results")),
    ("good_practices", _("Good practices")),
    ("problems", _("Problems")),
    ("next_steps", _("Next steps and suggestions")),
]


class OutlineSectionForm(forms.Form):
    """One section of the 附件4 outline: which part of the summary it holds, its printed title."""

    key = forms.ChoiceField(label=_("Section"), choices=[("", "—"), *SECTION_CHOICES])
    title = forms.CharField(label=_("Printed title"), max_length=200)
    required = forms.BooleanField(label=_("Must be written"), required=False)


class BaseOutlineFormSet(forms.BaseFormSet):
    def clean(self):
        """A section once: the second row naming it says which row has it already."""
        seen: dict[str, int] = {}
        for number, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None) or {}
            key = data.get("key")
            if not key or data.get("DELETE"):
                continue
            if key in seen:
                form.add_error(
                    "key", _("Row %(row)s has this section already.") % {"row": seen[key]}
                )
            seen.setdefault(key, number)

    def value(self) -> list[dict]:
        return [
            {k: form.cleaned_data[k] for k in ("key", "title", "required")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def outline_formset(data=None, *, outline: list):
    """The outline's sections as rows, with empty rows up to the five sections to add one and
    a remove box on each."""
    sections = len(campaign_data.SUMMARY_SECTIONS)
    formset = forms.formset_factory(
        OutlineSectionForm,
        formset=BaseOutlineFormSet,
        extra=max(0, sections - len(outline)),
        max_num=sections,
        validate_max=True,
        can_delete=True,
    )
    return formset(data, initial=outline, prefix="sections")


class CriteriaForm(forms.Form):
    """The four acceptance criteria (二(四)): each one's wording; all four are always checked."""

    def __init__(self, *args, criteria: list, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {item["key"]: item["label"] for item in criteria}
        defaults = {d["key"]: d["label"] for d in campaign_data.default_acceptance_criteria()}
        for key in campaign_data.CRITERIA:
            self.fields[key] = forms.CharField(
                label=_("Criterion “%(name)s”") % {"name": defaults[key]},
                max_length=64,
                initial=labels.get(key, defaults[key]),
            )

    def value(self) -> list[dict]:
        return [{"key": key, "label": self.cleaned_data[key]} for key in campaign_data.CRITERIA]
