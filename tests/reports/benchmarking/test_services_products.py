"""A report's product rows: benchmarked against the edition the campaign's year uses, scoped,
refused once the report is submitted, audited; in the page (HTMX and without JavaScript)."""

from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from enterprises.choices import TaskState
from portal.errors import DomainError
from portal.models import AuditLog
from reports.benchmarking import services
from reports.benchmarking.selectors import editions_for_year, entries_for_year
from reports.models import BenchmarkEntry, BenchmarkTable, ProductRow
from tests.reports.reporting import published_task


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _entry(product: str) -> BenchmarkEntry:
    return BenchmarkEntry.objects.get(product=product)


BLAST_FURNACE = {"output": Decimal(2), "output_unit": "万t", "energy": Decimal(9000)}


@pytest.mark.django_db
def test_the_shipped_tables_are_loaded_with_sources():
    ndrc = BenchmarkTable.objects.get(code="发改产业〔2023〕723号", edition="2023")
    assert ndrc.entries.count() == 3
    gb = BenchmarkTable.objects.get(code="GB 30251", edition="2024")
    assert gb.entries.count() == 14
    assert not BenchmarkEntry.objects.filter(source="").exists()
    assert not BenchmarkEntry.objects.filter(confidence="").exists()
    ethylene = gb.entries.get(product="乙烯装置")
    assert (ethylene.leading_value, ethylene.advanced_value, ethylene.limit_value) == (
        580,
        590,
        640,
    )
    assert ethylene.unit == "kgoe/t"
    assert ethylene.cited == "GB 30251-2024 表2"


@pytest.mark.django_db
def test_add_a_product_exceeding_the_limit(task, agency_user):
    row = services.product_row_add(
        task_id=task.pk,
        actor=agency_user,
        data={"entry": _entry("高炉工序").pk, "product": "", **BLAST_FURNACE},
    )
    assert row.product == "高炉工序"
    assert row.unit_consumption == Decimal(450)
    assert row.level == "exceeds_limit"
    assert row.saving_to_limit_tce == Decimal(300)
    assert row.saving_to_leading_tce == Decimal(1780)
    assert row.standard_cited == "发改产业〔2023〕723号-2023"
    # The 2021 campaign has only the 2023 edition at hand: said, not hidden.
    assert row.later_edition is True
    assert AuditLog.objects.filter(action="report.product_add").count() == 1


@pytest.mark.django_db
def test_a_product_without_a_table_says_so(task, agency_user):
    row = services.product_row_add(
        task_id=task.pk,
        actor=agency_user,
        data={"entry": None, "product": "铸件", "output": 100, "energy": 50},
    )
    assert row.level == "no_table"
    assert row.unit_consumption is None


@pytest.mark.django_db
def test_update_recomputes_and_keeps_what_is_left_out(task, agency_user):
    row = services.product_row_add(
        task_id=task.pk, actor=agency_user, data={"entry": _entry("高炉工序").pk, **BLAST_FURNACE}
    )
    row = services.product_row_update(
        row_id=row.pk, actor=agency_user, data={"energy": Decimal(8000)}
    )
    assert row.unit_consumption == Decimal(400)  # 8 000 000 kgce / 20 000 t
    assert row.level == "meets_limit"
    assert row.saving_to_limit_tce == 0
    assert AuditLog.objects.filter(action="report.product_update").exists()


@pytest.mark.django_db
def test_refused_for_others_and_after_submission(task, agency_user, other_agency_user):
    data = {"entry": _entry("高炉工序").pk, **BLAST_FURNACE}
    with pytest.raises(Http404):
        services.product_row_add(task_id=task.pk, actor=other_agency_user, data=data)
    row = services.product_row_add(task_id=task.pk, actor=agency_user, data=data)
    with pytest.raises(Http404):
        services.product_row_remove(row_id=row.pk, actor=other_agency_user)
    task.state = TaskState.REPORTED
    task.save(update_fields=["state"])
    with pytest.raises(DomainError):
        services.product_row_remove(row_id=row.pk, actor=agency_user)
    assert ProductRow.objects.filter(pk=row.pk).exists()


def _entry_2013() -> BenchmarkEntry:
    """An entry of GB 30251's 2013 edition, which 2024's replaced."""
    old = BenchmarkTable.objects.create(
        code="GB 30251", edition="2013", effective_year=2014, source="s", confidence="c"
    )
    return old.entries.create(
        product="乙烯装置",
        indicator="x",
        unit="kgoe/t",
        limit_value=700,
        source="s",
        confidence="c",
    )


@pytest.mark.django_db
def test_an_entry_of_an_edition_the_year_does_not_use_is_refused(task, agency_user):
    entry = _entry_2013()
    old = entry.table
    tables = {e.table for e in entries_for_year(2021)}
    assert old in tables and not any(str(t) == "GB 30251-2024" for t in tables)
    with pytest.raises(DomainError):
        services.product_row_add(
            task_id=task.pk,
            actor=agency_user,
            data={"entry": _entry_2024().pk, "output": 1, "energy": 1},
        )
    row = services.product_row_add(
        task_id=task.pk, actor=agency_user, data={"entry": entry.pk, "output": 1, "energy": 1}
    )
    assert row.later_edition is False


def _entry_2024():
    return BenchmarkEntry.objects.get(product="乙烯装置", table__edition="2024")


def test_editions_for_year():
    class T:
        def __init__(self, code, edition, year):
            self.code, self.edition, self.effective_year = code, edition, year

    a, b = T("GB 1", "2020", 2021), T("GB 1", "2024", 2025)
    assert editions_for_year([a, b], 2021)["GB 1"] == (a, False)
    assert editions_for_year([b, a], 2026)["GB 1"] == (b, False)
    assert editions_for_year([a, b], 2019)["GB 1"] == (a, True)


