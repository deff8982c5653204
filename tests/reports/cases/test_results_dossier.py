"""The results application list (hand-counted, scoped, exported) and the enterprise dossier."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UserFactory
from tests.reports.cases.world import build

pytestmark = pytest.mark.django_db


def test_the_results_list_counts_implemented_measures_by_hand(client_for, organizer_user):
    """Hebei: only 甲 implemented anything (m1 verified 5 tce, m2 implemented 1 tce; m3 never
    followed up is left out); 乙's measure was not adopted; 丙 is Shandong's."""
    build()
    rows = client_for(organizer_user).get(reverse("api-register-results")).json()["results"]
    assert [r["enterprise_name"] for r in rows] == ["甲钢铁有限公司"]
    row = rows[0]
    assert [m["title"] for m in row["measures"]] == ["空压机变频改造", "能源管理体系"]
    assert (row["expected_tce"], row["realized_tce"], row["verified"], row["verified_tce"]) == (
        "10.0000",
        "6.0000",
        1,
        "5.0000",
    )
    assert row["campaigns"] == [2019]


def test_the_ministry_sees_every_province_and_filters(client_for, ministry_user, shandong):
    build()
    client = client_for(ministry_user)

    def names(**params):
        rows = client.get(reverse("api-register-results"), params).json()["results"]
        return [r["enterprise_name"] for r in rows]

    assert names() == ["甲钢铁有限公司", "丙化工有限公司"]  # largest realized savings first
    assert names(organizer=shandong.pk) == ["丙化工有限公司"]
    assert names(industry="C26") == []
    assert names(year=2021) == []  # the diagnosis campaign, not the follow-up's


def test_the_results_page_and_export(client_for, organizer_user):
    world = build()
    client = client_for(organizer_user)
    html = client.get(reverse("reports:results")).content.decode()
    assert "甲钢铁有限公司" in html and "丙化工有限公司" not in html
    assert reverse("reports:dossier", args=[world.jia.task.enterprise_id]) in html
    response = client.get(reverse("reports:results-export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    assert (rows[0][1], rows[0][7], rows[0][10], rows[0][13]) == ("甲钢铁有限公司", 2, 6, 5)


def test_the_results_list_refuses_agencies_and_enterprises(
    client_for, agency_user, enterprise_user
):
    for user in (agency_user, enterprise_user):
        assert client_for(user).get(reverse("reports:results")).status_code == 403
        assert client_for(user).get(reverse("api-register-results")).status_code == 403


def test_the_dossier_shows_every_year_of_the_enterprise(client_for, organizer_user):
    world = build()
    enterprise = world.jia.task.enterprise_id
    data = client_for(organizer_user).get(reverse("api-dossier", args=[enterprise])).json()
    assert data["years"] == [2022, 2021, 2019]
    assert (data["measures"], data["implemented"], data["realized_tce"]) == (3, 2, "6.0000")
    diagnosis = next(t for t in data["tasks"] if t["year"] == 2019)
    m1 = next(m for m in diagnosis["measures"] if m["title"] == "空压机变频改造")
    assert [(f["year"], f["state"]) for f in m1["follow_ups"]] == [
        (2021, "implemented"),
        (2022, "verified"),
    ]
    html = client_for(organizer_user).get(reverse("reports:dossier", args=[enterprise]))
    assert "甲钢铁有限公司" in html.content.decode()


def test_the_dossier_is_scoped(client_for, organizer_user, other_organizer_user, agency):
    world = build(agency=agency)
    jia, bing = world.jia.task.enterprise_id, world.bing.task.enterprise_id
    page = "reports:dossier"
    # an organizer: only enterprises with a task on its lists
    assert client_for(organizer_user).get(reverse(page, args=[bing])).status_code == 404
    assert client_for(organizer_user).post(reverse(page, args=[bing])).status_code in (404, 405)
    assert client_for(organizer_user).get(reverse("api-dossier", args=[bing])).status_code == 404
    assert client_for(other_organizer_user).get(reverse(page, args=[jia])).status_code == 404
    # the agency: its own tasks' enterprises only
    agency_user = UserFactory(username="a1", role="agency", agency=agency)
    assert client_for(agency_user).get(reverse(page, args=[jia])).status_code == 200
    assert client_for(agency_user).get(reverse(page, args=[bing])).status_code == 404
    # the enterprise: itself only
    own = UserFactory(username="e1", role="enterprise", enterprise=world.jia.task.enterprise)
    assert client_for(own).get(reverse(page, args=[jia])).status_code == 200
    assert client_for(own).get(reverse(page, args=[bing])).status_code == 404
