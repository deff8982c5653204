"""The bulk-entry pages: agency only, the template, a check and an import, the marked copy."""

import pytest
from django.urls import reverse

from reports.models import EnergyUse
from tests.factories import EnterpriseFactory
from tests.reports.reporting import published_task

from .helpers import XLSX, append, load, save

ENERGY = "能源消费"


@pytest.fixture
def task(agency_user, campaign):
    enterprise = EnterpriseFactory(name="邢台测试焦化有限公司")
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _template(client) -> bytes:
    response = client.get(reverse("reports:bulk-template") + "?year=2021")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(XLSX)
    return response.content


def test_page_lists_the_open_reports(client_for, agency_user, task):
    response = client_for(agency_user).get(reverse("reports:bulk-entry") + "?year=2021")
    assert response.status_code == 200
    assert task.enterprise.credit_code in response.content.decode()


@pytest.mark.parametrize("who", ["organizer_user", "enterprise_user", "ministry_user"])
def test_other_roles_are_refused(client_for, who, request, campaign):
    client = client_for(request.getfixturevalue(who))
    for name in ("reports:bulk-entry", "reports:bulk-template"):
        assert client.get(reverse(name) + "?year=2021").status_code == 403


def test_import_from_the_page(client_for, agency_user, task):
    client = client_for(agency_user)
    wb = load(_template(client))
    append(
        wb[ENERGY],
        {"统一社会信用代码": task.enterprise.credit_code, "能源品种": "原煤", "实物量": 1000},
    )
    url = reverse("reports:bulk-import")
    checked = client.post(url, {"file": save(wb), "check": "1", "year": 2021})
    assert checked.status_code == 200
    assert not EnergyUse.objects.exists()
    done = client.post(url, {"file": save(wb), "import": "1", "year": 2021})
    assert done.status_code == 200
    assert 'href="/reports/bulk/?year=2021"' in done.content.decode()  # the year tab
    assert EnergyUse.objects.get(report__task=task).carrier_code == "raw_coal"


def test_bad_rows_are_listed_with_a_marked_copy(client_for, agency_user, other_agency_user, task):
    client = client_for(agency_user)
    wb = load(_template(client))
    row = append(
        wb[ENERGY],
        {"统一社会信用代码": task.enterprise.credit_code, "能源品种": "月光", "实物量": 1},
    )
    response = client.post(reverse("reports:bulk-import"), {"file": save(wb), "year": 2021})
    assert response.status_code == 422
    page = response.content.decode()
    assert "能源品种" in page and f">{row}<" in page
    marked = response.context["marked_url"]
    copy = load(client.get(marked).content)
    assert copy[ENERGY].cell(row=row, column=3).comment is not None
    assert "问题清单" in copy.sheetnames
    # The marked copy is its uploader's only.
    assert client_for(other_agency_user).get(marked).status_code == 404
    assert not EnergyUse.objects.exists()


def test_a_file_that_is_no_template_is_refused(client_for, agency_user, task):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["甲", "乙"])
    response = client_for(agency_user).post(
        reverse("reports:bulk-import"), {"file": save(wb), "year": 2021}
    )
    assert response.status_code == 400
