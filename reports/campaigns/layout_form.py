"""The form layouts (附件1–3) as fields: each form's title, 填报单位 line and notes, and each
column's header, other header texts (aliases, for imports), width and group header.

The columns' keys stay as they are (the portal's data fills them); adding or dropping a column
is done in the advanced JSON. What the fields give is put back into the layouts' dicts, which the
service checks by rendering them before anything is stored.
"""

import copy
import re
import string
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

ALIAS_SPLIT = re.compile(r"[,，、;；\n]+")


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise forms.ValidationError(_("A lone brace: write {year} or {organizer}.")) from exc


class LayoutsForm(forms.Form):
    """One group of fields per form; `forms()` lists them for the template."""

    def __init__(self, *args, layouts: dict[str, Any], **kwargs):
        super().__init__(*args, **kwargs)
        self.layouts = layouts
        for number, layout in sorted(layouts["forms"].items()):
            self._form_fields(number, layout)

    def _form_fields(self, number: str, layout: dict) -> None:
        label = layout["label"]
        prefix = f"f{number}"
        self.fields[f"{prefix}_title"] = forms.CharField(
            label=_("%(form)s title") % {"form": label},
            max_length=200,
            initial=layout["title"],
            help_text=_("{year} is replaced by the campaign's year."),
        )
        self.fields[f"{prefix}_organizer_line"] = forms.CharField(
            label=_("%(form)s 填报单位 line") % {"form": label},
            max_length=200,
            initial=layout.get("organizer_line", ""),
            help_text=_("{organizer} is replaced by the organizer's official name."),
        )
        self.fields[f"{prefix}_notes"] = forms.CharField(
            label=_("%(form)s notes under the table") % {"form": label},
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial="\n".join(layout.get("notes") or ()),
            help_text=_("One note per line."),
        )
        for index, column in enumerate(layout["columns"]):
            self._column_fields(f"{prefix}_c{index}", label, column)

    def _column_fields(self, prefix: str, label: str, column: dict) -> None:
        name = column["header"]
        self.fields[f"{prefix}_header"] = forms.CharField(
            label=_("%(form)s column “%(name)s”: header") % {"form": label, "name": name},
            max_length=100,
            initial=column["header"],
        )
        self.fields[f"{prefix}_aliases"] = forms.CharField(
            label=_("%(form)s column “%(name)s”: other header texts")
            % {"form": label, "name": name},
            required=False,
            max_length=500,
            initial="、".join(column.get("aliases") or ()),
        )
        self.fields[f"{prefix}_width"] = forms.DecimalField(
            label=_("%(form)s column “%(name)s”: width") % {"form": label, "name": name},
            min_value=2,
            max_value=100,
            decimal_places=1,
            initial=column.get("width", 8),
        )
        self.fields[f"{prefix}_group"] = forms.CharField(
            label=_("%(form)s column “%(name)s”: group header") % {"form": label, "name": name},
            required=False,
            max_length=100,
            initial=column.get("group") or "",
        )

    def forms(self) -> list[dict]:
        """Per form: its label, its own fields, and a row of fields per column."""
        out = []
        for number, layout in sorted(self.layouts["forms"].items()):
            prefix = f"f{number}"
            columns = [
                {
                    "key": column["key"],
                    "fields": [
                        self[f"{prefix}_c{i}_{part}"]
                        for part in ("header", "aliases", "width", "group")
                    ],
                }
                for i, column in enumerate(layout["columns"])
            ]
            own = [self[f"{prefix}_{part}"] for part in ("title", "organizer_line", "notes")]
            out.append({"label": layout["label"], "fields": own, "columns": columns})
        return out

    def clean(self):
        data = super().clean()
        for number in self.layouts["forms"]:
            for part, allowed in (("title", {"year"}), ("organizer_line", {"organizer"})):
                name = f"f{number}_{part}"
                if name not in data:
                    continue
                try:
                    extra = _placeholders(data[name]) - allowed
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
                    continue
                if extra:
                    self.add_error(
                        name,
                        _("Only {%(allowed)s} is filled in here, not {%(names)s}.")
                        % {"allowed": next(iter(allowed)), "names": ", ".join(sorted(extra))},
                    )
            if f"f{number}_title" in data and "{year}" not in data[f"f{number}_title"]:
                self.add_error(f"f{number}_title", _("The title must contain {year}."))
        return data

    def value(self) -> dict[str, Any]:
        """The layouts with the fields' values put in (what the service then checks)."""
        data = self.cleaned_data
        layouts = copy.deepcopy(self.layouts)
        for number, layout in layouts["forms"].items():
            prefix = f"f{number}"
            layout["title"] = data[f"{prefix}_title"].strip()
            layout["organizer_line"] = data[f"{prefix}_organizer_line"].strip()
            notes = data[f"{prefix}_notes"].splitlines()
            layout["notes"] = [line.strip() for line in notes if line.strip()]
            for i, column in enumerate(layout["columns"]):
                column["header"] = data[f"{prefix}_c{i}_header"].strip()
                aliases = ALIAS_SPLIT.split(data[f"{prefix}_c{i}_aliases"])
                column["aliases"] = [a.strip() for a in aliases if a.strip()]
                column["width"] = float(data[f"{prefix}_c{i}_width"])
                column["group"] = data[f"{prefix}_c{i}_group"].strip() or None
        return layouts
