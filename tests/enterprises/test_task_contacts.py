"""An organizer keeps the contact person, phone and e-mail of its own 附件3 enterprises, in the
browser and the API: scoped (another organizer's row is a 404), refused in a closed year,
audited; the account invitation goes to the address."""

import pytest
from django.urls import reverse

from enterprises.models import DiagnosisTask
from portal.audit import AuditLog
from portal.choices import CampaignState, Role
from portal.security.contacts import contact_invitees
from tests.factories import SubmissionFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
CONTACT = {
    "contact_name": "周经理",
    "contact_phone": "0311-7654321",
    "contact_email": "zhou＠qy.cn",
}


@pytest.fixture
def task(campaign, hebei, agency):
    return TaskFactory(campaign=campaign, organizer=hebei, agency=agency)


def _url(task):
    return reverse("enterprises:task-contact", args=[task.pk])


def test_the_page_saves_the_contact_even_after_submitting(
    campaign, hebei, task, organizer_user, client_for
):
    """附件3 submitted: the row's listing is locked but its contact is not (invitations come
    later). The row comes back with the contact; the national record is untouched; audited."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, submitted=True)
    client = client_for(organizer_user)
    assert 'name="contact_email"' in client.get(_url(task), **HTMX).content.decode()
    response = client.post(_url(task), CONTACT, **HTMX)
    assert response.status_code == 200 and "zhou@qy.cn" in response.content.decode()
    task.refresh_from_db()
    assert (task.contact_name, task.contact_email) == ("周经理", "zhou@qy.cn")
    task.enterprise.refresh_from_db()
    assert task.enterprise.contact_email == ""
    assert AuditLog.objects.filter(action="task.contact", object_id=str(task.pk)).exists()
    admin = UserFactory(role=Role.ORGANIZER, organizer=hebei, tenant_admin=True)
    invitee = contact_invitees(admin, source="enterprises", ids=[task.pk])[0]
    assert (invitee.email, invitee.full_name) == ("zhou@qy.cn", "周经理")


def test_a_bad_address_is_refused_on_its_field(task, organizer_user, client_for):
    response = client_for(organizer_user).post(
        _url(task), {**CONTACT, "contact_email": "不是邮箱"}, **HTMX
    )
    assert response.status_code == 422 and "contact_email" in response.context["form"].errors
    assert DiagnosisTask.objects.get(pk=task.pk).contact_email == ""


def test_another_organizers_row_is_a_404_in_page_and_api(
    task, other_organizer_user, client_for, api_for
):
    assert client_for(other_organizer_user).post(_url(task), CONTACT).status_code == 404
    api = api_for(other_organizer_user)
    response = api.put(f"/api/v1/tasks/{task.pk}/contact/", CONTACT, format="json")
    assert response.status_code == 404
    assert DiagnosisTask.objects.get(pk=task.pk).contact_email == ""


def test_the_api_reads_and_replaces_the_contact(task, organizer_user, api_for):
    api = api_for(organizer_user)
    response = api.put(f"/api/v1/tasks/{task.pk}/contact/", CONTACT, format="json")
    assert response.status_code == 200 and response.json()["contact_email"] == "zhou@qy.cn"
    assert api.get(f"/api/v1/tasks/{task.pk}/contact/").json()["contact_name"] == "周经理"
    bad = api.put(f"/api/v1/tasks/{task.pk}/contact/", {"contact_email": "x@"}, format="json")
    assert bad.status_code == 400


def test_an_agency_cannot_change_it(task, agency_user, api_for):
    """The agency of the task sees the task but does not keep the organizer's contacts."""
    response = api_for(agency_user).put(f"/api/v1/tasks/{task.pk}/contact/", CONTACT, format="json")
    assert response.status_code == 403


def test_a_closed_year_refuses_it(campaign, task, organizer_user, client_for, api_for):
    campaign.state = CampaignState.CLOSED
    campaign.save()
    response = api_for(organizer_user).put(
        f"/api/v1/tasks/{task.pk}/contact/", CONTACT, format="json"
    )
    assert response.status_code in {400, 409}
    page = client_for(organizer_user).post(_url(task), CONTACT, **HTMX)
    assert page.status_code == 422
    assert DiagnosisTask.objects.get(pk=task.pk).contact_email == ""
