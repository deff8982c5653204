"""The case library: hand-counted case figures, search, scoping, the anonymised view, the API."""

import pytest
from django.urls import reverse

from tests.reports.cases.world import build, diagnosed


def _report_with_case(name):
    return diagnosed(name, is_excellent_case=True, findings="空压机")


pytestmark = pytest.mark.django_db


def _html(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_organizer_lists_its_own_submitted_cases(client_for, organizer_user):
    build()
    html = _html(client_for(organizer_user), "reports:case-list")
    assert "甲钢铁有限公司节能诊断" in html
    assert "丙化工有限公司" not in html  # Shandong's
    assert "乙水泥有限公司" not in html  # not a case
    assert "丁玻璃有限公司" not in html  # never submitted


def test_the_ministry_lists_every_case(client_for, ministry_user):
    build()
    html = _html(client_for(ministry_user), "reports:case-list")
    assert "甲钢铁有限公司节能诊断" in html and "丙化工有限公司节能诊断" in html


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"q": "空压机"}, {"甲"}),  # in the findings and a measure's title
        ({"q": "电机更换"}, {"丙"}),  # a measure's title only
        ({"q": "可复制"}, {"甲"}),  # the note
        ({"q": "没有这个词"}, set()),
        ({"industry": "C31"}, {"甲", "丙"}),
        ({"industry": "C26"}, set()),
        ({"kind": "ZZ-1"}, {"甲"}),
        ({"kind": "management"}, {"甲"}),
        ({"year": 2019}, {"甲", "丙"}),
        ({"year": 2020}, set()),
    ],
)
def test_the_search(client_for, ministry_user, params, found):
    build()
    rows = client_for(ministry_user).get(reverse("api-case-list"), params).json()["results"]
    assert {row["enterprise"][0] for row in rows} == found


def test_a_case_page_counts_its_measures_by_their_latest_follow_up(client_for, organizer_user):
    world = build()
    data = client_for(organizer_user).get(reverse("api-case-detail", args=[world.jia.pk])).json()
    assert (data["implemented"], data["realized_tce"], data["verified_tce"]) == (
        2,
        "6.0000",  # m1's latest (5, verified) + m2's 1; m1's earlier 6 is not counted
        "5.0000",
    )
    assert [m["title"] for m in data["measure_rows"]] == [
        "空压机变频改造",
        "能源管理体系",
        "余热回收",
    ]
    assert [m["state"] for m in data["measure_rows"]] == ["verified", "implemented", "proposed"]
    assert data["problem"] == "甲钢铁有限公司空压机系统泄漏严重"
    html = _html(client_for(organizer_user), "reports:case-detail", world.jia.pk)
    assert "空压机系统泄漏严重" in html and "措施系统、可复制" in html
    assert reverse("reports:dossier", args=[world.jia.task.enterprise_id]) in html


def test_the_print_view_names_no_enterprise_or_agency(client_for, organizer_user):
    world = build()
    html = _html(client_for(organizer_user), "reports:case-print", world.jia.pk)
    assert "空压机系统泄漏严重" in html and "某企业空压机系统泄漏严重" in html
    assert "甲钢铁有限公司" not in html
    assert world.jia.task.agency.name not in html


def test_another_organizers_case_is_a_404(client_for, organizer_user, other_organizer_user):
    world = build()
    for name in ("reports:case-detail", "reports:case-print", "api-case-detail"):
        url = reverse(name, args=[world.bing.pk])
        assert client_for(organizer_user).get(url).status_code == 404
        # writes: the case pages take none, and never reveal the case either
        assert client_for(organizer_user).post(url).status_code in (404, 405)
        assert client_for(other_organizer_user).get(url).status_code == 200
    # a report that is not a case, or was never submitted, is no case page
    for report in (world.yi, world.ding):
        url = reverse("reports:case-detail", args=[report.pk])
        assert client_for(organizer_user).get(url).status_code == 404


def test_agencies_and_enterprises_are_refused(client_for, agency_user, enterprise_user):
    world = build()
    for user in (agency_user, enterprise_user):
        client = client_for(user)
        assert client.get(reverse("reports:case-list")).status_code == 403
        assert client.get(reverse("reports:case-detail", args=[world.jia.pk])).status_code == 403
        assert client.get(reverse("api-case-list")).status_code == 403


def test_the_list_costs_the_same_for_more_cases(
    client_for, ministry_user, django_assert_max_num_queries
):
    """No query per case: the list, its search and its titles are read together."""
    build()
    client = client_for(ministry_user)
    client.get(reverse("reports:case-list"))  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("reports:case-list"), {"q": "有限公司"})
    for n in range(5):
        build_more = _report_with_case(f"戊{n}有限公司")
        assert build_more.is_excellent_case
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("reports:case-list"), {"q": "有限公司"})
