"""What a list page costs: the same queries on page 1 and page 400, counts and facets read once
per data version (portal/dataversion.py) and exact after every kind of write."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask, Enterprise, PublishedEntry, PublishedList
from portal import dataversion
from portal.models import Notice
from tests.factories import AgencyFactory, CampaignFactory, TaskFactory

TASKS = reverse("enterprises:task-list")
REPORTS = reverse("reports:report-list")
PUBLIC = reverse("enterprises:public-list")
# Page 400 of 25 rows (the report list's fixed size) needs 10,000 rows, 20,000 entries of 50.
ROWS, ENTRIES = 400 * 25, 400 * 50


@pytest.fixture
def versioned(settings):
    """Counts and facets cached (a per-process cache is enough for one test process)."""
    settings.DATAVERSION_LOCAL = True


def _bulk_tasks(campaign, organizer, agency, n: int, state=TaskState.PUBLISHED) -> None:
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(credit_code=f"91{n:06d}{i:010d}", name=f"测试企业{n}-{i}", province_code="130000")
        for i in range(n)
    )  # fmt: skip
    DiagnosisTask.objects.bulk_create(
        (
            DiagnosisTask(campaign=campaign, organizer=organizer, agency=agency, enterprise=e,
                          enterprise_name=e.name, seq=i + 1, state=state, city=f"市{i % 7}",
                          diagnosis_type=DiagnosisType.KEY_INDUSTRY)
            for i, e in enumerate(enterprises)
        ),
        batch_size=2000,
    )  # fmt: skip


def _published(campaign, user, n: int) -> PublishedList:
    published = PublishedList.objects.create(
        campaign=campaign, version=1, published_at=timezone.now(), published_by=user, entry_count=n
    )
    PublishedEntry.objects.bulk_create(
        (
            PublishedEntry(published_list=published, seq=i + 1, enterprise_name=f"企业{i}",
                           credit_code=f"91130000{i:010d}", organizer_name="河北省工业和信息化厅",
                           organizer_code="130000", agency_name="机构",
                           diagnosis_type=DiagnosisType.KEY_INDUSTRY)
            for i in range(n)
        ),
        batch_size=5000,
    )  # fmt: skip
    return published


def _queries(client, path: str, **params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries.captured_queries), response


@pytest.mark.django_db
def test_page_400_costs_the_queries_of_page_1(
    campaign, hebei, agency, ministry_user, client_for, versioned
):
    """Intent list, report list and public list: the same statements at any depth, and the
    rows of page 400 are the 10,000th onwards in the list's order."""
    _bulk_tasks(campaign, hebei, agency, ROWS)
    published = _published(campaign, ministry_user, ENTRIES)
    client = client_for(ministry_user)
    for path, size, first in (
        (TASKS, 25, lambda page: next(t.seq for t in page)),
        (REPORTS, 25, lambda page: next(t.seq for t in page)),
        (PUBLIC, 50, lambda page: next(e.seq for e in page)),
    ):
        # The campaign's caches (counts, facets) warm, as on a live server; pages 1 and 400
        # are each read for the first time (their keys are kept once per version too).
        client.get(path, {"year": 2021, "page": 2})
        first_page, response = _queries(client, path, year=2021)
        assert first(response.context["page_obj"]) == 1
        deep, response = _queries(client, path, year=2021, page=400)
        page = response.context["page_obj"]
        assert first(page) == 399 * size + 1 and len(page) == size, path
        assert deep == first_page, path
    assert published.entries.count() == ENTRIES


def _count(client, path: str, **params) -> int:
    return client.get(path, {"year": 2021, **params}).context["page_obj"].paginator.count


@pytest.mark.django_db(transaction=True)
def test_counts_stay_exact_after_every_kind_of_write(
    reference_data, campaign, hebei, agency, ministry_user, client_for, versioned
):
    """save(), bulk_create(), QuerySet.update() and delete() each change the count at once,
    committed: none of them leaves the cached count of the version before."""
    _bulk_tasks(campaign, hebei, agency, 30)
    client = client_for(ministry_user)
    assert _count(client, TASKS) == 30 and _count(client, REPORTS) == 30
    # A second read is served from the cache: no COUNT statement.
    with CaptureQueriesContext(connection) as queries:
        assert _count(client, TASKS) == 30
    counts = [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert not [q for q in counts if "enterprises_diagnosistask" in q["sql"]]

    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, published=True)
    assert _count(client, TASKS) == 31 and _count(client, REPORTS) == 31
    _bulk_tasks(campaign, hebei, agency, 5)
    assert _count(client, TASKS) == 36
    DiagnosisTask.objects.filter(seq__lte=3).update(state=TaskState.MATCHED)
    published = DiagnosisTask.objects.filter(state=TaskState.PUBLISHED).count()
    assert published < 36 and _count(client, REPORTS) == published
    DiagnosisTask.objects.filter(seq=30).delete()
    assert _count(client, TASKS) == 35
    with connection.cursor() as cursor:  # SQL outside the ORM goes through the same watch
        cursor.execute("DELETE FROM enterprises_diagnosistask WHERE seq = 29")
    assert _count(client, TASKS) == 34


@pytest.mark.django_db(transaction=True)
def test_facets_follow_the_writes(
    reference_data, campaign, hebei, agency, ministry_user, client_for, versioned
):
    """The filter bar's agencies and cities are cached, and change with the list."""
    _bulk_tasks(campaign, hebei, agency, 3)
    client = client_for(ministry_user)

    def facets() -> tuple[list, list]:
        form = client.get(TASKS, {"year": 2021}).context["filters"]
        return [c[0] for c in form.fields["agency"].choices][1:], [
            c[0] for c in form.fields["city"].choices
        ][1:]

    assert facets() == ([agency.pk], ["市0", "市1", "市2"])
    other = AgencyFactory(name="新的服务机构")  # sorts before 河北… (by code point)
    DiagnosisTask.objects.filter(seq=1).update(agency=other, city="新市")
    assert facets() == ([other.pk, agency.pk], ["市1", "市2", "新市"])


