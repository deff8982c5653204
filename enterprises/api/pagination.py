"""Keyset (cursor) pages for the national lists: the 45,000th row costs what the first does.

Page numbers make the database count and skip every row before the page (OFFSET); a cursor
remembers the last key seen and asks for the next rows by index. The lists keep their total
in `count` (one COUNT per data version, portal/dataversion.py; the same whatever the depth).
The HTML pages keep page numbers: people jump to a page there, programs walk a list with
`next`.
"""

from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from portal import dataversion


class KeysetPagination(CursorPagination):
    """Pages of 50 (up to 500 with ?page_size=) ordered by a unique indexed key."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None, count: int | None = None):
        """`count`: the total when the caller already knows it (no COUNT query then)."""
        self.count = dataversion.count(queryset) if count is None else count
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["properties"] = {
            "count": {"type": "integer", "example": 17100},
            **response["properties"],
        }
        response["required"] = ["count", *response.get("required", [])]
        return response


class PublishedEntryPagination(KeysetPagination):
    """Entries of one published list, in the list's own order (seq is unique within it)."""

    ordering = "seq"
