"""The 附件4 editor: narrative drafts with optimistic locking, figures beside them, the panel."""

import pytest
from django.urls import reverse

from portal.errors import Conflict, DomainError
from portal.models import AuditLog
from provinces.choices import SubmissionState
from provinces.models import Submission, SummaryContent
from reports.summary.services import summary_save
from tests.reports.documents_data import accepted_report

pytestmark = pytest.mark.django_db
URL = reverse("reports:summary-edit") + "?year=2021"
TEXT = {
    "work_done": "全省组织开展节能诊断。",
    "results_commentary": "",
    "good_practices": "",
    "problems": "资金不足。",
    "next_steps": "",
}


def save(user, campaign, version, **changes):
    return summary_save(
        organizer=user.organizer,
        campaign=campaign,
        data={**TEXT, **changes},
        version=version,
        actor=user,
    )


def test_first_save_creates_the_draft_and_later_saves_count_versions(organizer_user, campaign):
    """A page opened before any text sends version 0; each change adds one; audited."""
    content = save(organizer_user, campaign, 0)
    assert (content.version, content.work_done) == (1, "全省组织开展节能诊断。")
    content = save(organizer_user, campaign, 1, problems="资金和人才不足。")
    assert content.version == 2
    assert AuditLog.objects.filter(action="summary.save").count() == 2
    assert Submission.objects.get(form=4).state == SubmissionState.DRAFT


def test_saving_over_someone_elses_newer_text_is_a_conflict(organizer_user, campaign):
    """Two officials opened version 1; the second save is refused and changes nothing."""
    save(organizer_user, campaign, 0)
    save(organizer_user, campaign, 1, problems="甲的修改")
    with pytest.raises(Conflict):
        save(organizer_user, campaign, 1, problems="乙的修改")
    assert SummaryContent.objects.get().problems == "甲的修改"


def test_a_handed_in_summary_cannot_change(organizer_user, campaign):
    save(organizer_user, campaign, 0)
    Submission.objects.filter(form=4).update(state=SubmissionState.SUBMITTED)
    with pytest.raises(DomainError):
        save(organizer_user, campaign, 1, problems="改")


def test_editor_shows_the_narrative_beside_the_figures(client_for, organizer_user, campaign):
    """The page holds the five text boxes and the figures the documents will print."""
    accepted_report()
    save(organizer_user, campaign, 0)
    html = client_for(organizer_user).get(URL).content.decode()
    assert 'name="work_done"' in html and "全省组织开展节能诊断。" in html
    assert 'id="summary-figures"' in html and "共完成1家企业节能诊断" in html
    assert 'name="version" id="summary-version" value="1"' in html


def test_posting_the_form_saves_and_returns_to_the_editor(client_for, organizer_user, campaign):
    response = client_for(organizer_user).post(URL, {**TEXT, "version": 0})
    assert response.status_code == 302
    assert SummaryContent.objects.get().problems == "资金不足。"


def test_stale_post_is_refused_with_409_and_keeps_the_text(client_for, organizer_user, campaign):
    """The official's text stays in the form, with the reason, and nothing is overwritten."""
    save(organizer_user, campaign, 0)
    save(organizer_user, campaign, 1, problems="别人的修改")
    response = client_for(organizer_user).post(URL, {**TEXT, "problems": "我的修改", "version": 1})
    assert response.status_code == 409
    assert "我的修改" in response.content.decode()
    assert SummaryContent.objects.get().problems == "别人的修改"


def test_autosave_answers_with_the_new_version(client_for, organizer_user, campaign):
    """htmx saves while typing; the answer carries the next version for the following save."""
    client = client_for(organizer_user)
    first = client.post(URL, {**TEXT, "version": 0}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="summary-saved"' in first and 'hx-swap-oob="true"' in first
    assert 'value="1"' in first
    second = client.post(URL, {**TEXT, "problems": "再改", "version": 1}, HTTP_HX_REQUEST="true")
    assert second.status_code == 200 and 'value="2"' in second.content.decode()
    stale = client.post(URL, {**TEXT, "problems": "旧页", "version": 1}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 422 and "danger-text" in stale.content.decode()


def test_ministry_reads_the_summary_on_the_submission_page(
    client_for, organizer_user, ministry_user, campaign
):
    """附件4's submission page shows the text, the figures and the Word/PDF buttons."""
    save(organizer_user, campaign, 0)
    submission = Submission.objects.get(form=4)
    html = (
        client_for(ministry_user)
        .get(reverse("provinces:submission-detail", args=[submission.pk]))
        .content.decode()
    )
    assert 'id="summary-panel"' in html and "资金不足。" in html
    assert 'value="form4_pdf"' in html and 'name="organizer" value="130000"' in html


def test_only_organizers_write_summaries(client_for, ministry_user, campaign):
    assert client_for(ministry_user).get(URL).status_code == 403
