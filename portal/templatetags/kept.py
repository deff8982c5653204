"""`{% keptrows kept_rows %}…{% endkeptrows %}`: the body's HTML kept per data version of the
page's rows (portal/fragments.py); without a `KeptRows` in `kept_rows` the body is rendered.
`{% keptfor … %}`: a body kept per process for each value of its arguments (below)."""

import threading
from collections import OrderedDict

from django import template
from django.utils import translation

from portal.fragments import KeptRows

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


class KeptForNode(template.Node):
    def __init__(self, args: list, nodelist: template.NodeList):
        self.args, self.nodelist = args, nodelist

    def render(self, context) -> str:
        key = (
            id(self),
            translation.get_language(),
            *(arg.resolve(context, ignore_failures=True) for arg in self.args),
        )
        try:
            hash(key)
        except TypeError:
            return self.nodelist.render(context)
        with _kept_for_lock:
            html = _kept_for.get(key)
            if html is not None:
                _kept_for.move_to_end(key)
                return html
        html = self.nodelist.render(context)
        with _kept_for_lock:
            _kept_for[key] = html
            while len(_kept_for) > KEPT_FOR_MAX:
                _kept_for.popitem(last=False)
        return html


@register.tag
def keptfor(parser, token) -> KeptForNode:
    args = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkeptfor",))
    parser.delete_first_token()
    return KeptForNode(args, nodelist)
