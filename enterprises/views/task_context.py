"""Pieces of the intent-list page's context that several views build the same way."""

from functools import cache

from enterprises.forms import TaskFilterForm
from enterprises.models import Industry


def filter_form(request, options: dict, organizers, year: int) -> TaskFilterForm:
    return TaskFilterForm(
        request.GET or None, options=options, organizers=organizers, initial={"year": year}
    )


@cache
def _industries() -> tuple[tuple[str, str], ...]:
    return tuple((i.code, f"{i.code} {i.name}") for i in Industry.objects.all())


def industries() -> list[tuple[str, str]]:
    """GB/T 4754 divisions for the row editor (a reference table loaded by migration)."""
    return list(_industries())
