"""The ministry's benchmark tables: pages, CSV upload (all rows or none, each wrong row named),
and the API of tables, entries and product rows."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from portal.models import AuditLog
from reports.models import BenchmarkEntry, BenchmarkTable, ProductRow
from tests.reports.reporting import published_task

HEADER = (
    "industry,product,indicator,unit,leading_value,advanced_value,limit_value,table_ref,"
    "reference_standard,source,confidence,notes\n"
)
# An edition not loaded (the 2021 one came with migration 0016); the values are test input.
GOOD = HEADER + (
    "建材,水泥熟料,单位产品综合能耗,kgce/t,100,105,117,表1,GB 16780,"
    "test upload (not a transcription),secondary,\n"
)
BAD = GOOD + (
    "建材,平板玻璃,单位产品综合能耗,kgce/重量箱,abc,,12,,,src,secondary,\n"
    "建材,,单位产品综合能耗,kgce/t,,,,,,src,,\n"
)
TABLE = {
    "code": "GB 16780",
    "edition": "2012",
    "title": "水泥单位产品能源消耗限额",
    "kind": "limit_standard",
    "effective_year": "2013",
    "source": "github:adgo07/ECQuota-Insight",
    "confidence": "secondary",
}


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("t.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.mark.django_db
def test_ministry_pages_list_and_show_tables(ministry_user, client_for):
    client = client_for(ministry_user)
    page = client.get(reverse("reports:benchmark-tables"))
    assert page.status_code == 200
    assert "GB 30251" in page.content.decode()
    table = BenchmarkTable.objects.get(code="GB 30251")
    detail = client.get(reverse("reports:benchmark-table", args=[table.pk])).content.decode()
    assert "乙烯装置" in detail and "ECQuota-Insight" in detail


@pytest.mark.django_db
def test_other_roles_may_not_open_the_ministry_pages(organizer_user, agency_user, client_for):
    for user in (organizer_user, agency_user):
        client = client_for(user)
        assert client.get(reverse("reports:benchmark-tables")).status_code == 403
        upload = client.post(reverse("reports:benchmark-upload"), {**TABLE, "file": _csv(GOOD)})
        assert upload.status_code == 403
    assert not BenchmarkTable.objects.filter(code="GB 16780", edition="2012").exists()


@pytest.mark.django_db
def test_upload_stores_a_new_table(ministry_user, client_for):
    client = client_for(ministry_user)
    response = client.post(reverse("reports:benchmark-upload"), {**TABLE, "file": _csv(GOOD)})
    table = BenchmarkTable.objects.get(code="GB 16780", edition="2012")
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:benchmark-table", args=[table.pk])
    entry = table.entries.get()
    assert (entry.leading_value, entry.advanced_value, entry.limit_value) == (100, 105, 117)
    assert table.uploaded_by == ministry_user
    assert AuditLog.objects.filter(action="benchmark.upload").exists()


@pytest.mark.django_db
def test_upload_with_wrong_rows_stores_nothing_and_names_them(ministry_user, client_for):
    client = client_for(ministry_user)
    response = client.post(reverse("reports:benchmark-upload"), {**TABLE, "file": _csv(BAD)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Row 3 (平板玻璃)" in html and "“abc” in leading_value is not a number" in html
    assert "Row 4 (—)" in html and "“product” is empty; “confidence” is empty" in html
    assert not BenchmarkTable.objects.filter(code="GB 16780", edition="2012").exists()
    assert not BenchmarkEntry.objects.filter(product="水泥熟料").exists()


@pytest.mark.django_db
def test_upload_of_a_loaded_edition_is_refused(ministry_user, client_for):
    client = client_for(ministry_user)
    data = {**TABLE, "code": "GB 30251", "edition": "2024"}
    response = client.post(reverse("reports:benchmark-upload"), {**data, "file": _csv(GOOD)})
    assert response.status_code == 400
    assert BenchmarkTable.objects.get(code="GB 30251").entries.count() == 14


# --- API ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_tables_and_entries(api_for, agency_user, ministry_user):
    api = api_for(agency_user)
    tables = api.get("/api/v1/benchmark-tables/").json()
    assert {t["code"] for t in tables["results"]} >= {"GB 30251", "发改产业〔2023〕723号"}
    entries = api.get("/api/v1/benchmark-entries/", {"product": "高炉工序"}).json()["results"]
    assert entries[0]["limit_value"] == "435.0000"
    assert entries[0]["confidence"].startswith("secondary, LOW")
    refused = api.post(
        "/api/v1/benchmark-tables/", {**TABLE, "file": _csv(GOOD)}, format="multipart"
    )
    assert refused.status_code == 403
    bad = api_for(ministry_user).post(
        "/api/v1/benchmark-tables/", {**TABLE, "file": _csv(BAD)}, format="multipart"
    )
    assert bad.status_code == 400
    assert len(bad.json()["file"]) == 2
    good = api_for(ministry_user).post(
        "/api/v1/benchmark-tables/", {**TABLE, "file": _csv(GOOD)}, format="multipart"
    )
    assert good.status_code == 201


@pytest.mark.django_db
def test_api_product_rows(api_for, agency_user, other_agency_user, enterprise, campaign):
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    api = api_for(agency_user)
    report = api.post("/api/v1/reports/", {"task": task.pk}, format="json").json()
    entry = BenchmarkEntry.objects.get(product="高炉工序")
    created = api.post(
        "/api/v1/product-rows/",
        {"report": report["id"], "entry": entry.pk, "output": "20000", "energy": "9000"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["level"] == "exceeds_limit"
    assert Decimal(body["unit_consumption"]) == 450
    assert body["product"] == "高炉工序"
    # 7 000 tce / 20 000 t = 350 kgce/t, below the 标杆 361.
    patched = api.patch(f"/api/v1/product-rows/{body['id']}/", {"energy": "7000"}, format="json")
    assert patched.json()["level"] == "leading"
    assert Decimal(patched.json()["saving_to_leading_tce"]) == 0
    other = api_for(other_agency_user)
    assert other.get(f"/api/v1/product-rows/{body['id']}/").status_code == 404
    assert other.delete(f"/api/v1/product-rows/{body['id']}/").status_code == 404
    assert api.delete(f"/api/v1/product-rows/{body['id']}/").status_code == 204
    assert not ProductRow.objects.exists()


@pytest.mark.django_db
def test_load_benchmarks_command_is_idempotent():
    from io import StringIO

    from django.core.management import call_command

    before = BenchmarkEntry.objects.count()
    out = StringIO()
    call_command("load_benchmarks", stdout=out)
    assert "44 benchmark tables, 510 entries loaded." in out.getvalue()
    assert BenchmarkEntry.objects.count() == before == 510
