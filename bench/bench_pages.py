"""Deep pages of the national lists: the page at row 45,000 against the first page.

The API's national lists are keyset (cursor) pages (enterprises/api/pagination.py): a page is
found by the last key seen, not by skipping every row before it, so its cost does not grow
with its depth. `ours` asks for the page that starts at row 45,000 of the ministry's task list
(all three campaigns of bench/fixtures.build_national: 51,300 tasks); `floor` asks for row 0.
Both are whole requests through Django and DRF (the count of the list included); the goal is
1.3×. A second row does the same for the last page of a published national list (row 17,050
of 17,100) against its first.
"""

from django.test import Client
from rest_framework.pagination import Cursor

from bench.harness import Measurement
from bench.load.data import national, published_list
from bench.load.measure import InterleavedMeasurement
from enterprises.api.pagination import KeysetPagination, PublishedEntryPagination
from enterprises.models import DiagnosisTask
from portal.models import Campaign

DEEP_ROW, REQUESTS = 45_000, 20


def _cursor_url(paginator: KeysetPagination, path: str, position) -> str:
    """The link a client following `next` would hold just before the row after `position`."""
    paginator.base_url = f"http://testserver{path}"
    return paginator.encode_cursor(Cursor(offset=0, reverse=False, position=str(position)))


def _requests(client: Client, url: str, first_row: dict) -> callable:
    def run() -> None:
        for _ in range(REQUESTS):
            body = client.get(url, secure=True).json()
        assert body["results"][0] == first_row, "the page does not start at the expected row"

    return run


def _tasks(client: Client) -> tuple:
    ids = DiagnosisTask.objects.order_by("id").values_list("id", flat=True)
    total = ids.count()
    assert total > DEEP_ROW, f"the national list has {total} tasks, fewer than {DEEP_ROW + 1}"
    path = "/api/v1/tasks/"
    deep = _cursor_url(KeysetPagination(), path, ids[DEEP_ROW - 1])
    first, deepest = (client.get(url, secure=True).json() for url in (path, deep))
    assert deepest["results"][0]["id"] == ids[DEEP_ROW]
    return (
        f"API: national task list, row {DEEP_ROW:,} of {total:,} vs row 0 (keyset)",
        _requests(client, deep, deepest["results"][0]),
        _requests(client, path, first["results"][0]),
    )


def _entries(client: Client, published) -> tuple:
    last = (published.entry_count - 1) // 50 * 50  # the rows before the last page
    path = f"/api/v1/published-lists/{published.pk}/entries/"
    deep = _cursor_url(PublishedEntryPagination(), path, last)
    first, deepest = (client.get(url, secure=True).json() for url in (path, deep))
    assert deepest["results"][0]["seq"] == last + 1
    return (
        f"API: published national list, row {last:,} of {published.entry_count:,} vs row 0",
        _requests(client, deep, deepest["results"][0]),
        _requests(client, path, first["results"][0]),
    )


def measurements() -> list[Measurement]:
    data = national()
    client = Client()
    client.force_login(data["user"], backend="portal.security.backends.TenantModelBackend")
    published = published_list(Campaign.objects.get(year=max(data["campaigns"])), data["user"])
    return [
        InterleavedMeasurement(
            name=name,
            ours=ours,
            floor=floor,
            goal=1.3,
            repeat=21,
            note=f"{REQUESTS} requests per run, median of 21 runs, ours and floor alternating",
        )
        for name, ours, floor in (_tasks(client), _entries(client, published))
    ]
