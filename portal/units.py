"""The units the portal shows, each once with an English msgid and its Chinese words.

Pages name a unit by its key (`{{ "tce/yr"|unit }}`, `unit_label("kWh")`): Chinese pages read
吨标准煤/年 and 千瓦时, English pages tce/yr and kWh. Generated documents are written in Chinese
whatever the page language (see `portal.i18n.site_language`).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

UNITS: dict[str, Promise] = {
    "tce": gettext_lazy("tce"),
    "tce/yr": gettext_lazy("tce/yr"),
    "10k tce/yr": gettext_lazy("10k tce/yr"),
    "kgce": gettext_lazy("kgce"),
    "kWh": gettext_lazy("kWh"),
    "kWh/yr": gettext_lazy("kWh/yr"),
    "t/yr": gettext_lazy("t/yr"),
    "tCO₂/yr": gettext_lazy("t CO₂/yr"),
    "10k yuan": gettext_lazy("10k yuan"),
    "10k yuan/yr": gettext_lazy("10k yuan/yr"),
    "yr": gettext_lazy("yr"),
    "h/yr": gettext_lazy("h/yr"),
}


def unit_label(key: str) -> str:
    """The unit `key` in the active language; KeyError for a unit nobody has named here."""
    return str(UNITS[key])


def unit_label_lazy(key: str) -> Promise:
    """The unit `key` for a form's label or placeholder, translated when shown."""
    return UNITS[key]


def with_unit(label: str, key: str) -> str:
    """A heading with its unit: "Savings (tce/yr)", 节能量（吨标准煤/年）."""
    return gettext("%(label)s (%(unit)s)") % {"label": label, "unit": unit_label(key)}
