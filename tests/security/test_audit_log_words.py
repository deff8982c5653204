"""The audit log page shows every action, object type and object in words (issue 15): no
`submission.approve`, no `portal.documentjob #9`, and filters whose empty choice reads 全部."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.audit import audit_record
from portal.security.audit_labels import ACTIONS
from tests.factories import DocumentJobFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return UserFactory(username="audit-officer", role="ministry", duty="audit")


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


def _page(client_for, officer, **params) -> str:
    response = client_for(officer).get(reverse("audit-log"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_actions_objects_and_types_are_in_words(
    officer, ministry_user, hebei, campaign, client_for
):
    submission = SubmissionFactory(organizer=hebei, campaign=campaign, form=3, approved=True)
    job = DocumentJobFactory(requested_by=ministry_user)
    audit_record(actor=ministry_user, action="submission.approve", obj=submission)
    audit_record(actor=ministry_user, action="document.request", obj=job, summary=job.kind)
    html = _page(client_for, officer)
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "表格已通过" in body
    assert "申请生成文件" in body
    assert "河北省" in body and "附件3" in body  # the submission by its name
    assert f"#{job.pk}" in body  # the job by its kind and number
    assert "submission.approve" not in re.sub(r'title="[^"]*"', "", body)
    assert "portal.documentjob" not in body and "provinces.submission" not in body


def test_the_filters_read_all_not_dashes(officer, client_for):
    audit_record(actor=officer, action="submission.submit")
    html = _page(client_for, officer)
    assert "---------" not in html
    select = html[html.index('name="organizer"') :]
    assert '<option value="" selected>全部</option>' in select[: select.index("</select>")]
    actions = html[html.index('name="action"') :]
    assert '<option value="submission.submit">表格已报送</option>' in actions


def test_every_action_label_is_in_chinese():
    """Each action's words are translated (the page is Chinese by default)."""
    untranslated = [
        code for code, label in ACTIONS.items() if not re.search(r"[一-鿿]", str(label))
    ]
    assert untranslated == []


def test_names_are_read_once_per_object_type(officer, ministry_user, campaign, client_for):
    """Submissions name their organizer and campaign: joined, not read one by one."""
    from tests.factories import OrganizerFactory

    def queries(n):
        for i in range(n):
            organizer = OrganizerFactory(code=f"ASSOC-{n}-{i}", name=f"协会{n}-{i}")
            sub = SubmissionFactory(organizer=organizer, campaign=campaign, form=3)
            audit_record(actor=ministry_user, action="submission.submit", obj=sub)
        with CaptureQueriesContext(connection) as ctx:
            _page(client_for, officer)
        return len(ctx)

    _page(client_for, officer)  # the session's first page reads more (sign-in checks)
    assert queries(2) == queries(5)
