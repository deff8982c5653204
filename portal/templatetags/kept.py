"""`{% keptrows kept_rows %}…{% endkeptrows %}`: the body's HTML kept per data version of the
page's rows (portal/fragments.py); without a `KeptRows` in `kept_rows` the body is rendered."""

from django import template

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