@pytest.mark.django_db(transaction=True)
def test_an_open_transaction_is_not_cached_for_others(
    reference_data, campaign, hebei, agency, ministry_user, versioned
):
    """Inside a transaction that wrote the table, counts are computed, not cached; after a
    rollback the version before is still exact."""
    _bulk_tasks(campaign, hebei, agency, 4)
    tasks = DiagnosisTask.objects.filter(campaign=campaign)
    assert dataversion.count(tasks) == 4
    inside = []

    def write_then_fail() -> None:
        with transaction.atomic():
            _bulk_tasks(campaign, hebei, agency, 2)
            inside.append(dataversion.count(tasks))  # its own rows, computed
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert inside == [6]
    assert dataversion.count(tasks) == 4
    with transaction.atomic():
        TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    assert dataversion.count(tasks) == 5


@pytest.mark.django_db(transaction=True)
def test_a_write_during_a_cache_blip_is_counted_once_the_cache_is_back(
    reference_data, campaign, hebei, agency, versioned, monkeypatch
):
    """The cache fails just when a write would change its table's version, then comes back with
    its contents (a network blip, not a restart): the count from before is not served again."""
    monkeypatch.setattr(dataversion, "_down_until", 0.0)
    monkeypatch.setattr(dataversion, "_missed", False)
    _bulk_tasks(campaign, hebei, agency, 4)
    tasks = DiagnosisTask.objects.filter(campaign=campaign)
    assert dataversion.count(tasks) == 4  # cached now

    def refuse(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    with monkeypatch.context() as blip:
        blip.setattr(dataversion.cache, "set_many", refuse)
        TaskFactory(campaign=campaign, organizer=hebei, agency=agency)  # its version not changed
    assert dataversion.count(tasks) == 5  # within RETRY_AFTER the cache is left alone: computed
    monkeypatch.setattr(dataversion, "_down_until", 0.0)  # RETRY_AFTER has passed
    assert dataversion.count(tasks) == 5  # the cache again, and not the count from before
    assert dataversion._missed is False


def test_written_tables_are_read_from_the_statements():
    assert dataversion._written('INSERT INTO "a_b" ("x") VALUES (1)') == ["a_b"]
    assert dataversion._written('UPDATE "a_b" SET "x" = 1') == ["a_b"]
    assert dataversion._written('DELETE FROM "a_b" WHERE 1') == ["a_b"]
    assert dataversion._written('TRUNCATE "a", "b" RESTART IDENTITY CASCADE;') == ["a", "b"]
    assert dataversion._written("UPDATE a_b SET x = 1") == ["a_b"]
    assert dataversion._written('SELECT * FROM "a_b"') == []


@pytest.mark.django_db
def test_a_cache_outage_costs_a_count_not_the_page(
    campaign, hebei, agency, ministry_user, client_for, versioned, monkeypatch
):
    """With the cache down the list still answers, its count computed."""
    _bulk_tasks(campaign, hebei, agency, 3)

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(dataversion.cache, "get_many", down)
    monkeypatch.setattr(dataversion.cache, "set_many", down)
    client = client_for(ministry_user)
    assert _count(client, TASKS) == 3
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    assert _count(client, TASKS) == 4


@pytest.mark.django_db(transaction=True)
def test_the_headers_notice_count_and_campaign_are_read_once_per_version(
    campaign, ministry_user, client_for, versioned
):
    """Every page's header shows the unread notices and the current campaign: read from the
    cache while neither table is written, and exact after a notice arrives or is read."""
    client = client_for(ministry_user)
    client.get(TASKS, {"year": 2021})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TASKS, {"year": 2021})
    assert response.context["unread_notice_count"] == 0
    assert response.context["current_campaign"].pk == campaign.pk
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if "portal_notice" in s], sql
    assert not [s for s in sql if '"portal_campaign"."year" DESC LIMIT 5' in s], sql

    notice = Notice.objects.create(recipient=ministry_user, title="提醒")
    assert client.get(TASKS, {"year": 2021}).context["unread_notice_count"] == 1
    Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    assert client.get(TASKS, {"year": 2021}).context["unread_notice_count"] == 0
    later = CampaignFactory(year=timezone.localdate().year)
    assert client.get(TASKS, {"year": 2021}).context["current_campaign"].pk == later.pk


@pytest.mark.django_db(transaction=True)
def test_a_pages_keys_follow_the_writes(
    reference_data, campaign, hebei, agency, ministry_user, client_for, versioned
):
    """The keys of a page are read once per version: a second visit makes no key query, and
    a row added in front of the page (or an organizer reordered) shows at once."""
    _bulk_tasks(campaign, hebei, agency, 30)
    client = client_for(ministry_user)
    first = [t.pk for t in client.get(TASKS, {"year": 2021}).context["page_obj"]]
    with CaptureQueriesContext(connection) as queries:
        again = [t.pk for t in client.get(TASKS, {"year": 2021}).context["page_obj"]]
    assert again == first
    keys = [q for q in queries.captured_queries if '"id" AS "pk"' in q["sql"]]
    assert not keys, keys
    DiagnosisTask.objects.filter(pk=first[-1]).update(seq=0)
    moved = [t.pk for t in client.get(TASKS, {"year": 2021}).context["page_obj"]]
    assert moved[0] == first[-1] and moved[1:] == first[:-1]