# --- the page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_adds_a_row_with_htmx_and_shows_its_grade(task, agency_user, client_for):
    client = client_for(agency_user)
    page = client.get(reverse("reports:report-detail", args=[task.pk]))
    assert page.status_code == 200
    assert 'id="product-form"' in page.content.decode()
    response = client.post(
        reverse("reports:product-add", args=[task.pk]),
        {
            "entry": _entry("高炉工序").pk,
            "product": "1#高炉",
            "output": "2",
            "output_unit": "万t",
            "energy": "9000",
            "energy_unit": "tce",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1#高炉" in html and "Below the baseline level (基准)" in html
    assert "发改产业〔2023〕723号-2023" in html
    row = ProductRow.objects.get()
    removed = client.post(reverse("reports:product-remove", args=[task.pk, row.pk]))
    assert removed.status_code == 302
    assert not ProductRow.objects.exists()


@pytest.mark.django_db
def test_page_shows_a_refusal_on_the_form(task, agency_user, client_for):
    client = client_for(agency_user)
    response = client.post(
        reverse("reports:product-add", args=[task.pk]),
        {
            "entry": _entry("乙烯装置").pk,
            "output": "1",
            "output_unit": "m3",
            "energy": "1",
            "energy_unit": "tce",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert not ProductRow.objects.exists()


@pytest.mark.django_db
def test_other_tenants_get_404(task, agency_user, other_agency_user, client_for):
    row = services.product_row_add(
        task_id=task.pk,
        actor=agency_user,
        data={"entry": None, "product": "x", "output": 1, "energy": 1},
    )
    client = client_for(other_agency_user)
    assert client.post(reverse("reports:product-add", args=[task.pk]), {}).status_code == 404
    url = reverse("reports:product-remove", args=[task.pk, row.pk])
    assert client.post(url).status_code == 404


@pytest.mark.django_db
def test_page_edits_a_row_in_place(task, agency_user, other_agency_user, client_for):
    row = services.product_row_add(
        task_id=task.pk, actor=agency_user, data={"entry": _entry("高炉工序").pk, **BLAST_FURNACE}
    )
    url = reverse("reports:product-edit", args=[task.pk, row.pk])
    client = client_for(agency_user)
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    assert f'id="id_product{row.pk}_energy"' in form.content.decode()
    refused = client.post(
        url,
        {
            "entry": _entry("高炉工序").pk,
            "output": "0",
            "output_unit": "t",
            "energy": "1",
            "energy_unit": "tce",
        },
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 422
    assert refused["HX-Retarget"] == f"#product-row-{row.pk}"
    saved = client.post(
        url,
        {
            "entry": _entry("高炉工序").pk,
            "output": "2",
            "output_unit": "万t",
            "energy": "8000",
            "energy_unit": "tce",
        },
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    row.refresh_from_db()
    assert row.unit_consumption == 400 and row.level == "meets_limit"
    assert row.product == "高炉工序"  # left empty: the benchmark's product name
    shown = client.get(
        reverse("reports:product-show", args=[task.pk, row.pk]), HTTP_HX_REQUEST="true"
    )
    assert f'id="product-row-{row.pk}"' in shown.content.decode()
    other = client_for(other_agency_user)
    assert other.get(url).status_code == 404
    assert (
        other.post(
            url, {"output": "1", "energy": "1", "output_unit": "t", "energy_unit": "tce"}
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_closed_year_is_read_only(task, agency_user, campaign, client_for):
    from portal.choices import CampaignState

    row = services.product_row_add(
        task_id=task.pk,
        actor=agency_user,
        data={"entry": None, "product": "x", "output": 1, "energy": 1},
    )
    campaign.state = CampaignState.CLOSED
    campaign.save(update_fields=["state"])
    with pytest.raises(DomainError):
        services.product_row_update(row_id=row.pk, actor=agency_user, data={"energy": 2})
    with pytest.raises(DomainError):
        services.product_row_remove(row_id=row.pk, actor=agency_user)
    page = client_for(agency_user).get(reverse("reports:report-detail", args=[task.pk]))
    assert 'id="product-form"' not in page.content.decode()
    assert f"product-row-{row.pk}" in page.content.decode()
    assert ProductRow.objects.get(pk=row.pk).energy == 1


@pytest.mark.django_db
def test_one_entry_is_checked_as_the_whole_list_would_check_it(task, agency_user):
    """`entry_for_year` (one entry, two small queries: what each product row of a bulk upload
    pays) accepts exactly the entries `entries_for_year` lists, with the same flag, for years
    before, between and after the editions; a junk id is the field's error, not a crash."""
    from reports.benchmarking.selectors import entry_for_year

    _entry_2013()
    ids = list(BenchmarkEntry.objects.values_list("pk", flat=True))
    for year in (2010, 2019, 2021, 2025, 2030):
        listed = {e.pk: e.later_edition for e in entries_for_year(year)}
        one = {pk: entry_for_year(pk, year) for pk in ids}
        assert {pk for pk, e in one.items() if e is not None} == set(listed), year
        assert all(one[pk].later_edition == later for pk, later in listed.items()), year
    assert entry_for_year(max(ids) + 1, 2021) is None
    with pytest.raises(DomainError) as refused:
        services.product_row_add(
            task_id=task.pk, actor=agency_user, data={"entry": "abc", "output": 1, "energy": 1}
        )
    assert refused.value.field == "entry"
