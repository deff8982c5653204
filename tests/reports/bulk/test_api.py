"""Bulk entry in the API: template, import (200/422, nothing stored on errors), roles."""

import pytest
from django.urls import reverse

from reports.models import EnergyUse
from tests.factories import EnterpriseFactory
from tests.reports.reporting import published_task

from .helpers import append, load, save

ENERGY = "能源消费"


@pytest.fixture
def task(agency_user, campaign):
    enterprise = EnterpriseFactory(name="沧州测试化工有限公司")
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _filled(api, task, **cells):
    response = api.get(reverse("api-bulk-template") + "?year=2021")
    assert response.status_code == 200
    wb = load(response.content)
    values = {"统一社会信用代码": task.enterprise.credit_code, "能源品种": "电力", "实物量": 10}
    append(wb[ENERGY], {**values, **cells})
    return save(wb)


def test_import_and_dry_run(api_for, agency_user, task, campaign):
    api = api_for(agency_user)
    url = reverse("api-bulk-entry")
    checked = api.post(url, {"campaign": campaign.pk, "file": _filled(api, task), "dry_run": True})
    assert checked.status_code == 200, checked.json()
    assert checked.json()["replaced"] == 1 and not EnergyUse.objects.exists()
    done = api.post(url, {"campaign": campaign.pk, "file": _filled(api, task)})
    assert done.status_code == 200
    assert done.json()["written"] == 1
    assert EnergyUse.objects.get(report__task=task).unit == "kWh"


def test_bad_row_is_422_with_sheet_row_and_column(api_for, agency_user, task, campaign):
    api = api_for(agency_user)
    response = api.post(
        reverse("api-bulk-entry"),
        {"campaign": campaign.pk, "file": _filled(api, task, 实物量="-5")},
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["sheet"], error["row"], error["column"]) == (ENERGY, 2, "实物量")
    assert not EnergyUse.objects.exists()


def test_another_agencys_task_is_a_row_error(
    api_for, agency_user, other_agency_user, task, campaign
):
    file = _filled(api_for(agency_user), task)
    response = api_for(other_agency_user).post(
        reverse("api-bulk-entry"), {"campaign": campaign.pk, "file": file}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["column"] == "统一社会信用代码"
    assert not EnergyUse.objects.exists()


def test_only_agencies(api_for, organizer_user, campaign):
    api = api_for(organizer_user)
    assert api.get(reverse("api-bulk-template")).status_code == 403
    assert api.post(reverse("api-bulk-entry"), {"campaign": campaign.pk}).status_code == 403
