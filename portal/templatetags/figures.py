"""Figures and units on pages: `{% load figures %}`.

    {{ report.savings_kwh|number }}            12,000,000   (thousands separators, no decimals)
    {{ report.savings_tce|number:2 }}          1,234.50
    {{ value|number:"-2" }}                    1,234.5      (as floatformat: trailing zeros off)
    {{ "kWh/yr"|unit }}                        千瓦时/年 · kWh/yr
    {{ _("Savings")|with_unit:"tce/yr" }}      节能量（吨标准煤/年） · Savings (tce/yr)

Use `number` for quantities only: ids, years, codes and form inputs stay ungrouped.
"""

from django import template
from django.template.defaultfilters import floatformat

from portal import units

register = template.Library()


@register.filter
def number(value, digits=0) -> str:
    """`value` with thousands separators and `digits` decimals (floatformat's rules); "" for
    None or blank, so `|default:"—"` can follow."""
    if value is None or value == "":
        return ""
    return floatformat(value, f"{digits}g")


@register.filter
def unit(key: str) -> str:
    """The unit named `key` in portal/units.py, in the page's language."""
    return units.unit_label(key)


@register.filter
def with_unit(label: str, key: str) -> str:
    """A column heading followed by its unit in the language's brackets."""
    return units.with_unit(str(label), key)
