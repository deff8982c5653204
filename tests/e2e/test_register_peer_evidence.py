"""Peer evidence (issue 17): while the agency writes a measure, choosing its kind in the form
shows how that measure worked out in the same industry and in all industries."""

import pytest

from tests.conftest import PASSWORD
from tests.reports.register.world import hand_counted_world
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_measure_form_shows_the_evidence_of_the_chosen_kind(
    page, login, agency_user, enterprise, campaign, settings, tmp_path
):
    settings.REGISTER_MIN_GROUP = 4
    kind, _shandong = hand_counted_world()
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    form = page.locator("#measure-form")
    if not form.is_visible():
        page.locator("#measure details summary").click()
    assert page.locator("[data-peer-evidence]").inner_text()  # the prompt to choose a kind
    with page.expect_response(lambda r: "/register/evidence/" in r.url):
        form.locator("select[name=taxonomy]").select_option(str(kind.pk))
    lines = page.locator("[data-evidence-line]")
    lines.first.wait_for()
    assert lines.count() == 2
    text = page.locator("[data-peer-evidence]").inner_text()
    assert "40 %" in text  # C31: 2 of 5 implemented (Hebei and Shandong)
    assert "33 %" in text  # all industries: 2 of 6
    page.locator("#measure").screenshot(path=str(tmp_path / "peer-evidence.png"))
    page.goto("/reports/register/public/")
    page.screenshot(path=str(tmp_path / "register-public.png"), full_page=True)
    assert page.locator('[data-group="ZZ-1/C31"]').count() == 1
    assert page.locator('[data-group="ZZ-1/C26"]').count() == 0  # one enterprise only
    assert page.console_errors == []
