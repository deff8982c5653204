"""Keyset pages of the national lists (API): walk with `next`, a deep page costs a first one."""

from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enterprises.api.serializers import PublishedEntrySerializer
from enterprises.models import DiagnosisTask, PublishedEntry, PublishedList
from tests.factories import CampaignFactory, TaskFactory

pytestmark = pytest.mark.django_db


def walk(api, url: str) -> tuple[list[dict], list[int]]:
    """Every row of a list by following `next`; and the count each page reported."""
    rows, counts = [], []
    while url:
        body = api.get(url).json()
        rows += body["results"]
        counts.append(body["count"])
        url = body["next"]
    return rows, counts


def test_walking_the_task_list_visits_every_task_once_in_key_order(ministry_user, api_for):
    """20 tasks in pages of 7: three pages, each task once, `count` the total on every page."""
    TaskFactory.create_batch(20, campaign=CampaignFactory(year=2021))
    rows, counts = walk(api_for(ministry_user), "/api/v1/tasks/?page_size=7")
    ids = [row["id"] for row in rows]
    assert ids == sorted(DiagnosisTask.objects.values_list("pk", flat=True))
    assert counts == [20, 20, 20]


def test_filters_and_scoping_hold_across_pages(organizer_user, hebei, shandong, api_for):
    """An organizer walks only its own tasks, with the filter kept in the next link."""
    campaign = CampaignFactory(year=2021)
    TaskFactory.create_batch(6, campaign=campaign, organizer=hebei)
    TaskFactory.create_batch(4, campaign=campaign, organizer=shandong)
    rows, counts = walk(
        api_for(organizer_user), f"/api/v1/tasks/?campaign={campaign.pk}&page_size=4"
    )
    assert {row["organizer"] for row in rows} == {hebei.pk} and len(rows) == 6
    assert counts == [6, 6]


def test_a_deep_page_makes_the_same_queries_without_offset(ministry_user, api_for):
    """The third page: as many queries as the first, and the rows found by key, not skipped."""
    TaskFactory.create_batch(12, campaign=CampaignFactory(year=2021))
    api = api_for(ministry_user)
    with CaptureQueriesContext(connection) as first:
        body = api.get("/api/v1/tasks/?page_size=4").json()
    second = api.get(body["next"]).json()
    with CaptureQueriesContext(connection) as deep:
        api.get(second["next"])
    assert len(deep) == len(first)
    assert not [q["sql"] for q in deep.captured_queries if "OFFSET" in q["sql"].upper()]


def test_page_size_is_capped(ministry_user, api_for):
    """?page_size= above 500 gives pages of 500."""
    cursor_pages = api_for(ministry_user).get("/api/v1/tasks/?page_size=100000")
    assert cursor_pages.status_code == 200
    next_link = cursor_pages.json()["next"]
    assert next_link is None or parse_qs(urlparse(next_link).query)["page_size"] == ["500"]


def test_a_forged_cursor_is_a_404(ministry_user, api_for):
    """A cursor that does not decode is refused, not a server error."""
    assert api_for(ministry_user).get("/api/v1/tasks/?cursor=not*base64").status_code == 404


def published_list_of(user, seqs) -> PublishedList:
    published = PublishedList.objects.create(
        campaign=CampaignFactory(year=2021),
        version=1,
        published_at=timezone.now(),
        published_by=user,
        entry_count=len(seqs),
    )
    for seq in seqs:
        PublishedEntry.objects.create(
            published_list=published,
            seq=seq,
            enterprise_name=f"企业{seq}",
            credit_code=f"91130100MA{seq:08d}",
            organizer_name="河北省工业和信息化厅",
            organizer_code="130000" if seq % 2 else "370000",
            agency_name="测试机构",
            diagnosis_type="key_industry",
        )
    return published


def test_published_entries_walk_in_the_lists_order(ministry_user, client):
    """The public entries of a list, 9 in pages of 4, in seq order; anonymous readers too."""
    # Inserted out of order: the key is seq, not id.
    published = published_list_of(ministry_user, (5, 1, 9, 3, 7, 2, 8, 4, 6))
    rows, counts = walk(client, f"/api/v1/published-lists/{published.pk}/entries/?page_size=4")
    assert [row["seq"] for row in rows] == list(range(1, 10))
    assert counts == [9, 9, 9]


