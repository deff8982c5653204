"""A list page's rendered rows, kept once per data version of the tables the rows are read from.

Rendering 25 rows through the template engine costs a list page most of its CPU (about 15 ms
of the report list's 27 ms here), and the rows' HTML changes only when their data does. A
`KeptRows` names what the rows' HTML depends on, and `{% keptrows %}` (portal/templatetags/
kept.py) renders its body only when that HTML is not kept yet:

- the rows: the SQL that read the page's rows (`Page.rows_query`, set by
  `portal.dataversion.VersionedPaginator`) with its parameters — the user's scope, the
  filters and the page's keys in their order — and the data version of every table that SQL
  names (the task, its enterprise, organizer, agency, report…): any write to one of them and
  the rows are rendered again;
- who reads them: the role and the tenant (organizer, agency, enterprise) of the user, so a
  fragment is never shown to another role or tenant even where their rows coincide;
- how they are written: the language, the time zone, the script prefix and the URLconf;
- whatever else the page passes (`vary`): its flags (editable, …) and per-request parts such
  as the report list's deadline chips (which depend on today's date).

The value is kept by `dataversion.cached`: in this process and in the shared cache, computed
(never kept) while this connection has uncommitted writes to those tables, and computed when
the cache is down or not shared (LocMemCache without DATAVERSION_LOCAL).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation

from portal import dataversion
from portal.widgets import choices_key


class KeptRows:
    def __init__(self, request, page, *vary: Any) -> None:
        self.query = getattr(page, "rows_query", None)
        self.window = getattr(page, "rows_window", None)
        match = getattr(request, "resolver_match", None)
        self.view = match.view_name if match is not None else None
        user = request.user  # anonymous on the public list: no role, no tenant
        self.vary = (
            getattr(user, "role", None),
            getattr(user, "organizer_id", None),
            getattr(user, "agency_id", None),
            getattr(user, "enterprise_id", None),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            *vary,
        )

    def render(self, render: Callable[[], str]) -> str:
        if self.query is None:
            return render()
        what = "rows:" + repr(self.vary)
        if self.window is None or self.view is None:
            return dataversion.cached(self.query, render, what)
        # Named by the window's SQL (the list: scope, filters, order, page), under the versions
        # of every table the rows' SQL reads (a superset of the window's, which found the page's
        # keys under those versions: the keys follow from the name). Those tables are the
        # same for every page of one view's list as one role and tenant see it, so the rows'
        # SQL (the widest of the page, 1.5-2 ms to write) is compiled once per process for them.
        tables = _rows_tables((self.view, self.window[0], repr(self.vary)), self.query)
        if tables is None:
            return render()
        name = (self.view, self.window)
        return dataversion.cached_for(self.query.db, name, tables, render, what)


# (view, window SQL, vary) -> the tables the rows' SQL names; the least recently used go first.
ROWS_TABLES_MAX = 1024
_rows_tables_seen: OrderedDict[tuple, list[str] | None] = OrderedDict()
_rows_tables_lock = threading.Lock()


def _rows_tables(key: tuple, query) -> list[str] | None:
    with _rows_tables_lock:
        if key in _rows_tables_seen:
            _rows_tables_seen.move_to_end(key)
            return _rows_tables_seen[key]
    compiled = dataversion.compiled_sql(query)
    tables = compiled[2] if compiled is not None else None
    with _rows_tables_lock:
        _rows_tables_seen[key] = tables
        while len(_rows_tables_seen) > ROWS_TABLES_MAX:
            _rows_tables_seen.popitem(last=False)
    return tables


def form_key(form: Any) -> tuple | None:
    """Everything the HTML of `form`'s fields is written from, as a hashable key: the form's
    class, prefix and ids; per field its name, classes, label, help text, flags, the widget's
    attributes and choices, and the value it shows. None for what is not keyed that simply:
    not a form, a bound form with errors, a widget made of widgets, choices read from the
    database (a ModelChoiceIterator) or grouped, an attribute or value that is not hashable."""
    if not isinstance(form, forms.BaseForm):
        return None
    if form.is_bound and form.errors:
        return None
    fields = []
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            return None
        choices: tuple | None = ()
        if hasattr(widget, "choices"):
            if isinstance(widget.choices, ModelChoiceIterator):
                return None
            choices = choices_key(widget.choices)
            if choices is None:
                return None
        value = form[name].value()
        fields.append(
            (
                name,
                type(field),
                type(widget),
                widget.template_name,
                getattr(widget, "input_type", None),
                getattr(widget, "format", None),
                str(field.label) if field.label is not None else None,
                str(field.help_text),
                field.required,
                field.disabled,
                field.show_hidden_initial,
                tuple(sorted((k, _frozen(v)) for k, v in widget.attrs.items())),
                choices,
                _frozen(value),
            )
        )
    key = (type(form), form.prefix, form.auto_id, form.is_bound, tuple(fields))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _frozen(value: Any) -> Any:
    """Lists as tuples (a multiple choice's values), with their type: "1" and 1 differ."""
    if isinstance(value, list | tuple):
        return (type(value), *(_frozen(v) for v in value))
    return (type(value), value)
