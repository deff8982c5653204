"""The case library's download: the page's list as xlsx, scoped, searched, every row, flat cost."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from reports.cases.exports import CASE_COLUMNS
from tests.reports.cases.world import build, diagnosed

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    with translation.override("zh-hans"):
        assert list(header) == [str(column.header) for column in CASE_COLUMNS]
    with translation.override("en"):  # keyed by the English headers, to read the tests
        keys = [str(column.header) for column in CASE_COLUMNS]
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _enterprises(rows) -> list[str]:
    return [row["Enterprise"] for row in rows]


@pytest.mark.parametrize("name", ["reports:case-export", "api-case-export"])
def test_an_organizers_download_holds_its_own_cases_only(client_for, organizer_user, name):
    build()
    rows = _rows(client_for(organizer_user).get(reverse(name)))
    assert _enterprises(rows) == ["甲钢铁有限公司"]  # not Shandong's 丙, not 乙 or 丁


@pytest.mark.parametrize("name", ["reports:case-export", "api-case-export"])
def test_the_ministrys_download_holds_every_case(client_for, ministry_user, name):
    build()
    rows = _rows(client_for(ministry_user).get(reverse(name)))
    assert sorted(_enterprises(rows)) == ["丙化工有限公司", "甲钢铁有限公司"]


def test_the_organizer_parameter_is_the_ministrys_only(
    client_for, ministry_user, other_organizer_user, hebei
):
    """An organizer cannot widen its download to another organizer's cases by the URL."""
    build()
    url = reverse("reports:case-export")
    shandong_asks_hebei = _rows(client_for(other_organizer_user).get(url, {"organizer": hebei.pk}))
    assert _enterprises(shandong_asks_hebei) == ["丙化工有限公司"]
    assert _enterprises(_rows(client_for(ministry_user).get(url, {"organizer": hebei.pk}))) == [
        "甲钢铁有限公司"
    ]


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"q": "电机更换"}, ["丙化工有限公司"]),  # a measure's title
        ({"kind": "ZZ-1"}, ["甲钢铁有限公司"]),
        ({"industry": "C26"}, []),
        ({"year": 2020}, []),
    ],
)
def test_the_download_honours_the_pages_filters(client_for, ministry_user, params, found):
    build()
    client = client_for(ministry_user)
    page = client.get(reverse("reports:case-list"), params).content.decode()
    rows = _rows(client.get(reverse("reports:case-export"), params))
    assert _enterprises(rows) == found
    assert all(name in page for name in found)
    assert _enterprises(_rows(client.get(reverse("api-case-export"), params))) == found


def test_a_row_carries_the_hand_counted_figures(client_for, organizer_user):
    """甲: 2 of 3 measures implemented, realized 6 tce (latest follow-ups), verified 5 tce."""
    build()
    (row,) = _rows(client_for(organizer_user).get(reverse("reports:case-export")))
    assert row["Case"] == "甲钢铁有限公司节能诊断"
    assert row["Campaign"] == 2019
    assert row["Problem found by the diagnosis"] == "甲钢铁有限公司空压机系统泄漏严重"
    assert row["Measures"] == "空压机变频改造；能源管理体系；余热回收"
    assert (row["Investment (10k yuan)"], row["Expected savings (tce/yr)"]) == (12, 10)
    assert row["Measures implemented or verified"] == 2
    assert (row["Realized savings (tce/yr)"], row["Verified savings (tce/yr)"]) == (6, 5)


def test_a_bad_filter_is_a_400_and_others_are_refused(client_for, agency_user, enterprise_user):
    build()
    assert client_for(agency_user).get(reverse("reports:case-export")).status_code == 403
    assert client_for(enterprise_user).get(reverse("api-case-export")).status_code == 403
    assert client_for(agency_user).get(reverse("api-case-export")).status_code == 403


def test_the_list_page_offers_the_download_of_its_search(client_for, organizer_user):
    build()
    html = (
        client_for(organizer_user)
        .get(reverse("reports:case-list"), {"q": "空压机", "page": 1})
        .content.decode()
    )
    assert f'href="{reverse("reports:case-export")}?q=%E7%A9%BA%E5%8E%8B%E6%9C%BA"' in html


def test_the_download_costs_the_same_for_more_cases(
    client_for, ministry_user, django_assert_max_num_queries
):
    """No query per case: the cases, their measures and their follow-ups are read together."""
    build()
    client = client_for(ministry_user)
    client.get(reverse("reports:case-export"))  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        assert len(_rows(client.get(reverse("reports:case-export")))) == 2
    for n in range(5):
        diagnosed(f"戊{n}有限公司", is_excellent_case=True, findings="空压机")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_rows(client.get(reverse("reports:case-export")))) == 7
