"""The list pages' cheaper rendering keeps Django's markup: the Python-built select and the
pagination window computed from the current page."""

from types import SimpleNamespace

import pytest
from django import forms

from portal.templatetags.pages import page_window
from portal.widgets import Select

CHOICES = [("", "全部"), (1, 'A&B "x"'), (2, "<b>"), ("组", [(3, "三"), (4, "四"), (2, "重复")])]


@pytest.mark.parametrize("value", [None, "", "2", 3, [2]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_a", "class": "c", "required": True}])
def test_select_writes_what_djangos_templates_write(value, attrs):
    ours = Select(choices=CHOICES, attrs={"data-x": 1}).render("agency", value, attrs)
    django = forms.Select(choices=CHOICES, attrs={"data-x": 1}).render("agency", value, attrs)
    assert ours == django


def _window_by_every_page(last: int, current: int) -> list[tuple[int, str]]:
    """What components/pagination.html decided, page number by page number, before."""
    shown = []
    for num in range(1, last + 1):
        if num == current:
            shown.append((num, "current"))
        elif (
            num in (1, last)
            or current - 2 <= num <= current + 2
            or (num == 2 and current == 5)
            or (num == last - 1 and current == last - 4)
        ):
            shown.append((num, "link"))
        elif num in (current - 3, current + 3):
            shown.append((num, "gap"))
    return shown


def test_page_window_matches_the_loop_over_every_page():
    for last in range(1, 30):
        for current in range(1, last + 1):
            page = SimpleNamespace(paginator=SimpleNamespace(num_pages=last), number=current)
            assert page_window(page) == _window_by_every_page(last, current)


def test_page_window_of_a_long_list_is_short():
    page = SimpleNamespace(paginator=SimpleNamespace(num_pages=684), number=400)
    assert [n for n, _kind in page_window(page)] == [1, 397, 398, 399, 400, 401, 402, 403, 684]
