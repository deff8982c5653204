"""Editing a report's energy, equipment and measure rows: the same checks and computation as
adding one, scoped, refused once the report is submitted, audited; in the page (HTMX and
without JavaScript) and through the API's PATCH.

Hand-checked numbers: 1000 t raw coal × 0.7143 kgce/kg = 714.3 tce, 1200 t = 857.16 tce; a
132 kW 4-pole motor at 93.0 % is below the GB 18613-2020 limit (95.6 %), at 96.5 % it meets
grade 2 (96.4 %); 100 000 kWh on 当量值 0.1229 = 12.29 tce.
"""

from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from enterprises.choices import TaskState
from portal.errors import DomainError, InvalidMove
from portal.models import AuditLog
from reports.diagnosis.forms import EquipmentForm
from reports.diagnosis.services import editing
from reports.models import DiagnosisReport, EnergyUse, Measure
from tests.reports.reporting import MOTOR_BELOW_LIMIT, published_task

COAL = {"carrier_code": "raw_coal", "quantity": Decimal(1000), "unit": "t"}
MEASURE = {
    "category": "technical",
    "title": "电机更换",
    "investment_wan": Decimal(10),
    "savings_kwh": Decimal(50000),
    "savings_wan": Decimal(4),
}


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


@pytest.fixture
def coal(task, agency_user):
    return editing.energy_use_add(task_id=task.pk, actor=agency_user, data=COAL)


def _update(kind, row, user, **data):
    return editing.report_row_update(kind=kind, row_id=row.pk, actor=user, data=data)


def _url(name, task, kind, row):
    return reverse(f"reports:{name}", args=[task.pk, kind, row.pk])


# --- the service ---------------------------------------------------------------------------


def test_energy_edit_recomputes_the_row_and_the_totals_and_is_audited(coal, agency_user):
    """1200 t instead of 1000 t: 857.16 tce on the row and the report, one audit entry."""
    row = _update("energy", coal, agency_user, **{**COAL, "quantity": Decimal(1200)})
    assert row.tce == Decimal("857.1600")
    assert DiagnosisReport.objects.get(pk=coal.report_id).energy_tce == Decimal("857.1600")
    entry = AuditLog.objects.get(action="report.energy_update", object_id=str(coal.pk))
    assert "1000" in entry.summary and "1200" in entry.summary


def test_equipment_edit_grades_again_and_keeps_what_the_form_does_not_show(task, agency_user):
    """The motor at 96.5 % is no longer below the limit; its stored metrics stay."""
    motor = editing.equipment_add(
        task_id=task.pk, actor=agency_user, data={**MOTOR_BELOW_LIMIT, "metrics": {"kw": 1}}
    )
    assert motor.below_limit
    row = _update("equipment", motor, agency_user, efficiency_pct=Decimal("96.5"))
    assert (row.below_limit, row.saving_kwh, row.metrics) == (False, None, {"kw": 1})
    assert DiagnosisReport.objects.get(pk=motor.report_id).below_limit_count == 0


def test_measure_edit_recomputes_savings_left_to_the_electricity(task, agency_user):
    """The tce were derived from the kWh: doubling the kWh doubles them instead of refusing."""
    measure = editing.measure_add(task_id=task.pk, actor=agency_user, data=MEASURE)
    assert measure.savings_tce == Decimal("6.1450")
    row = _update("measure", measure, agency_user, savings_kwh=Decimal(100000))
    assert (row.savings_tce, row.payback_years) == (Decimal("12.2900"), Decimal("2.50"))


def test_a_refused_edit_changes_nothing(coal, agency_user):
    """Electricity with a measured heating value is refused on its field; the coal stays."""
    with pytest.raises(DomainError) as refused:
        _update(
            "energy", coal, agency_user, carrier_code="electricity", unit="kWh", measured_lhv=3600
        )
    assert refused.value.field == "measured_lhv"
    assert EnergyUse.objects.get(pk=coal.pk).tce == Decimal("714.3000")


def test_another_agencys_row_is_not_found(coal, other_agency_user):
    with pytest.raises(Http404):
        _update("energy", coal, other_agency_user, quantity=Decimal(1))


def test_a_submitted_report_is_not_edited(coal, agency_user, task):
    """Once submitted (reported) the row is refused with the task's state."""
    type(task).objects.filter(pk=task.pk).update(state=TaskState.REPORTED)
    with pytest.raises(InvalidMove):
        _update("energy", coal, agency_user, quantity=Decimal(1))
    assert EnergyUse.objects.get(pk=coal.pk).quantity == Decimal(1000)


# --- the page --------------------------------------------------------------------------------


