"""Adding and removing a report's data rows are audited (as changing one is), on the page and
through the API."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portal.models import AuditLog
from reports.models import EnergyUse, Measure
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db

COAL = {"carrier_code": "raw_coal", "quantity": "1000", "unit": "t"}


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _actions(user) -> list[str]:
    return list(AuditLog.objects.filter(actor=user).order_by("id").values_list("action", flat=True))


def test_page_add_and_remove_are_audited(task, agency_user, client_for):
    client = client_for(agency_user)
    add = client.post(reverse("reports:row-add", args=[task.pk, "energy"]), COAL)
    assert add.status_code == 302
    row = EnergyUse.objects.get(report__task=task)
    remove = client.post(reverse("reports:row-remove", args=[task.pk, "energy", row.pk]))
    assert remove.status_code == 302 and not EnergyUse.objects.exists()
    assert _actions(agency_user) == ["report.energy_add", "report.energy_remove"]
    removed = AuditLog.objects.get(action="report.energy_remove")
    assert removed.object_id == str(row.pk) and task.enterprise_name in removed.summary


def test_api_add_and_remove_are_audited(task, agency_user, api_for):
    from tests.factories import DiagnosisReportFactory

    api = api_for(agency_user)
    report = DiagnosisReportFactory(task=task)
    body = {"report": report.pk, "category": "technical", "title": "电机改造", "savings_tce": "5"}
    created = api.post("/api/v1/measures/", body, format="json")
    assert created.status_code == 201, created.content
    measure = Measure.objects.get(report=report)
    assert measure.savings_tce == Decimal(5)
    assert api.delete(f"/api/v1/measures/{measure.pk}/").status_code == 204
    assert _actions(agency_user) == ["report.measure_add", "report.measure_remove"]


def test_a_refused_removal_is_not_audited(task, agency_user, other_agency_user, client_for):
    client_for(agency_user).post(reverse("reports:row-add", args=[task.pk, "energy"]), COAL)
    row = EnergyUse.objects.get()
    response = client_for(other_agency_user).post(
        reverse("reports:row-remove", args=[task.pk, "energy", row.pk])
    )
    assert response.status_code == 404 and EnergyUse.objects.exists()
    assert not AuditLog.objects.filter(action="report.energy_remove").exists()
