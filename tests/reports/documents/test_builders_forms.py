"""附件1–3 built from the database through the job path, read back with openpyxl."""

import openpyxl
import pytest

from agencies.models import Agency
from portal.choices import DocumentKind
from provinces.choices import SubmissionState
from reports.documents.selectors import forms as rows
from tests.factories import (
    AgencyFactory,
    EnterpriseFactory,
    RecommendationFactory,
    TaskFactory,
    province,
)
from tests.reports.documents_data import content, plan, render, submitted

pytestmark = pytest.mark.django_db


def sheet(job):
    return openpyxl.load_workbook(content(job)).active


def data_rows(ws, header_rows: int = 1) -> list[tuple]:
    """The rows under the header down to the blank row before the notes."""
    found = []
    for row in ws.iter_rows(min_row=4 + header_rows, values_only=True):
        if all(value is None for value in row):
            break
        found.append(row)
    return found


def formula_cells(ws) -> list[str]:
    return [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_plan_of_an_organizer_has_its_one_row_and_totals(ministry_user, campaign, hebei):
    """附件1 of Hebei: title, 填报单位 line, the two header rows and one row summed by type."""
    plan(hebei, campaign, key_industry=150, sme=40)
    job = render(ministry_user, DocumentKind.FORM_PLAN, campaign=campaign, organizer=hebei)
    ws = sheet(job)
    assert ws["A1"].value == "附件1"
    assert ws["A2"].value == "2021年度节能诊断服务工作计划表"
    assert ws["A3"].value == "填报单位（盖章）：河北省工业和信息化厅"
    assert ws["A4"].value == "填报单位" and ws["C5"].value == "重点行业"
    assert data_rows(ws, 2) == [
        (
            "河北省工业和信息化厅",
            210,
            150,
            40,
            10,
            5,
            5,
            4,
            None,
            "李科长",
            "科长",
            "0311-12345678",
            "jn@example.cn",
        )
    ]
    assert job.output_name == "2021年度节能诊断服务工作计划表-河北省.xlsx"


def test_national_plan_merges_submitted_plans_with_a_total_row(
    ministry_user, campaign, hebei, shandong
):
    """The national 附件1 lists the submitted plans (not drafts) and sums them in 合计."""
    plan(hebei, campaign, key_industry=100)
    plan(shandong, campaign, key_industry=80)
    plan(province("140000"), campaign, state=SubmissionState.DRAFT)
    ws = sheet(render(ministry_user, DocumentKind.FORM_PLAN, campaign=campaign))
    body = data_rows(ws, 2)
    assert [r[0] for r in body] == ["河北省工业和信息化厅", "山东省工业和信息化厅", "合计"]
    assert body[-1][1] == (100 + 60 + 10 + 5 + 5) + (80 + 60 + 10 + 5 + 5)
    assert ws["A3"].value == "填报单位（盖章）：全国汇总"


def test_recommendations_list_agencies_with_registry_details(organizer_user, campaign, hebei):
    """附件2 rows come from the recommendation and the agency's registry entry, numbered."""
    first = RecommendationFactory(
        campaign=campaign,
        organizer=hebei,
        seq=2,
        agency=AgencyFactory(name="乙节能公司", technical_staff=12),
    )
    RecommendationFactory(
        campaign=campaign,
        organizer=hebei,
        seq=1,
        planned_enterprises=30,
        agency=AgencyFactory(name="甲节能公司"),
    )
    ws = sheet(
        render(organizer_user, DocumentKind.FORM_RECOMMENDATION, campaign=campaign, organizer=hebei)
    )
    body = data_rows(ws)
    assert [r[:2] for r in body] == [(1, "甲节能公司"), (2, "乙节能公司")]
    assert body[0][8] == 30 and body[1][6] == 12
    assert body[1][2] == Agency.objects.get(pk=first.agency_id).credit_code


def test_intent_list_keeps_each_agencys_enterprises_together(organizer_user, campaign, hebei):
    """附件3 note 1: the rows of one agency are listed together, in the list's order."""
    a, b = AgencyFactory(name="甲机构"), AgencyFactory(name="乙机构")
    for seq, agency in enumerate((a, b, a, b, a), 1):
        TaskFactory(
            campaign=campaign,
            organizer=hebei,
            agency=agency,
            seq=seq,
            enterprise=EnterpriseFactory(name=f"企业{seq}"),
        )
    ws = sheet(render(organizer_user, DocumentKind.FORM_INTENT, campaign=campaign, organizer=hebei))
    body = data_rows(ws)
    assert [(r[0], r[1], r[8]) for r in body] == [
        (1, "企业1", "甲机构"),
        (2, "企业3", "甲机构"),
        (3, "企业5", "甲机构"),
        (4, "企业2", "乙机构"),
        (5, "企业4", "乙机构"),
    ]


def test_intent_list_row_has_every_column_of_the_form(organizer_user, campaign, hebei):
    """Location, industry name, credit code, energy, type label, SME class, park in 备注."""
    enterprise = EnterpriseFactory(name="唐山园区企业", city="唐山市", county="曹妃甸区")
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        enterprise=enterprise,
        diagnosis_type="regional",
        remarks="曹妃甸工业区",
        is_sme=True,
        sme_class="small",
        agency=AgencyFactory(name="丙机构"),
    )
    ws = sheet(render(organizer_user, DocumentKind.FORM_INTENT, campaign=campaign, organizer=hebei))
    (row,) = data_rows(ws)
    assert row == (
        1,
        "唐山园区企业",
        "唐山市",
        "曹妃甸区",
        "黑色金属冶炼和压延加工业",
        enterprise.credit_code,
        12000,
        "区域集中式",
        "丙机构",
        "是（小型）",
        "曹妃甸工业区",
    )