def test_htmx_edit_opens_the_form_row_with_the_stored_values(client_for, agency_user, coal, task):
    response = client_for(agency_user).get(
        _url("row-edit", task, "energy", coal), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="energy-row-{coal.pk}"' in body and 'value="1000"' in body
    assert f'id="id_energy{coal.pk}_quantity"' in body  # not the add form's ids


def test_htmx_save_answers_with_the_data_and_new_totals(client_for, agency_user, coal, task):
    response = client_for(agency_user).post(
        _url("row-edit", task, "energy", coal),
        {"carrier_code": "raw_coal", "quantity": "1200", "unit": "t"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="report-data"' in body and 'data-total="energy_tce">857.16' in body


def test_htmx_error_stays_on_the_row(client_for, agency_user, coal, task):
    """A negative quantity: 422, the form row again with the reason, aimed at the row."""
    response = client_for(agency_user).post(
        _url("row-edit", task, "energy", coal),
        {"carrier_code": "raw_coal", "quantity": "-5", "unit": "t"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#energy-row-{coal.pk}"
    assert "greater than or equal to 0" in response.content.decode()
    assert EnergyUse.objects.get(pk=coal.pk).quantity == Decimal(1000)


def test_without_javascript_the_page_shows_the_row_form_and_saving_redirects(
    client_for, agency_user, coal, task
):
    client = client_for(agency_user)
    page = client.get(_url("row-edit", task, "energy", coal))
    assert page.status_code == 200 and "<html" in page.content.decode()
    assert page.context["edit_row"]["pk"] == coal.pk
    saved = client.post(
        _url("row-edit", task, "energy", coal),
        {"carrier_code": "raw_coal", "quantity": "1200", "unit": "t"},
    )
    assert saved.status_code == 302 and saved["Location"].endswith("#energy")


def test_cancel_shows_the_stored_row(client_for, agency_user, coal, task):
    response = client_for(agency_user).get(
        _url("row-show", task, "energy", coal), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith(f'<tr id="energy-row-{coal.pk}"') and "autofocus" in body


@pytest.mark.parametrize("who", ["other_agency_user", "organizer_user"])
def test_nobody_else_opens_or_saves_the_form(request, client_for, coal, task, who):
    """Another agency: 404; the task's organizer: no form (404) and its POST is refused."""
    client = client_for(request.getfixturevalue(who))
    assert client.get(_url("row-edit", task, "energy", coal)).status_code == 404
    response = client.post(_url("row-edit", task, "energy", coal), {**COAL, "quantity": "5"})
    assert response.status_code in {403, 404}
    assert EnergyUse.objects.get(pk=coal.pk).quantity == Decimal(1000)


def test_measure_and_equipment_rows_have_an_edit_button(client_for, agency_user, task):
    motor = editing.equipment_add(task_id=task.pk, actor=agency_user, data=MOTOR_BELOW_LIMIT)
    measure = editing.measure_add(task_id=task.pk, actor=agency_user, data=MEASURE)
    body = client_for(agency_user).get(reverse("reports:report-detail", args=[task.pk]))
    text = body.content.decode()
    assert _url("row-edit", task, "equipment", motor) in text
    assert _url("row-edit", task, "measure", measure) in text


def test_the_equipment_rating_is_labelled_rated_power_in_chinese():
    """额定功率 (it read 评分, the feedback's word); the other labels say what they hold."""
    with translation.override("zh-hans"):
        labels = {name: str(f.label) for name, f in EquipmentForm().fields.items()}
    assert labels["rating"] == "额定功率"
    assert (labels["count"], labels["annual_hours"]) == ("台数", "年运行小时数")


# --- the API ---------------------------------------------------------------------------------


def test_api_patch_changes_only_what_is_sent(api_for, agency_user, coal):
    response = api_for(agency_user).patch(
        f"/api/v1/energy-uses/{coal.pk}/", {"quantity": "1200"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["tce"], response.json()["unit"]) == ("857.1600", "t")


def test_api_patch_of_a_measure_recomputes_payback(api_for, agency_user, task):
    measure = editing.measure_add(task_id=task.pk, actor=agency_user, data=MEASURE)
    response = api_for(agency_user).patch(
        f"/api/v1/measures/{measure.pk}/", {"savings_wan": "5"}, format="json"
    )
    assert response.status_code == 200 and response.json()["payback_years"] == "2.00"
    assert Measure.objects.get(pk=measure.pk).savings_wan == Decimal(5)


def test_api_patch_is_scoped_and_refused_when_submitted(
    api_for, agency_user, other_agency_user, coal, task
):
    url = f"/api/v1/energy-uses/{coal.pk}/"
    assert (
        api_for(other_agency_user).patch(url, {"quantity": "1"}, format="json").status_code == 404
    )
    type(task).objects.filter(pk=task.pk).update(state=TaskState.REPORTED)
    refused = api_for(agency_user).patch(url, {"quantity": "1"}, format="json")
    assert refused.status_code == 409
    assert EnergyUse.objects.get(pk=coal.pk).quantity == Decimal(1000)


def test_api_patch_cannot_move_a_row_to_another_report(api_for, agency_user, coal):
    """Even into another report of the same agency: 400 on `report`, the row stays."""
    other = published_task(agency_user.agency)
    report = editing.report_open(task_id=other.pk, actor=agency_user)
    energy = api_for(agency_user).patch(
        f"/api/v1/energy-uses/{coal.pk}/", {"report": report.pk}, format="json"
    )
    assert energy.status_code == 400 and "report" in energy.json()
    assert EnergyUse.objects.get(pk=coal.pk).report_id == coal.report_id
