"""The 帮助 link: `{% load help %}{% help_url as href %}` — the manual section for this page."""

from django import template
from django.urls import reverse

from portal.help import INDEX, help_target

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context) -> str:
    request = context.get("request")
    if request is None:
        return reverse("help-index")
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    slug, anchor = help_target(match.view_name if match is not None else "", role)
    url = reverse("help-index") if slug == INDEX else reverse("help-page", args=[slug])
    return f"{url}#{anchor}" if anchor else url
