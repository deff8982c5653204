"""The national list: the ministry's page and the public page anyone can read (SPEC §2)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from enterprises.choices import TaskState
from enterprises.services import published_list_publish
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


def test_public_download_is_the_snapshot(published, client):
    """The xlsx holds the published enterprises, organizer, agency and type."""
    response = client.get(reverse("enterprises:public-download"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(min_row=3, values_only=True))
    assert {row[1] for row in values} == {"唐山公开钢铁有限公司", "邯郸公开化工有限公司"}
    assert {row[6] for row in values} == {"重点行业"}


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
