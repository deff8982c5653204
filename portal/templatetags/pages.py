"""Page links: `{% load pages %}`, then `{% for num, kind in page_obj|page_window %}`.

The page numbers a pagination bar shows — the first and the last, two either side of the
current one, "…" for the gaps — found from the current page alone: a list of 684 pages costs
what a list of 7 does (the bar looped over every page number in the template before).
"""

from django import template

register = template.Library()


@register.filter
def page_window(page_obj) -> list[tuple[int, str]]:
    """(number, "current" | "link" | "gap") in order, as components/pagination.html shows them."""
    last, current = page_obj.paginator.num_pages, page_obj.number
    near = range(current - 3, current + 4)
    candidates = sorted({1, 2, last - 1, last, *near} & set(range(1, last + 1)))
    window = []
    for num in candidates:
        if num == current:
            window.append((num, "current"))
        elif (
            num in (1, last)
            or current - 2 <= num <= current + 2
            or (num == 2 and current == 5)
            or (num == last - 1 and current == last - 4)
        ):
            window.append((num, "link"))
        elif num in (current - 3, current + 3):
            window.append((num, "gap"))
    return window
