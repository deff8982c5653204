"""The national list: the ministry's page and the public page anyone can read (SPEC §2)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from enterprises.choices import TaskState
from enterprises.services import published_list_publish
from portal.choices import DocumentKind
from portal.jobs import registry as jobs
from portal.spreadsheets import printing
from tests.factories import EnterpriseFactory, SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(campaign, hebei, ministry_user):
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        state=TaskState.LETTER_SIGNED,
        enterprise=EnterpriseFactory(name="唐山公开钢铁有限公司"),
    )
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        state=TaskState.LETTER_SIGNED,
        enterprise=EnterpriseFactory(name="邯郸公开化工有限公司"),
    )
    return published_list_publish(campaign=campaign, actor=ministry_user)


def test_public_page_needs_no_login_and_searches(published, client):
    """Anyone sees the list; a search narrows it."""
    url = reverse("enterprises:public-list")
    response = client.get(url)
    assert response.status_code == 200 and len(response.context["page_obj"]) == 2
    response = client.get(url, {"q": "邯郸"})
    assert [e.enterprise_name for e in response.context["page_obj"]] == ["邯郸公开化工有限公司"]


def _download(client) -> openpyxl.worksheet.worksheet.Worksheet:
    response = client.get(reverse("enterprises:public-download"))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_public_download_is_the_snapshot(published, client):
    """The xlsx holds the published enterprises, organizer, agency and type."""
    sheet = _download(client)
    values = list(sheet.iter_rows(min_row=5, max_row=6, values_only=True))
    assert {row[1] for row in values} == {"唐山公开钢铁有限公司", "邯郸公开化工有限公司"}
    assert {row[6] for row in values} == {"重点行业"}


def _assert_prints_like_the_ministry_file(sheet, header_row: int) -> None:
    """A4 landscape, one page wide at 9 pt or more, the header repeated, a bordered table."""
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert printing.printed_size(widths) >= 9
    for cell in (*sheet[header_row], *sheet[header_row + 1]):
        assert cell.border.left.style == cell.border.bottom.style == "thin"


def test_public_download_has_the_ministry_layout(published, client):
    """The public file is the ministry's: title, 发布单位 line with version and date, header,
    bordered rows, the note under the table, and its print setup (it printed as 9 portrait
    pages with the columns split)."""
    sheet = _download(client)
    assert sheet["A2"].value == "2021年度工业节能诊断服务企业名单"
    assert sheet["A3"].value.startswith("发布单位：工业和信息化部（第1版，")
    assert sheet["A3"].value.endswith("日发布）")
    assert [c.value for c in sheet[4]] == [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "所在地市",
        "组织单位",
        "提供服务的机构",
        "节能诊断类型",
    ]
    assert sheet["A8"].value.startswith("注：")
    _assert_prints_like_the_ministry_file(sheet, header_row=4)


def test_public_download_without_builder_still_prints_well(published, client, monkeypatch):
    """With no PUBLISHED_LIST builder registered the plain list keeps the print setup."""
    monkeypatch.delitem(jobs.REGISTRY, DocumentKind.PUBLISHED_LIST, raising=False)
    sheet = _download(client)
    assert sheet["A1"].value == "2021年度工业节能诊断服务企业名单"
    assert sheet["A2"].value.startswith("第1版，")
    assert sheet["B3"].value == "企业名称"
    assert {sheet["B4"].value, sheet["B5"].value} == {
        "唐山公开钢铁有限公司",
        "邯郸公开化工有限公司",
    }
    _assert_prints_like_the_ministry_file(sheet, header_row=3)


def test_public_page_before_publication_says_so(campaign, client):
    """Nothing published: an empty state, no download."""
    response = client.get(reverse("enterprises:public-list"))
    assert response.status_code == 200 and response.context["current"] is None


def test_ministry_publishes_from_its_page(campaign, hebei, ministry_user, client_for):
    """The publish button publishes approved lists and the page shows the history."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    TaskFactory(campaign=campaign, organizer=hebei, state=TaskState.LETTER_SIGNED)
    client = client_for(ministry_user)
    page = client.get(reverse("enterprises:published-list"))
    assert page.context["waiting"] == 1
    client.post(reverse("enterprises:publish"), {"year": "2021", "note": "第一批"})
    page = client.get(reverse("enterprises:published-list"))
    assert page.context["current"].entry_count == 1
    assert [p.note for p in page.context["history"]] == ["第一批"]


def test_organizer_cannot_publish(campaign, organizer_user, client_for):
    """Only the ministry's page publishes."""
    assert (
        client_for(organizer_user)
        .post(reverse("enterprises:publish"), {"year": "2021"})
        .status_code
        == 403
    )


def test_ministry_export_goes_through_the_document_job(
    published, ministry_user, client_for, monkeypatch
):
    """With a PUBLISHED_LIST builder the export is a job naming the snapshot."""
    from portal.choices import DocumentKind
    from portal.jobs import registry as jobs
    from portal.models import DocumentJob

    def build(job, path, progress):
        path.write_bytes(b"PK")
        return "名单.xlsx"

    monkeypatch.setitem(jobs.REGISTRY, DocumentKind.PUBLISHED_LIST, jobs.Builder(build=build))
    response = client_for(ministry_user).get(reverse("enterprises:published-export"))
    job = DocumentJob.objects.get(kind=DocumentKind.PUBLISHED_LIST)
    assert response.status_code == 302 and response.url == reverse("job-detail", args=[job.pk])
    assert job.params == {"published_list_id": published.pk}


def test_ministry_export_without_builder_is_direct(
    published, ministry_user, client_for, monkeypatch
):
    """No builder installed: the same spreadsheet as the public download."""
    from portal.choices import DocumentKind
    from portal.jobs import registry as jobs

    monkeypatch.delitem(jobs.REGISTRY, DocumentKind.PUBLISHED_LIST, raising=False)
    monkeypatch.setattr("enterprises.views.published.REGISTRY", jobs.REGISTRY)
    response = client_for(ministry_user).get(reverse("enterprises:published-export"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_public_tabs_are_the_published_years_newest_first(published, client):
    """2020 has a campaign but no published list: no tab; the page opens on 2021."""
    from tests.factories import CampaignFactory

    CampaignFactory(year=2020)
    response = client.get(reverse("enterprises:public-list"))
    tabs = response.context["tabs"]
    assert [(t["label"], t["active"]) for t in tabs] == [("2021", True)]


def test_an_unpublished_year_says_so_with_its_own_tab(published, client, settings):
    from django.utils import translation

    from tests.factories import CampaignFactory

    CampaignFactory(year=2022)
    with translation.override("zh-hans"):
        response = client.get(reverse("enterprises:public-list"), {"year": 2022})
    assert response.status_code == 200
    html = response.content.decode()
    assert "该年度名单尚未公布" in html
    assert [t["active"] for t in response.context["tabs"]] == [True, False]
    assert "/enterprises/public/?year=2021" in html


def test_a_year_without_a_campaign_is_a_readable_not_found(published, client):
    from django.utils import translation

    with translation.override("zh-hans"):
        response = client.get(reverse("enterprises:public-list"), {"year": 2030})
    assert response.status_code == 404
    html = response.content.decode()
    assert "该年度名单尚未公布" in html
    assert "/enterprises/public/?year=2021" in html


def test_downloading_an_unpublished_year_goes_back_to_the_page(published, client):
    response = client.get(reverse("enterprises:public-download"), {"year": 2030})
    assert response.status_code == 302
    assert response["Location"].endswith("/enterprises/public/?year=2030")
