"""The intent-list page after 添加 and under a filter: a confirmation with the row shown, the
counts ("共81条", "共2条 / 全部81条"), and one 序号 numbering on the page, in the API and in the
附件3 workbook."""

import openpyxl
import pytest
from django.urls import reverse

from enterprises.choices import DiagnosisType
from enterprises.models import DiagnosisTask
from enterprises.services import task_remove
from reports.documents.builders.forms import write_form
from tests.enterprises.test_views_tasks import HTMX, URL, row_post
from tests.enterprises.workflow_helpers import import_rows, recommend, rows
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(campaign, hebei, agency):
    recommend(campaign, hebei, agency)
    return [
        TaskFactory(campaign=campaign, organizer=hebei, agency=agency, seq=n) for n in range(1, 81)
    ]


def test_adding_a_row_confirms_it_shows_it_and_counts_it(
    listed, agency, organizer_user, client_for
):
    """The new row is under the add row with its 序号, and the total reads 81."""
    response = client_for(organizer_user).post(
        reverse("enterprises:task-create"), row_post(agency.name), **HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    task = DiagnosisTask.objects.get(enterprise_name="石家庄测试化工有限公司")
    assert task.seq == 81
    assert 'id="task-added"' in page and "石家庄测试化工有限公司" in page
    assert f'id="task-{task.pk}"' in page
    assert response.context["all_count"] == 81 and "81" in page.split('id="task-count"')[1][:80]


def test_a_filtered_list_counts_its_rows_and_the_whole_list(listed, organizer_user, client_for):
    """共2条 / 全部80条: the filtered count beside the whole list's, updated by htmx."""
    for task in listed[:2]:
        task.diagnosis_type = DiagnosisType.KEY_EQUIPMENT
        task.save()
    response = client_for(organizer_user).get(
        URL, {"diagnosis_type": DiagnosisType.KEY_EQUIPMENT}, **HTMX
    )
    count = response.content.decode().split('id="task-count"')[1].split("</p>")[0]
    assert "2" in count and "80" in count
    assert response.context["page_obj"].paginator.count == 2


def test_an_imported_file_is_numbered_1_to_n_with_each_agency_together(
    campaign, shandong, organizer_user, tmp_path
):
    """A file whose 序号 restart (1, 1, 2, 2) and whose agencies alternate: the list is numbered
    once, agency by agency, and the workbook's 序号 column is the same numbering."""
    first, second = AgencyFactory(name="甲节能公司"), AgencyFactory(name="乙节能公司")
    recommend(campaign, shandong, first)
    recommend(campaign, shandong, second, seq=2)
    table = rows(4, first.name)
    for row, seq in zip(table, (1, 1, 2, 2), strict=True):
        row["序号"] = seq
    table[1]["提供服务的机构"] = table[3]["提供服务的机构"] = second.name
    assert import_rows(campaign, shandong, table).ok
    listed = list(
        DiagnosisTask.objects.filter(organizer=shandong)
        .order_by("seq")
        .values_list("seq", "agency__name", "enterprise_name")
    )
    assert [seq for seq, _a, _n in listed] == [1, 2, 3, 4]
    assert [a for _s, a, _n in listed] == [first.name, first.name, second.name, second.name]
    write_form(3, campaign, shandong, tmp_path / "intent.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "intent.xlsx").active
    in_file = [
        (r[0], r[1])
        for r in sheet.iter_rows(values_only=True)
        if r[1] in {name for _s, _a, name in listed}
    ]
    assert [(str(seq), name) for seq, name in in_file] == [
        (str(seq), name) for seq, _a, name in listed
    ]


def test_removing_a_row_closes_the_gap(listed, organizer_user):
    """No. 3 removed: the rows after it move up, 1…79 without a gap."""
    task_remove(task=listed[2], actor=organizer_user)
    seqs = list(DiagnosisTask.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 80))


def test_a_new_enterprise_joins_its_agencys_group(
    campaign, hebei, listed, organizer_user, client_for
):
    """Agencies stay together: a row for the first agency is numbered after its enterprises."""
    other = AgencyFactory(name="后来的节能公司")
    recommend(campaign, hebei, other, seq=2)
    TaskFactory(campaign=campaign, organizer=hebei, agency=other, seq=81)
    response = client_for(organizer_user).post(
        reverse("enterprises:task-create"), row_post(listed[0].agency.name), **HTMX
    )
    assert response.status_code == 200
    task = DiagnosisTask.objects.get(enterprise_name="石家庄测试化工有限公司")
    assert task.seq == 81
    assert DiagnosisTask.objects.get(agency=other).seq == 82
