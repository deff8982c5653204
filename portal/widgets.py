"""Form widgets every app shares."""

import functools

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """A browser date picker. `<input type=date>` takes only ISO dates (2021-11-15): the locale's
    format (zh-hans renders 2021/11/15) would show an empty field and lose the value on the next
    save. Django reads ISO dates back in every locale."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or ISO_DATE)


class ChoiceList(BaseChoiceIterator):
    """Choices that are (value, label) pairs already, no groups — a filter bar's agencies,
    cities, organizers: a field takes them as they are, where a list is normalized again pair
    by pair (normalize_choices) on every request."""

    def __init__(self, *parts):
        self.items = [(value, label) for part in parts for value, label in part]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Select(forms.Select):
    """forms.Select, its HTML built in Python: the same markup as Django's templates
    (django/forms/widgets/select.html and select_option.html), without a template render per
    option — a filter bar's long lists (agencies, cities, organizers) cost a template include
    per option otherwise.

    The options of a single select are written once per process for each list of choices and
    language (`_options`, a bounded memo keyed by the choices themselves, so two lists — two
    tenants' agencies, one list before and after a data change — never share one), and the
    chosen value is marked in that text: the ministry's 570 agencies are escaped once, not on
    every request."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = self.format_value(value)
        head = f'<select name="{conditional_escape(name)}"{_attrs(attrs)}>'
        key = choices_key(self.choices)
        if key is None or self.allow_multiple_selected or len(chosen) > 1:
            return mark_safe(
                head
                + _write_options(self.choices, set(chosen), self.allow_multiple_selected)
                + "\n</select>"
            )
        options = _options(key, get_language())
        if chosen:
            # The first option with the chosen value is the selected one (ChoiceWidget.optgroups).
            tag = f'\n  <option value="{conditional_escape(chosen[0])}">'
            options = options.replace(tag, tag[:-1] + " selected>", 1)
        return mark_safe(head + options + "\n</select>")  # every value in it is escaped


def _write_options(choices, chosen: set[str], multiple: bool) -> str:
    """The <option>s (and <optgroup>s) of a select as Django's templates write them."""
    parts, found = [], False
    # ChoiceWidget.optgroups' rules: one option selected unless multiple; groups nest.
    for option_value, option_label in choices:
        grouped = isinstance(option_label, list | tuple)
        if grouped:
            parts.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
        for sub_value, sub_label in option_label if grouped else [(option_value, option_label)]:
            text = "" if sub_value is None else str(sub_value)
            selected = (not found or multiple) and text in chosen
            found |= selected
            parts.append(
                f'\n  <option value="{conditional_escape(text)}"{" selected" if selected else ""}>'
                f"{conditional_escape(sub_label)}</option>\n"
            )
        if grouped:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def choices_key(choices) -> tuple | None:
    """The choices as a hashable key, each value and label with its type (1 and True, or a
    safe and a plain label, are equal but written differently); the labels' text comes from
    the language, also in the key. None for grouped choices, which are written each time."""
    try:
        key = tuple((type(v), v, type(label), label) for v, label in choices)
        hash(key)
    except (TypeError, ValueError):
        return None
    if any(isinstance(item[3], list | tuple) for item in key):
        return None
    return key


@functools.lru_cache(maxsize=256)
def _options(key: tuple, language: str | None) -> str:
    return _write_options(((v, label) for _t, v, _u, label in key), set(), False)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )
