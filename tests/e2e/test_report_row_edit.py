"""Editing the report's rows in place (issue 15): the agency opens a row's form with the
keyboard, saves it and the totals follow; a refused value shows its reason on that row while the
other rows stay; cancelling brings the stored row back. Energy, equipment and measures alike.
"""

from decimal import Decimal

import pytest

from reports.diagnosis.services import editing
from reports.models import Equipment
from tests.conftest import PASSWORD
from tests.reports.reporting import MOTOR_BELOW_LIMIT, published_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def task(agency_user, enterprise, campaign):
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    data = {"carrier_code": "raw_coal", "quantity": Decimal(1000), "unit": "t"}
    editing.energy_use_add(task_id=task.pk, actor=agency_user, data=data)
    editing.equipment_add(task_id=task.pk, actor=agency_user, data=MOTOR_BELOW_LIMIT)
    for title in ("电机更换为2级能效", "空压机管网泄漏治理"):
        measure = {"category": "technical", "title": title, "savings_tce": Decimal(10)}
        editing.measure_add(task_id=task.pk, actor=agency_user, data=measure)
    return task


def _total(page, name: str) -> str:
    return page.locator(f"[data-total={name}]").inner_text().split()[0].replace(",", "")


def _open_edit(page, row_id: str):
    """Tab to the row's 编辑 link and press Enter: the row becomes its form, focus inside."""
    link = page.locator(f"#{row_id} [data-row-edit]")
    link.focus()
    with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "GET"):
        page.keyboard.press("Enter")
    form = page.locator(f"#{row_id}.row-edit form")
    form.wait_for()
    return form


def _focus_on(page, predicate: str, arg=None) -> None:
    """Wait until the focused element passes ``predicate`` (a JS function of the element and
    ``arg``): htmx places the focus (``autofocus``) when it settles the swap, a moment after the
    new HTML is in the page, so checking the instant the swap is seen would race it."""
    page.wait_for_function(
        f"arg => {{ const e = document.activeElement; return !!e && ({predicate})(e, arg); }}",
        arg=arg,
        timeout=5000,
    )


def _save(page, form, *, swapped: bool = True):
    data = page.locator("#report-data").element_handle()
    with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").press("Enter")
    if swapped:
        data.wait_for_element_state("hidden")  # htmx replaced the data fragment


def test_agency_edits_energy_equipment_and_measure_rows(page, login, agency_user, task, tmp_path):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    assert _total(page, "energy_tce") == "714.30"

    energy = page.locator("#energy tbody tr").first.get_attribute("id")
    form = _open_edit(page, energy)
    _focus_on(page, "e => !!e.closest('form') && !!e.closest('tr.row-edit')")
    form.locator("[name=quantity]").fill("1200")
    _save(page, form)
    assert _total(page, "energy_tce") == "857.16"
    # Focus is back on the saved row's 编辑 link, so the keyboard user carries on from there.
    _focus_on(
        page, "(e, id) => e.hasAttribute('data-row-edit') && e.closest('tr').id === id", energy
    )

    motor = page.locator("#equipment tbody tr").first.get_attribute("id")
    assert page.locator(f"#{motor} .badge--below_limit").count() == 1
    form = _open_edit(page, motor)
    assert form.locator("label[for$=_rating]").inner_text().startswith("额定功率")
    form.locator("[name=efficiency_pct]").fill("96.5")
    _save(page, form)
    assert page.locator(f"#{motor} .badge--below_limit").count() == 0
    assert Equipment.objects.get(pk=int(motor.rsplit("-", 1)[1])).efficiency_pct == Decimal("96.5")

    first, second = page.locator("#measure tbody tr").evaluate_all("rows => rows.map(r => r.id)")
    form = _open_edit(page, second)
    form.locator("a", has_text="取消").click()
    page.locator(f"#{second}:not(.row-edit)").wait_for()
    form = _open_edit(page, first)
    # 1 000 000 kWh are 122.9 tce: 1 tce in all is refused on the row, the others stay.
    form.locator("[name=savings_kwh]").fill("1000000")
    form.locator("[name=savings_tce]").fill("1")
    _save(page, form, swapped=False)
    error_row = page.locator(f"#{first}.row-edit")
    error_row.locator(".field__errors").wait_for()
    assert "122.9" in error_row.locator(".field__errors").inner_text()
    _focus_on(page, "e => e.name === 'savings_tce'")  # on the wrong field
    assert page.locator(f"#{second}:not(.row-edit)").count() == 1
    assert page.locator("#energy tbody tr, #equipment tbody tr").count() == 2
    # Only the refusal's own 422 so far (the screenshot below injects a style the CSP blocks).
    assert {e for e in page.console_errors if "422" not in e} == set()
    page.screenshot(path=str(tmp_path / "row-edit-error.png"), full_page=True)
    error_row.locator("[name=savings_tce]").fill("125.5")
    _save(page, error_row.locator("form"))
    assert _total(page, "savings_tce") == "135.50"


def test_one_row_editor_at_a_time_keeps_what_is_typed(page, login, agency_user, task, tmp_path):
    """With the energy row open and a value typed in it, opening a measure's editor is held
    back: the open editor says "save or cancel this row first", keeps the
    typed value and the focus; once it is saved the other row opens."""
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    energy = page.locator("#energy tbody tr").first.get_attribute("id")
    form = _open_edit(page, energy)
    form.locator("[name=quantity]").fill("1300")
    measure = page.locator("#measure tbody tr").first.get_attribute("id")
    page.locator(f"#{measure} [data-row-edit]").click()
    note = form.locator("[data-row-edit-note]")
    note.wait_for(state="visible")
    assert page.locator(f"#{measure}.row-edit").count() == 0
    assert form.locator("[name=quantity]").input_value() == "1300"
    assert form.evaluate("f => f.contains(document.activeElement)")
    page.screenshot(path=str(tmp_path / "one-editor.png"), full_page=True)
    _save(page, form)
    assert _total(page, "energy_tce") == "928.59"
    _open_edit(page, measure)
