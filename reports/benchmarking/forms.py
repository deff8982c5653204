"""Forms of benchmarking: a report's product row and the ministry's table upload."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.calculations.benchmarking import KGCE_PER_UNIT
from reports.models.benchmarking import BenchmarkKind

OUTPUT_UNITS = ("t", "万t", "kg")


def entry_label(entry) -> str:
    """Product, indicator, unit and the table cited: a product may have two indicators in one
    table (岩棉: 可比综合能耗 and 可比熔融焦耗, both kgce/t)."""
    later = f" ({_('later edition')})" if getattr(entry, "later_edition", False) else ""
    return f"{entry.product} · {entry.indicator} · {entry.unit} · {entry.cited}{later}"


class ProductRowForm(forms.Form):
    entry = forms.ChoiceField(
        label=_("Benchmark"),
        required=False,
        help_text=_("The product's indicator in a loaded table; leave empty when none applies."),
    )
    product = forms.CharField(label=_("Product or process"), required=False, max_length=128)
    output = forms.DecimalField(
        label=_("Output"), min_value=Decimal("0.0001"), max_digits=18, decimal_places=4
    )
    output_unit = forms.CharField(
        label=_("Output unit"),
        max_length=32,
        initial="t",
        help_text=_("t, 万t or kg; or the indicator's own denominator (t·能量因数)."),
    )
    energy = forms.DecimalField(
        label=_("Energy attributed"),
        max_digits=18,
        decimal_places=4,
        help_text=_("Net of energy recovered: negative for a net exporting process (转炉)."),
    )
    energy_unit = forms.ChoiceField(
        label=_("Energy unit"), choices=[(u, u) for u in KGCE_PER_UNIT], initial="tce"
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [
            ("", _("— no table for this product —")),
            *((str(e.pk), entry_label(e)) for e in entries),
        ]


class BenchmarkUploadForm(forms.Form):
    code = forms.CharField(label=_("Standard or document"), max_length=64)
    edition = forms.CharField(label=_("Edition"), max_length=16)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=BenchmarkKind.choices)
    effective_year = forms.IntegerField(
        label=_("In force from (year)"), min_value=1990, max_value=2100
    )
    source = forms.CharField(label=_("Source"), widget=forms.Textarea(attrs={"rows": 2}))
    confidence = forms.CharField(label=_("Confidence"), max_length=255)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("Entries (CSV, UTF-8)"),
        help_text=_(
            "Columns: industry, product, indicator, unit, leading_value, advanced_value, "
            "limit_value, table_ref, reference_standard, source, confidence, notes."
        ),
    )
