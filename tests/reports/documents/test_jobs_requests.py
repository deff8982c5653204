"""Asking for documents: who may have which file, the button's answer, the API."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from portal.choices import DocumentKind, JobState
from portal.errors import DomainError
from portal.models import DocumentJob
from reports.documents.services import document_request
from tests.factories import TaskFactory, TaskLetterFactory

pytestmark = pytest.mark.django_db


def test_organizer_gets_its_own_forms_without_naming_itself(organizer_user, campaign, hebei):
    """An organizer's request is for its own organizer; the job says it is not national."""
    job = document_request(actor=organizer_user, kind=DocumentKind.FORM_INTENT, campaign=campaign)
    assert (job.organizer, job.params) == (hebei, {"national": False})


def test_organizer_asking_for_another_organizers_form_gets_404(organizer_user, campaign, shandong):
    """Another tenant's file is a 404, as everywhere."""
    with pytest.raises(Http404):
        document_request(
            actor=organizer_user, kind=DocumentKind.PACKAGE, campaign=campaign, organizer=shandong
        )


def test_ministry_without_an_organizer_gets_the_national_file(ministry_user, campaign, hebei):
    """The ministry asks nationally (no organizer) or for any one organizer."""
    national = document_request(actor=ministry_user, kind=DocumentKind.FORM_PLAN, campaign=campaign)
    one = document_request(
        actor=ministry_user, kind=DocumentKind.FORM_PLAN, campaign=campaign, organizer=hebei
    )
    assert (national.organizer, national.params) == (None, {"national": True})
    assert one.organizer == hebei


@pytest.mark.parametrize("user", ["agency_user", "enterprise_user"])
def test_agencies_and_enterprises_get_no_forms(request, user, campaign):
    """Forms, summaries and packages are the organizers' and the ministry's."""
    with pytest.raises(PermissionDenied):
        document_request(
            actor=request.getfixturevalue(user), kind=DocumentKind.FORM_INTENT, campaign=campaign
        )


def test_agency_gets_its_own_task_letter_only(agency_user, other_agency, campaign, hebei):
    """A letter follows the letter's scoping: the agency's own yes, another agency's 404."""
    own = TaskLetterFactory(campaign=campaign, organizer=hebei, agency=agency_user.agency)
    other = TaskLetterFactory(campaign=campaign, organizer=hebei, agency=other_agency)
    job = document_request(
        actor=agency_user, kind=DocumentKind.TASK_LETTER_PDF, params={"letter_id": own.pk}
    )
    assert (job.params, job.agency_id) == ({"letter_id": own.pk}, agency_user.agency_id)
    with pytest.raises(Http404):
        document_request(
            actor=agency_user, kind=DocumentKind.TASK_LETTER_PDF, params={"letter_id": other.pk}
        )


def test_unpublished_list_is_refused_with_a_reason(ministry_user, campaign):
    """No snapshot yet: a clear refusal instead of a job that must fail."""
    with translation.override("en"), pytest.raises(DomainError, match="not published"):
        document_request(actor=ministry_user, kind=DocumentKind.PUBLISHED_LIST, campaign=campaign)


def test_button_answers_htmx_with_the_progress_fragment(
    client_for, organizer_user, campaign, django_capture_on_commit_callbacks
):
    """The fragment replaces the box under the button and polls the job until it is done."""
    TaskFactory(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer_user).post(
            reverse("reports:document-request"),
            {"kind": "form3", "year": 2021},
            HTTP_HX_REQUEST="true",
        )
    job = DocumentJob.objects.get()
    assert response.status_code == 200
    assert f'id="job-{job.pk}"' in response.content.decode()
    assert job.state == JobState.DONE


def test_button_without_javascript_leads_to_the_job_page(client_for, organizer_user, campaign):
    response = client_for(organizer_user).post(
        reverse("reports:document-request"), {"kind": "form4_docx", "year": 2021}
    )
    job = DocumentJob.objects.get()
    assert response.url == reverse("job-detail", args=[job.pk])


def test_refused_button_shows_the_reason_in_place(client_for, ministry_user, campaign):
    """A refusal comes back as 422 (htmx swaps it) with the message."""
    response = client_for(ministry_user).post(
        reverse("reports:document-request"),
        {"kind": "published_list", "year": 2021},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "alert--error" in response.content.decode()


def test_documents_page_lists_the_campaigns_files(client_for, organizer_user, campaign):
    """附件1–3, 附件4 twice (Word, PDF) and the package, each with its button."""
    page = client_for(organizer_user).get(reverse("reports:documents"), {"year": 2021})
    html = page.content.decode()
    assert page.status_code == 200
    for kind in ("form1", "form2", "form3", "form4_docx", "form4_pdf", "package"):
        assert f'data-kind="{kind}"' in html and f'value="{kind}"' in html


def test_ministry_documents_page_can_show_one_organizer(client_for, ministry_user, campaign):
    page = client_for(ministry_user).get(
        reverse("reports:documents"), {"year": 2021, "organizer": "370000"}
    )
    assert page.context["organizer"].name == "山东省"
    assert 'name="organizer" value="370000"' in page.content.decode()


def test_agency_has_no_documents_page(client_for, agency_user, campaign):
    assert client_for(agency_user).get(reverse("reports:documents")).status_code == 403


def test_api_request_poll_and_download(
    api_for, organizer_user, campaign, django_capture_on_commit_callbacks
):
    """POST → 202 with Location; the job polls as done with its download URL; the file."""
    api = api_for(organizer_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/documents/", {"kind": "form1", "year": 2021}, format="json")
    assert response.status_code == 202
    polled = api.get(response["Location"]).json()
    assert polled["state"] == "done" and polled["output_name"].endswith("-河北省.xlsx")
    download = api.get(polled["download_url"])
    assert download.status_code == 200 and "filename*=utf-8''" in download["Content-Disposition"]


def test_api_hides_other_users_jobs(api_for, organizer_user, other_organizer_user, campaign):
    job = document_request(actor=organizer_user, kind=DocumentKind.FORM_PLAN, campaign=campaign)
    api = api_for(other_organizer_user)
    assert api.get(f"/api/v1/documents/{job.pk}/").status_code == 404
    assert api.get("/api/v1/documents/").json()["count"] == 0


def test_api_refuses_an_enterprise(api_for, enterprise_user, campaign):
    response = api_for(enterprise_user).post(
        "/api/v1/documents/", {"kind": "form3", "year": 2021}, format="json"
    )
    assert response.status_code == 403
