"""`{% keptrows kept_rows %}…{% endkeptrows %}`: the body's HTML kept per data version of the
page's rows (portal/fragments.py); without a `KeptRows` in `kept_rows` the body is rendered.
`{% keptfor … %}`: a body kept per process for each value of its arguments (below).
`{% keptform form … %}`: the same, keyed by everything a form writes (`portal.fragments.form_key`)."""

import secrets
import threading
from collections import OrderedDict

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from portal.fragments import KeptRows, form_key

register = template.Library()


class KeptRowsNode(template.Node):
    def __init__(self, kept: template.base.FilterExpression, nodelist: template.NodeList):
        self.kept, self.nodelist = kept, nodelist

    def render(self, context) -> str:
        kept = self.kept.resolve(context, ignore_failures=True)
        if not isinstance(kept, KeptRows):
            return self.nodelist.render(context)
        return kept.render(lambda: self.nodelist.render(context))


@register.tag
def keptrows(parser, token) -> KeptRowsNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% keptrows %} takes one argument: a KeptRows")
    nodelist = parser.parse(("endkeptrows",))
    parser.delete_first_token()
    return KeptRowsNode(parser.compile_filter(bits[1]), nodelist)


# `{% keptfor a b … %}…{% endkeptfor %}`: the body's HTML kept in this process for each
# combination of the arguments' values and the language. Only for a body that is a function
# of exactly those values (the pagination bar: its page, count, query string and targets);
# arguments that cannot be a key (not hashable) render the body every time.
KEPT_FOR_MAX = 1024
_kept_for: OrderedDict = OrderedDict()
_kept_for_lock = threading.Lock()


def _kept(key: tuple, render) -> str:
    """render(), kept in this process under `key` (hashable) among the last KEPT_FOR_MAX."""
    with _kept_for_lock:
        html = _kept_for.get(key)
        if html is not None:
            _kept_for.move_to_end(key)
            return html
    html = render()
    with _kept_for_lock:
        _kept_for[key] = html
        while len(_kept_for) > KEPT_FOR_MAX:
            _kept_for.popitem(last=False)
    return html


class KeptForNode(template.Node):
    def __init__(self, args: list, nodelist: template.NodeList):
        self.args, self.nodelist = args, nodelist

    def key(self, context) -> tuple | None:
        """What the body is kept under (besides this node and the language); None: not kept."""
        return tuple(arg.resolve(context, ignore_failures=True) for arg in self.args)

    def write(self, context) -> str:
        """The body's HTML as kept."""
        return self.nodelist.render(context)

    def finish(self, html: str, context) -> str:
        """The kept HTML as this request shows it."""
        return html

    def render(self, context) -> str:
        parts = self.key(context)
        key = None if parts is None else (id(self), translation.get_language(), *parts)
        try:
            hash(key)
        except TypeError:
            key = None
        if key is None:
            return self.nodelist.render(context)
        return self.finish(_kept(key, lambda: self.write(context)), context)


@register.tag
def keptfor(parser, token) -> KeptForNode:
    args = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkeptfor",))
    parser.delete_first_token()
    return KeptForNode(args, nodelist)


# `{% keptform form a b … %}…{% endkeptform %}`: a body that writes `form` (its fields, values,
# choices) and the other arguments, kept in this process per `form_key(form)`, the language and
# the arguments' values. A form that cannot be keyed (an unhashable attribute, errors to show)
# is written every time. The filter bar: its long selects and one include per field cost a
# list page 2-3 ms, the same for every request of the same filters.
class KeptFormNode(KeptForNode):
    def __init__(self, form, args: list, nodelist: template.NodeList):
        super().__init__(args, nodelist)
        self.form = form

    def key(self, context) -> tuple | None:
        form = form_key(self.form.resolve(context, ignore_failures=True))
        parts = super().key(context)
        return None if form is None or parts is None else (form, *parts)


@register.tag
def keptform(parser, token) -> KeptFormNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% keptform %} takes a form, then any other values")
    nodelist = parser.parse(("endkeptform",))
    parser.delete_first_token()
    return KeptFormNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist
    )


# `{% keptheader %}…{% endkeptheader %}`: the page header of base.html (top bar, brand bar,
# navigation), kept in this process per everything it shows: the page's template (a page may
# fill the nav block), the language, the URL configuration, the signed-in user's name, role
# and tenant, the unread count, the navigation entries, the campaign and the help section.
# Two things differ on every request and are not in the key: the CSRF token (of the sign-out
# and language forms) and the current path (the language form's `next`). The body is written
# with a marker in their place, and each request puts its own values into the kept HTML.
_MARK = "kept" + secrets.token_hex(12)
CSRF_MARK, PATH_MARK = _MARK + "csrf", _MARK + "path"


def _header_key(context) -> tuple | None:
    request = context.get("request")
    if request is None:
        return None
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    campaign = context.get("current_campaign")
    match = getattr(request, "resolver_match", None)
    return (
        context.template.name if context.template is not None else None,
        translation.get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        match.view_name if match is not None else None,
        signed_in,
        (user.pk, user.username, user.display_name, user.role, user.tenant_name)
        if user is not None and signed_in
        else None,
        str(context.get("unread_notice_count") or 0),  # a lazy count: its text
        tuple(
            (str(i["label"]), i["url"], bool(i["active"]), i["badge"])
            for i in context.get("portal_nav") or ()
        ),
        campaign.year if campaign else None,
    )


class KeptHeaderNode(KeptForNode):
    def __init__(self, nodelist: template.NodeList):
        super().__init__([], nodelist)

    def key(self, context) -> tuple | None:
        return _header_key(context)

    def write(self, context) -> str:
        with context.push(csrf_token=CSRF_MARK, next_path=PATH_MARK):
            return self.nodelist.render(context)

    def finish(self, html: str, context) -> str:
        if CSRF_MARK in html:
            html = html.replace(CSRF_MARK, str(context.get("csrf_token", "")))
        if PATH_MARK in html:
            html = html.replace(PATH_MARK, conditional_escape(context["request"].get_full_path()))
        return mark_safe(html)


@register.tag
def keptheader(parser, token) -> KeptHeaderNode:
    nodelist = parser.parse(("endkeptheader",))
    parser.delete_first_token()
    return KeptHeaderNode(nodelist)
