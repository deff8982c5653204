"""The intent-list page: filters, pagination, inline editing (htmx), import and template."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.choices import DiagnosisType
from enterprises.imports import parse_intent_list
from enterprises.models import DiagnosisTask
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.factories import AgencyFactory, TaskFactory, credit_code
from tests.fixtures.sheets import intent_xlsx

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
URL = reverse("enterprises:task-list")


def row_post(agency_name: str, **changes) -> dict:
    return {
        "enterprise_name": "石家庄测试化工有限公司",
        "credit_code": credit_code("130100"),
        "city": "石家庄市",
        "county": "长安区",
        "industry": "C26",
        "energy_tce": "6000",
        "diagnosis_type": DiagnosisType.KEY_INDUSTRY,
        "agency": agency_name,
        "sme": "no",
        "remarks": "",
        "year": "2021",
        **changes,
    }


@pytest.fixture
def hebei_tasks(campaign, hebei, agency):
    recommend(campaign, hebei, agency)
    return TaskFactory.create_batch(3, campaign=campaign, organizer=hebei, agency=agency)


def test_organizer_sees_only_their_list(
    hebei_tasks, campaign, shandong, organizer_user, client_for
):
    """Another organizer's tasks never appear."""
    TaskFactory(campaign=campaign, organizer=shandong)
    response = client_for(organizer_user).get(URL)
    assert response.status_code == 200
    assert {t.pk for t in response.context["page_obj"]} == {t.pk for t in hebei_tasks}
    assert response.context["editable"] is True


def test_filters_by_type_and_search(hebei_tasks, organizer_user, client_for):
    """Search by name and filter by diagnosis type narrow the list; htmx gets the results."""
    target = hebei_tasks[1]
    target.diagnosis_type = DiagnosisType.KEY_EQUIPMENT
    target.save()
    client = client_for(organizer_user)
    response = client.get(URL, {"diagnosis_type": DiagnosisType.KEY_EQUIPMENT}, **HTMX)
    assert [t.pk for t in response.context["page_obj"]] == [target.pk]
    assert b"<html" not in response.content
    response = client.get(URL, {"q": target.enterprise.name})
    assert [t.pk for t in response.context["page_obj"]] == [target.pk]


def test_page_queries_are_the_same_for_10_and_100_rows(
    campaign, hebei, agency, organizer_user, client_for
):
    """Query count is flat in the page size (500-task organizers page through their list)."""
    recommend(campaign, hebei, agency)
    TaskFactory.create_batch(120, campaign=campaign, organizer=hebei, agency=agency)
    client = client_for(organizer_user)

    def count(per_page: int) -> int:
        client.get(URL, {"per_page": per_page})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"per_page": per_page})
        assert len(response.context["page_obj"]) == per_page
        return len(queries.captured_queries)

    assert count(10) == count(100)


def test_inline_edit_saves_and_returns_the_row(hebei_tasks, agency, organizer_user, client_for):
    """GET gives the edit row; a valid POST saves and answers with the display row."""
    task = hebei_tasks[0]
    client = client_for(organizer_user)
    url = reverse("enterprises:task-edit", args=[task.pk])
    assert b'name="enterprise_name"' in client.get(url, **HTMX).content
    data = row_post(agency.name, credit_code=task.enterprise.credit_code, energy_tce="777")
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and b'id="task-%d"' % task.pk in response.content
    task.refresh_from_db()
    assert task.energy_tce == 777


def test_inline_edit_with_an_error_is_422_with_the_message(
    hebei_tasks, agency, organizer_user, client_for
):
    """区域集中式 without its park: the row comes back with the error, nothing saved."""
    task = hebei_tasks[0]
    data = row_post(
        agency.name, credit_code=task.enterprise.credit_code, diagnosis_type=DiagnosisType.REGIONAL
    )
    response = client_for(organizer_user).post(
        reverse("enterprises:task-edit", args=[task.pk]), data, **HTMX
    )
    assert response.status_code == 422
    assert "remarks" in response.context["form"].errors


def test_add_row_then_duplicate_is_refused(hebei_tasks, agency, organizer_user, client_for):
    """The first row of the table adds an enterprise; the same one again is refused."""
    client = client_for(organizer_user)
    data = row_post(agency.name)
    response = client.post(reverse("enterprises:task-create"), data, **HTMX)
    assert response.status_code == 200 and DiagnosisTask.objects.count() == 4
    response = client.post(reverse("enterprises:task-create"), data, **HTMX)
    assert response.status_code == 422
    assert "credit_code" in response.context["new_form"].errors


