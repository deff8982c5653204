"""Register pages and API: scoping per role, the export, the public page's minimum group."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import MeasureFactory
from tests.reports.register.world import hand_counted_world, kind, measure

pytestmark = pytest.mark.django_db


def test_an_organizer_sees_only_its_own_measures(client_for, organizer_user):
    _k, shandong = hand_counted_world()
    response = client_for(organizer_user).get(reverse("reports:register"), {"year": 2019})
    assert response.status_code == 200
    html = response.content.decode()
    assert shandong.report.task.enterprise_name not in html
    assert "变频改造ZZ-1" in html
    # ?organizer= is the ministry's filter only: an organizer cannot widen its scope with it.
    other = client_for(organizer_user).get(
        reverse("reports:register"), {"organizer": shandong.report.task.organizer_id}
    )
    assert shandong.report.task.enterprise_name not in other.content.decode()


def test_the_ministry_sees_every_measure(client_for, ministry_user):
    _k, shandong = hand_counted_world()
    html = client_for(ministry_user).get(reverse("reports:register")).content.decode()
    assert shandong.report.task.enterprise_name in html


def test_agencies_and_enterprises_are_refused(client_for, agency_user, enterprise_user):
    for user in (agency_user, enterprise_user):
        assert client_for(user).get(reverse("reports:register")).status_code == 403
        assert client_for(user).get(reverse("api-register-statistics")).status_code == 403


def test_the_export_holds_the_scoped_measures_and_statistics(client_for, organizer_user):
    hand_counted_world()
    response = client_for(organizer_user).get(reverse("reports:register-export"), {"year": 2019})
    workbook = load_workbook(io.BytesIO(response.content))
    measures, stats = workbook.worksheets
    assert measures.max_row == 1 + 5
    assert sorted(row[3].value for row in stats.iter_rows(min_row=2)) == [1, 4]


def test_the_api_mirrors_the_statistics(client_for, organizer_user):
    hand_counted_world()
    data = client_for(organizer_user).get(reverse("api-register-statistics"), {"year": 2019}).json()
    c31 = next(g for g in data["groups"] if g["industry"] == "C31")
    assert (c31["measures"], c31["implemented"], c31["median_investment_wan"]) == (
        4,
        2,
        "25.0000",
    )
    rows = client_for(organizer_user).get(reverse("api-register-measures")).json()["results"]
    assert len(rows) == 5


def test_the_public_page_never_shows_a_small_group(client, settings):
    """Hebei+Shandong C31 is five enterprises: shown at 5, hidden at 6; C26 (one) never."""
    hand_counted_world()
    settings.REGISTER_MIN_GROUP = 5
    html = client.get(reverse("reports:register-public")).content.decode()
    assert 'data-group="ZZ-1/C31"' in html
    assert 'data-group="ZZ-1/C26"' not in html
    api = client.get(reverse("api-register-public")).json()
    assert [(g["industry"], g["measures"]) for g in api["groups"]] == [("C31", 5)]
    assert "enterprises" not in api["groups"][0]
    settings.REGISTER_MIN_GROUP = 6
    assert (
        'data-group="ZZ-1/C31"'
        not in client.get(reverse("reports:register-public")).content.decode()
    )
    assert client.get(reverse("api-register-public")).json()["groups"] == []


def test_many_measures_of_one_enterprise_are_not_a_group(client, settings):
    """Six measures of one enterprise: enough measures, but one enterprise is identifiable."""
    settings.REGISTER_MIN_GROUP = 5
    k = kind("ZZ-9")
    first = measure(k)
    for _ in range(5):
        MeasureFactory(report=first.report, taxonomy=k)
    assert client.get(reverse("api-register-public")).json()["groups"] == []


def test_peer_evidence_for_the_measure_form(client_for, agency_user, settings):
    settings.REGISTER_MIN_GROUP = 4
    k, _shandong = hand_counted_world()
    task = measure(kind("ZZ-2"), report__task__agency=agency_user.agency).report.task
    url = reverse("reports:register-evidence")
    html = client_for(agency_user).get(url, {"task": task.pk, "taxonomy": k.pk}).content.decode()
    assert html.count("data-evidence-line") == 2  # C31 (5 enterprises) and all industries
    settings.REGISTER_MIN_GROUP = 50
    html = client_for(agency_user).get(url, {"task": task.pk, "taxonomy": k.pk}).content.decode()
    assert "data-evidence-line" not in html
    # Another agency's task is a 404.
    assert client_for(agency_user).get(url, {"task": _shandong.report.task_id}).status_code == 404
