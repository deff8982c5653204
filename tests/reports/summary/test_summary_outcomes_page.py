"""附件4's editor page shows the four acceptance dimensions and the agencies involved, as the
Word file does (hand count on factory data)."""

import io

import pytest
from django.urls import reverse
from docx import Document

from agencies.models import Agency
from enterprises.choices import TaskState
from reports.documents.builders.texts import write_summary
from reports.documents.render.outcomes import agency_rows
from reports.summary.dimensions import acceptance_outcomes
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db
URL = reverse("reports:summary-edit") + "?year=2021"


@pytest.fixture
def agencies_year(campaign, hebei, shandong):
    """Hebei: 甲 serves three enterprises (two accepted), 乙 one (published); Shandong's
    agency 丙 (one accepted) is not Hebei's."""
    first = AgencyFactory(name="甲节能服务公司")
    second = AgencyFactory(name="乙节能服务公司")
    for state in (TaskState.ACCEPTED, TaskState.ACCEPTED, TaskState.REPORTED):
        TaskFactory(campaign=campaign, organizer=hebei, agency=first, state=state)
    TaskFactory(campaign=campaign, organizer=hebei, agency=second, state=TaskState.PUBLISHED)
    TaskFactory(
        campaign=campaign,
        organizer=shandong,
        agency=AgencyFactory(name="丙节能服务公司"),
        state=TaskState.ACCEPTED,
    )
    return campaign, hebei


def test_agencies_involved_by_hand(agencies_year):
    campaign, hebei = agencies_year
    assert agency_rows(acceptance_outcomes(campaign, hebei)) == [
        ("甲节能服务公司", "3", "2"),
        ("乙节能服务公司", "1", "0"),
    ]
    national = agency_rows(acceptance_outcomes(campaign))
    assert ("丙节能服务公司", "1", "1") in national and len(national) == 3
    assert Agency.objects.count() == 3


def test_editor_page_shows_the_four_dimensions_and_the_agencies(
    client_for, organizer_user, agencies_year
):
    response = client_for(organizer_user).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="summary-acceptance-panel"' in html and "（四）验收情况" in html
    for title in ("1. 诊断数量", "2. 完成质量", "3. 数据填报", "4. 企业反馈", "5. 参与服务机构"):
        assert title in html
    assert "甲节能服务公司" in html and "乙节能服务公司" in html
    assert "丙节能服务公司" not in html
    # 名单数 4 and 验收数 2 of 重点行业 in the quantity table
    quantity = html.split('id="acceptance-quantity"')[1].split("</table>")[0]
    assert '<th scope="row">重点行业</th><td class="num">0</td><td class="num">4</td>' in quantity


def test_word_lists_the_agencies(agencies_year, tmp_path):
    campaign, hebei = agencies_year
    path = tmp_path / "s.docx"
    write_summary("docx", campaign, hebei, path)
    document = Document(io.BytesIO(path.read_bytes()))
    assert "5. 参与服务机构" in [p.text for p in document.paragraphs]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "服务机构")
    assert [[c.text for c in row.cells] for row in table.rows][1:] == [
        ["甲节能服务公司", "3", "2"],
        ["乙节能服务公司", "1", "0"],
    ]
