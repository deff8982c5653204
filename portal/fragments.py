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

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation

from portal import dataversion


class KeptRows:
    def __init__(self, request, page, *vary: Any) -> None:
        self.query = getattr(page, "rows_query", None)
        user = request.user
        self.vary = (
            user.role,
            user.organizer_id,
            user.agency_id,
            user.enterprise_id,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            *vary,
        )

    def render(self, render: Callable[[], str]) -> str:
        if self.query is None:
            return render()
        return dataversion.cached(self.query, render, "rows:" + repr(self.vary))
