"""`{% path_for "reports:dossier" row.enterprise_id %}`: `{% url %}` for a URL whose one argument
is an integer (`<int:pk>`), written from a pattern kept per URL name, URLconf and prefix.

A list page writes two or three such links in each of its 25 rows; reverse() matches the
arguments against every pattern of the name each time (50-100 µs here under load). Other
arguments, and names whose pattern does not take any integer as it is, go to reverse().
"""

import functools

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

register = template.Library()
PROBES = (0, 7, 42, 2147483647, 10**12)


@register.simple_tag
def path_for(name: str, pk) -> str:
    if type(pk) is int and pk >= 0:
        pattern = _pattern(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        if pattern is not None:
            return f"{pattern[0]}{pk}{pattern[1]}"
    return reverse(name, args=[pk])


@functools.lru_cache(maxsize=256)
def _pattern(name: str, urlconf: str, prefix: str) -> tuple[str, str] | None:
    """(before, after) the integer in `name`'s URL, if every probe reverses to exactly that."""
    try:
        first = reverse(name, args=[PROBES[-1]], urlconf=urlconf)
    except NoReverseMatch:
        return None
    before, sep, after = first.partition(str(PROBES[-1]))
    if not sep or str(PROBES[-1]) in after:
        return None
    for probe in PROBES:
        try:
            if reverse(name, args=[probe], urlconf=urlconf) != f"{before}{probe}{after}":
                return None
        except NoReverseMatch:
            return None
    return before, after
