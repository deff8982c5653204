"""A scripted campaign scenario through services, pages and API; the audit log records each
state change, import, export and download, with actor, organizer and object."""

import io
from collections import Counter

from django.urls import reverse

from agencies.services import agency_list_import
from portal.jobs.service import document_job_request
from portal.models import AuditLog, DocumentJob
from provinces import services as provinces
from provinces.models import Submission
from tests.factories import SubmissionFactory, UserFactory
from tests.fixtures.sheets import agency_row, agency_xlsx

PLAN = {
    "key_industry": 150,
    "sme": 40,
    "key_equipment": 10,
    "regional": 0,
    "follow_up": 20,
    "agencies_planned": 8,
    "contact_name": "李科长",
    "contact_phone": "0311-1234567",
}


def _form1(client_for, organizer_user, campaign, hebei):
    """Organizer fills and submits 附件1 on the page; returns the submission."""
    provinces.plan_save(
        organizer=hebei, campaign=campaign, data=PLAN, version=None, actor=organizer_user
    )
    submission = Submission.objects.get(organizer=hebei, campaign=campaign, form=1)
    client_for(organizer_user).post(
        reverse("provinces:submission-move", args=[submission.pk, "submit"])
    )
    return submission


def test_scenario_writes_one_record_per_action(
    client_for,
    api_for,
    campaign,
    hebei,
    organizer_user,
    ministry_user,
    django_capture_on_commit_callbacks,
):
    """submit, return (API), resubmit, approve (page), import, export job, download and the
    audit log's own view and export: each leaves exactly the expected records."""
    submission = _form1(client_for, organizer_user, campaign, hebei)
    api_for(ministry_user).post(
        f"/api/v1/submissions/{submission.pk}/return/", {"comment": "请补充联系人"}, format="json"
    )
    provinces.submission_submit(submission_id=submission.pk, actor=organizer_user)
    client_for(ministry_user).post(
        reverse("provinces:submission-move", args=[submission.pk, "approve"])
    )
    SubmissionFactory(organizer=hebei, campaign=campaign, form=2)
    agency_list_import(
        campaign=campaign,
        organizer=hebei,
        actor=organizer_user,
        file=io.BytesIO(agency_xlsx(agency_row(n) for n in (1, 2, 3))),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = document_job_request(
            actor=organizer_user, kind="form1", campaign=campaign, organizer=hebei
        )
    assert client_for(organizer_user).get(reverse("job-download", args=[job.pk])).status_code == 200
    officer = UserFactory(username="officer", role="ministry", duty="audit")
    client = client_for(officer)
    client.get(reverse("audit-log"))
    b"".join(client.get(reverse("audit-export")).streaming_content)

    counts = Counter(AuditLog.objects.values_list("action", flat=True))
    for action, expected in {
        "plan.save": 1,
        "submission.submit": 2,
        "submission.return": 1,
        "submission.approve": 1,
        "recommendation.import": 1,
        "document.request": 1,
        "document.download": 1,
        "audit.view": 1,
        "audit.export": 1,
    }.items():
        assert counts[action] == expected, (action, counts)


def test_records_name_actor_organizer_and_object(
    client_for, api_for, campaign, hebei, organizer_user, ministry_user
):
    """A move by the ministry is recorded under the organizer of the submission it moved."""
    submission = _form1(client_for, organizer_user, campaign, hebei)
    client_for(ministry_user).post(
        reverse("provinces:submission-move", args=[submission.pk, "approve"])
    )
    record = AuditLog.objects.get(action="submission.approve")
    assert (record.actor, record.organizer, record.object_type, record.object_id) == (
        ministry_user,
        hebei,
        "provinces.submission",
        str(submission.pk),
    )
    assert record.created_at is not None


def test_download_of_another_users_job_is_not_recorded(
    client_for,
    campaign,
    hebei,
    organizer_user,
    other_organizer_user,
    django_capture_on_commit_callbacks,
):
    """A refused download (another tenant's job) leaves no download record."""
    with django_capture_on_commit_callbacks(execute=True):
        job = document_job_request(
            actor=organizer_user, kind="form1", campaign=campaign, organizer=hebei
        )
    assert DocumentJob.objects.get(pk=job.pk).state == "done"
    response = client_for(other_organizer_user).get(reverse("job-download", args=[job.pk]))
    assert response.status_code == 404
    assert not AuditLog.objects.filter(action="document.download").exists()
