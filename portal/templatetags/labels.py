"""`{{ row|label:"state" }}`: what `row.get_state_display` shows, from a table kept per model,
field and language.

Django's get_FOO_display builds a dict of the field's choices on every call (about 60-80 µs
here); a list page calls it for two or three fields of each of its 25-50 rows.
"""

import functools

from django import template
from django.apps import apps
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

register = template.Library()


@register.filter
def label(instance, field_name: str) -> str:
    """The display value of `instance`'s choice field `field_name` (get_FOO_display's rules: the
    choice's label, or the value itself when it is not one of the choices)."""
    value = getattr(instance, field_name)
    labels = _labels(instance._meta.label, field_name, get_language())
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


@functools.lru_cache(maxsize=256)
def _labels(model: str, field_name: str, language: str | None) -> dict:
    field = apps.get_model(model)._meta.get_field(field_name)
    return {make_hashable(value): force_str(text) for value, text in field.flatchoices}