def test_narrowed_entries_count_what_matches(ministry_user, client):
    """?organizer= keeps the matching entries, and `count` counts them, not the whole list."""
    published = published_list_of(ministry_user, range(1, 8))
    url = f"/api/v1/published-lists/{published.pk}/entries/?organizer=370000&page_size=2"
    rows, counts = walk(client, url)
    assert [row["seq"] for row in rows] == [2, 4, 6] and counts == [3, 3]


def test_whole_list_pages_take_the_stored_count(ministry_user, client):
    """Not narrowed, a page reads the list's entry_count: no COUNT over its entries."""
    published = published_list_of(ministry_user, range(1, 4))
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/api/v1/published-lists/{published.pk}/entries/").json()
    assert body["count"] == 3
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_entries_of_an_unknown_list_are_a_404(client):
    """No list, no entries; a key that is no number is not found either."""
    assert client.get("/api/v1/published-lists/999999/entries/").status_code == 404
    assert client.get("/api/v1/published-lists/x1/entries/").status_code == 404


def test_list_rows_are_the_tasks_own_json(ministry_user, api_for):
    """A listed task reads exactly as the task's own page of the API (decimals, local times)."""
    campaign = CampaignFactory(year=2021)
    TaskFactory(
        campaign=campaign,
        published=True,
        published_at=timezone.now(),
        energy_tce=Decimal("12345.6"),
    )
    TaskFactory(campaign=campaign, energy_tce=None, is_sme=True, sme_class="small")
    api = api_for(ministry_user)
    listed = api.get("/api/v1/tasks/").json()["results"]
    assert listed == [api.get(f"/api/v1/tasks/{row['id']}/").json() for row in listed]
    assert {row["energy_tce"] for row in listed} == {"12345.60", None}
    assert any(row["published_at"] and row["published_at"].endswith("+08:00") for row in listed)


def test_listed_entries_read_as_the_entry_serializer_shows_them(ministry_user, client):
    """The entries' plain rows are exactly PublishedEntrySerializer's JSON."""
    published = PublishedList.objects.create(
        campaign=CampaignFactory(year=2021),
        version=1,
        published_at=timezone.now(),
        published_by=ministry_user,
        entry_count=1,
    )
    entry = PublishedEntry.objects.create(
        published_list=published,
        seq=1,
        enterprise_name="唐山测试钢铁有限公司",
        credit_code="91130200MA00000001",
        city="唐山市",
        organizer_name="河北省工业和信息化厅",
        organizer_code="130000",
        agency_name="测试机构",
        diagnosis_type="sme",
    )
    body = client.get(f"/api/v1/published-lists/{published.pk}/entries/").json()
    assert body["results"] == [PublishedEntrySerializer(entry).data]


def test_a_campaigns_walk_starts_at_its_first_task_and_misses_none(ministry_user, api_for):
    """Tasks of two years interleaved by id: the campaign's walk is bounded below by its first
    task's id (`id >= …`, read once per data version, so the planner starts there) and still
    finds every task of the campaign, including one added after the bound was read."""
    earlier, current = CampaignFactory(year=2020), CampaignFactory(year=2021)
    for _ in range(5):
        TaskFactory(campaign=earlier)
        TaskFactory(campaign=current)
    api = api_for(ministry_user)
    url = f"/api/v1/tasks/?campaign={current.pk}&page_size=3"
    with CaptureQueriesContext(connection) as queries:
        rows, counts = walk(api, url)
    expected = list(current.tasks.order_by("pk").values_list("pk", flat=True))
    assert [row["id"] for row in rows] == expected and counts == [5, 5]
    first = min(expected)
    bounded = [q["sql"] for q in queries.captured_queries if f'"id" >= {first}' in q["sql"]]
    assert len(bounded) >= 2  # the pages' rows, from the campaign's first task on
    TaskFactory(campaign=current)
    rows, counts = walk(api, url)
    assert [row["id"] for row in rows] == list(
        current.tasks.order_by("pk").values_list("pk", flat=True)
    )
    assert counts == [6, 6]