def test_unknown_agency_in_the_row_is_explained(hebei_tasks, organizer_user, client_for):
    """An agency neither recommended nor registered: the agency cell says so."""
    response = client_for(organizer_user).post(
        reverse("enterprises:task-create"), row_post("不存在的机构"), **HTMX
    )
    assert response.status_code == 422
    assert "agency" in response.context["new_form"].errors


def test_remove_row_with_htmx(hebei_tasks, organizer_user, client_for):
    """Removing answers with an empty body (the row disappears)."""
    task = hebei_tasks[0]
    response = client_for(organizer_user).post(
        reverse("enterprises:task-remove", args=[task.pk]), **HTMX
    )
    assert response.status_code == 200 and response.content == b""
    assert not DiagnosisTask.objects.filter(pk=task.pk).exists()


def test_other_organizers_task_cannot_be_edited(campaign, shandong, organizer_user, client_for):
    """Another tenant's row is a 404."""
    task = TaskFactory(campaign=campaign, organizer=shandong)
    url = reverse("enterprises:task-edit", args=[task.pk])
    assert client_for(organizer_user).get(url, **HTMX).status_code == 404


def test_agency_sees_its_tasks_read_only(hebei_tasks, agency_user, client_for):
    """An agency's “My tasks”: its tasks, no editing."""
    response = client_for(agency_user).get(URL)
    assert len(response.context["page_obj"]) == 3 and response.context["editable"] is False
    assert (
        client_for(agency_user)
        .get(reverse("enterprises:task-edit", args=[hebei_tasks[0].pk]))
        .status_code
        == 403
    )


def test_import_page_shows_every_bad_row(campaign, hebei, agency, organizer_user, client_for):
    """A file with bad rows: 422, each listed with row and column, nothing stored."""
    recommend(campaign, hebei, agency)
    table = rows(3, agency.name)
    table[1]["节能诊断类型"] = "清洁生产审核"
    table[2]["提供服务的机构"] = "不存在的机构"
    response = client_for(organizer_user).post(
        reverse("enterprises:task-import"),
        {"year": "2021", "file": upload("附件3.xlsx", intent_xlsx(table))},
    )
    assert response.status_code == 422
    assert [(e.row, e.column) for e in response.context["outcome"].errors] == [
        (2, "节能诊断类型"),
        (3, "提供服务的机构"),
    ]
    assert "清洁生产审核" in response.content.decode()
    assert not DiagnosisTask.objects.exists()


def test_import_page_check_then_import(campaign, hebei, agency, organizer_user, client_for):
    """“Check only” stores nothing; “Import” stores the rows and shows the counts."""
    recommend(campaign, hebei, agency)
    content = intent_xlsx(rows(4, agency.name))
    client = client_for(organizer_user)
    url = reverse("enterprises:task-import")
    checked = client.post(url, {"year": "2021", "check": "1", "file": upload("a.xlsx", content)})
    assert checked.context["outcome"].dry_run and not DiagnosisTask.objects.exists()
    done = client.post(url, {"year": "2021", "import": "1", "file": upload("a.xlsx", content)})
    assert done.context["outcome"].created == 4 and DiagnosisTask.objects.count() == 4


def test_not_a_spreadsheet_is_refused_as_a_whole(campaign, organizer_user, client_for):
    """A file that is not xlsx: an error on the upload field, status 400."""
    response = client_for(organizer_user).post(
        reverse("enterprises:task-import"),
        {"year": "2021", "file": upload("a.xlsx", b"%PDF-1.4 not a sheet")},
    )
    assert response.status_code == 400
    assert response.context["upload_form"].errors["file"]


def test_blank_template_is_read_back_by_the_importer(campaign, organizer_user, client_for):
    """The downloaded 附件3 has the ministry's headers: filled in, it imports cleanly."""
    response = client_for(organizer_user).get(reverse("enterprises:task-template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    parsed = parse_intent_list(io.BytesIO(response.content))
    assert parsed.ok and parsed.rows == [] and "河北" in (parsed.organizer_text or "")


def test_registry_agency_from_another_province_can_serve(hebei_tasks, organizer_user, client_for):
    """The agency may be any agency of the national registry."""
    AgencyFactory(name="北京登记节能服务有限公司")
    response = client_for(organizer_user).post(
        reverse("enterprises:task-create"), row_post("北京登记节能服务有限公司"), **HTMX
    )
    assert response.status_code == 200
    assert DiagnosisTask.objects.filter(agency__name="北京登记节能服务有限公司").exists()
