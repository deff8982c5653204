"""Forms of the report pages: they parse input; the services decide and compute."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from enterprises.choices import DiagnosisType, TaskState
from portal.widgets import Select
from reports.calculations.units import UNITS
from reports.choices import EquipmentType, MeasureKind
from reports.diagnosis.equipment_fields import EFFICIENCY_TYPES, PARAM_FIELDS
from reports.diagnosis.selectors.reference import carrier_choices, taxonomy_choices

ZERO = Decimal(0)


def amount_field(
    label, *, required: bool = False, places: int = 4, help_text: str = "", minimum: Decimal = ZERO
):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=minimum,
        decimal_places=places,
        max_digits=18,
        help_text=help_text,
    )


class ReportFilterForm(forms.Form):
    q = forms.CharField(label=_("Enterprise"), required=False, max_length=64)
    state = forms.ChoiceField(label=_("State"), required=False, widget=Select)
    diagnosis_type = forms.ChoiceField(
        label=_("Diagnosis type"),
        required=False,
        widget=Select,
        choices=[("", _("All types")), *DiagnosisType.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = [s for s in TaskState if s not in {TaskState.MATCHED, TaskState.LETTER_SIGNED}]
        self.fields["state"].choices = [("", _("All states"))] + [
            (s.value, s.label) for s in states
        ]


class ReportFileForm(forms.Form):
    file = forms.FileField(
        label=_("Report file (PDF or Word .docx)"),
        help_text=_("Checked by its content; stored under a generated name."),
    )


class ReportGeneralForm(forms.Form):
    diagnosis_year = forms.IntegerField(
        label=_("Diagnosis year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year the energy data describes."),
    )
    findings = forms.CharField(
        label=_("Main problems found"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EnergyUseForm(forms.Form):
    carrier_code = forms.ChoiceField(label=_("Energy carrier"))
    quantity = amount_field(_("Quantity"), required=True)
    unit = forms.ChoiceField(
        label=_("Unit"),
        required=False,
        choices=[("", _("the factor's unit")), *((u, u) for u in UNITS)],
    )
    measured_lhv = amount_field(
        _("Measured heating value (kJ per factor unit)"),
        places=3,
        minimum=Decimal("0.001"),
        help_text=_("Leave empty to use the standard's default factor."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier_code"].choices = carrier_choices()


class EquipmentForm(forms.Form):
    equipment_type = forms.ChoiceField(label=_("Type"), choices=EquipmentType.choices)
    name = forms.CharField(label=_("Name"), max_length=128)
    model = forms.CharField(label=_("Model"), required=False, max_length=64)
    rating = amount_field(
        _("Rated power"),
        required=True,
        places=3,
        minimum=Decimal("0.001"),
        help_text=_("kW for motors, pumps, fans and compressors; kVA for transformers."),
    )
    rating_unit = forms.CharField(label=_("Rating unit"), required=False, max_length=12)
    count = forms.IntegerField(label=_("Count"), min_value=1, initial=1)
    annual_hours = amount_field(
        _("Hours per year"), places=1, help_text=_("Operating hours of one unit in a year.")
    )
    efficiency_pct = amount_field(_("Efficiency (%)"), places=2, minimum=Decimal("0.01"))
    poles = forms.TypedChoiceField(
        label=_("Poles (motors)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (2, "2"), (4, "4"), (6, "6"), (8, "8")],
    )
    flow_m3h = amount_field(_("Flow (m³/h, pumps)"), places=2, minimum=Decimal("0.01"))
    head_m = amount_field(_("Head (m, pumps)"), places=2, minimum=Decimal("0.01"))
    speed_rpm = amount_field(_("Speed (r/min, pumps)"), places=1, minimum=Decimal("0.1"))
    stages = forms.IntegerField(label=_("Stages (pumps)"), min_value=1, required=False)
    double_suction = forms.BooleanField(label=_("Double suction (pumps)"), required=False)
    load_factor = amount_field(
        _("Load factor"), places=2, minimum=Decimal("0.01"), help_text=_("0.75 when left empty.")
    )

    def __init__(self, *args, **kwargs):
        initial = kwargs.get("initial")
        if initial:  # an edit: the stored params and metrics fill their own fields
            kwargs["initial"] = {
                **initial,
                **(initial.get("params") or {}),
                **(initial.get("metrics") or {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["rating"].help_text = _(
            "kW for motors, pumps, fans, compressors and kilns; kVA for transformers; "
            "t/h (steam) or MW (hot water) for boilers."
        )
        self.fields["rating_unit"].help_text = _("Boilers: t/h or MW.")
        self.fields["efficiency_pct"].help_text = _(
            "Measured or nameplate efficiency: motors, pumps, fans, boilers (design thermal "
            "efficiency) and kilns (measured thermal efficiency)."
        )
        for spec in PARAM_FIELDS:
            if spec.choices:
                field: forms.Field = forms.ChoiceField(
                    label=spec.label, required=False, choices=[("", "—"), *spec.choices]
                )
            else:
                field = amount_field(spec.label, places=4, minimum=Decimal("0.0001"))
            field.widget.attrs["data-for-types"] = " ".join(spec.types)
            self.fields[spec.name] = field
        # static/js/reports.js shows these only for their type.
        self.fields["poles"].widget.attrs["data-for-types"] = "motor"
        for name in ("flow_m3h", "head_m", "speed_rpm", "stages", "double_suction"):
            self.fields[name].widget.attrs["data-for-types"] = "pump"
        self.fields["efficiency_pct"].widget.attrs["data-for-types"] = " ".join(
            sorted(EFFICIENCY_TYPES | {"kiln"})
        )

    def clean(self):
        """The type's own fields go to ``params`` and ``metrics`` as the service takes them."""
        data = super().clean()
        kind = data.get("equipment_type")
        params, metrics = {}, {}
        for spec in PARAM_FIELDS:
            value = data.pop(spec.name, None)
            if kind in spec.types and value not in (None, ""):
                (metrics if spec.store == "metrics" else params)[spec.name] = str(value)
        data["params"], data["metrics"] = params, metrics
        for name, field in self.fields.items():  # a hidden field of another type is not kept
            types = field.widget.attrs.get("data-for-types", "").split()
            if types and kind not in types and name in data:
                data[name] = None if name not in {"double_suction"} else False
        if kind != EquipmentType.PUMP.value:
            data["stages"] = None
        return data