def test_text_that_looks_like_a_formula_is_written_as_text(organizer_user, campaign, hebei):
    """A remark "=1+1" or "@SUM(A1)" stays text: no formula cell anywhere in the file."""
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        remarks="=1+1",
        enterprise=EnterpriseFactory(name="+恶意企业"),
    )
    TaskFactory(campaign=campaign, organizer=hebei, remarks="@SUM(A1)")
    ws = sheet(render(organizer_user, DocumentKind.FORM_INTENT, campaign=campaign, organizer=hebei))
    body = data_rows(ws)
    assert {r[10] for r in body} == {"=1+1", "@SUM(A1)"}
    assert "+恶意企业" in {r[1] for r in body}
    assert formula_cells(ws) == []


def test_national_intent_list_has_the_organizer_column_and_only_submitted_lists(
    ministry_user, campaign, hebei, shandong
):
    """Nationally a 填报单位 column follows 序号; a draft intent list is not merged."""
    submitted(hebei, campaign, 3, SubmissionState.APPROVED)
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei)
    TaskFactory(campaign=campaign, organizer=shandong)  # Shandong's list is still a draft
    job = render(ministry_user, DocumentKind.FORM_INTENT, campaign=campaign)
    ws = sheet(job)
    assert ws["B4"].value == "填报单位"
    assert [r[1] for r in data_rows(ws)] == ["河北省工业和信息化厅"] * 2
    assert job.output_name == "2021年度节能诊断服务意向企业名单-全国.xlsx"


def test_campaign_layout_override_changes_the_columns(organizer_user, campaign, hebei):
    """A campaign's own form_layouts (data) replace the bundled columns: no code change."""
    from reports.documents.render.layouts import default_layouts_dict

    layout = default_layouts_dict(2021)["forms"]["3"]
    layout = {
        **layout,
        "title": "{year}年度意向企业（新版）",
        "columns": [c for c in layout["columns"] if c["key"] != "remark"],
    }
    campaign.form_layouts = {"forms": {"3": layout}}
    campaign.save()
    TaskFactory(campaign=campaign, organizer=hebei)
    ws = sheet(render(organizer_user, DocumentKind.FORM_INTENT, campaign=campaign, organizer=hebei))
    assert ws["A2"].value == "2021年度意向企业（新版）"
    assert "备注" not in [c.value for c in ws[4]]


@pytest.mark.parametrize("count", [10, 100])
def test_intent_rows_take_one_query_whatever_the_length(
    campaign, hebei, count, django_assert_num_queries
):
    """附件3 rows: one query (tasks with enterprise, agency, industry, organizer) at 10 and 100."""
    agency = AgencyFactory()
    TaskFactory.create_batch(count, campaign=campaign, organizer=hebei, agency=agency)
    with django_assert_num_queries(1):
        assert len(list(rows.intent_rows(campaign, hebei))) == count


@pytest.mark.parametrize("count", [10, 100])
def test_national_recommendation_rows_take_one_query(
    campaign, hebei, count, django_assert_num_queries
):
    """附件2 nationally: one query (with the submitted-organizers subquery) at 10 and 100."""
    submitted(hebei, campaign, 2)
    for _ in range(count):
        RecommendationFactory(campaign=campaign, organizer=hebei)
    with django_assert_num_queries(1):
        assert len(rows.recommendation_rows(campaign)) == count


@pytest.mark.parametrize("count", [3, 30])
def test_national_plan_rows_take_one_query(campaign, count, django_assert_num_queries):
    """附件1 nationally: one query however many organizers have submitted their plan."""
    from provinces.models import Organizer

    for organizer in Organizer.objects.order_by("code")[:count]:
        plan(organizer, campaign)
    with django_assert_num_queries(1):
        assert len(rows.plan_rows(campaign)) == count
