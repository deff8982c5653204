"""Template filters of the printed documents (templates/documents/), loaded by pdf.py's engine.

`keep_together`: a standard number ("GB 17167", "GB/T 2589-2020") never breaks across lines,
neither at its space nor after the slash of "GB/T": it is printed in a no-wrap span.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .data import STANDARD_NUMBER

register = template.Library()


@register.filter
def keep_together(text: object) -> SafeString:
    """`text` escaped, with each standard number in a `<span class="nobr">`."""
    escaped = str(conditional_escape(str(text)))  # escaping leaves letters, digits, /, spaces
    wrapped = STANDARD_NUMBER.sub(
        lambda m: format_html('<span class="nobr">{}</span>', m[0]), escaped
    )
    return mark_safe(wrapped)  # every piece was escaped above