class MeasureForm(forms.Form):
    taxonomy = forms.TypedChoiceField(
        label=_("Measure (taxonomy)"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("as in the taxonomy")), *MeasureKind.choices],
    )
    equipment = forms.TypedChoiceField(
        label=_("Equipment concerned"), required=False, coerce=int, empty_value=None
    )
    title = forms.CharField(
        label=_("Measure"),
        required=False,
        max_length=200,
        help_text=_("The taxonomy's name when left empty."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    investment_wan = amount_field(_("Investment (10k yuan)"))
    savings_tce = amount_field(
        _("Annual savings (tce)"),
        help_text=_("All carriers; the electricity's 当量值 when left empty."),
    )
    savings_kwh = amount_field(_("Annual electricity savings (kWh)"))
    savings_wan = amount_field(_("Annual savings (10k yuan)"))

    def __init__(self, *args, equipment=(), with_equipment: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taxonomy"].choices = [("", "—"), *taxonomy_choices()]
        if with_equipment:
            self.fields["equipment"].choices = [("", "—")] + [(e.pk, str(e)) for e in equipment]
        else:  # measures of an earlier report entered during a follow-up
            del self.fields["equipment"]


class FeedbackForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("The diagnosis took place"), required=False, initial=True
    )
    rating = forms.TypedChoiceField(
        label=_("Satisfaction"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        help_text=_("5 = very satisfied, 1 = very dissatisfied."),
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PhoneFeedbackForm(FeedbackForm):
    contact_name = forms.CharField(label=_("Person phoned at the enterprise"), max_length=64)


class DecisionForm(forms.Form):
    """The notice's four criteria: 诊断数量、完成质量、数据填报、企业反馈."""

    quantity_ok = forms.BooleanField(
        label=_("Quantity: the diagnosis covers what the task letter asked"), required=False
    )
    quality_ok = forms.BooleanField(
        label=_("Quality: findings and measures are sound"), required=False
    )
    data_ok = forms.BooleanField(
        label=_("Data completeness: energy, equipment and measures are filled in"),
        required=False,
    )
    feedback_ok = forms.BooleanField(
        label=_("Enterprise feedback: confirmed and satisfactory"), required=False
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the report."),
    )


class ExcellentCaseForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is an excellent case"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
