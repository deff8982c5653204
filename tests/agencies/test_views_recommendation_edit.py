"""Every 附件2 field is the organizer's to correct (a 附件2 returned for 专职技术人员数 and 业绩
can be fixed), checked as the import checks a row; the ministry's review shows 业绩."""

import pytest
from django.urls import reverse

from agencies.models import Recommendation
from portal.audit import AuditLog
from portal.choices import CampaignState
from tests.factories import RecommendationFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
ROW = {
    "nature": "科研院所",
    "location": "唐山市",
    "specialties": "钢铁、建材",
    "technical_staff": "35",
    "track_record": "2019—2020年完成钢铁企业能源审计12家",
    "planned_enterprises": "18",
    "contact_name": "赵工",
    "contact_title": "总工程师",
    "phone": "0315-1234567",
    "email": "zhao＠example.cn",  # a full-width ＠, corrected as the import corrects it
    "remarks": "补充业绩",
}


@pytest.fixture
def row(campaign, hebei, agency):
    return RecommendationFactory(
        campaign=campaign, organizer=hebei, agency=agency, technical_staff=None, track_record=""
    )


def _edit(row):
    return reverse("agencies:recommendation-edit", args=[row.pk])


def test_a_returned_row_is_corrected_in_every_field(
    campaign, hebei, row, organizer_user, client_for
):
    """The ministry returned 附件2 for the staff and the 业绩: both (and the rest) are saved, on
    the organizer's row only; the registry's agency is untouched; the change is audited."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=2, returned=True)
    before = row.agency.technical_staff
    response = client_for(organizer_user).post(_edit(row), ROW)
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.technical_staff, row.track_record) == (35, ROW["track_record"])
    assert (row.nature, row.contact_title, row.email) == ("科研院所", "总工程师", "zhao@example.cn")
    row.agency.refresh_from_db()
    assert row.agency.technical_staff == before
    assert AuditLog.objects.filter(action="recommendation.update").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("technical_staff", "-3"), ("technical_staff", ""), ("email", "不是邮箱"), ("phone", "")],
)
def test_a_bad_value_is_refused_by_field_and_nothing_changes(
    row, organizer_user, client_for, field, value
):
    """The import's rules: required columns, counts ≥ 0, a real address; the row stays."""
    response = client_for(organizer_user).post(_edit(row), {**ROW, field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Recommendation.objects.get(pk=row.pk).track_record == ""


def test_another_organizers_row_is_a_404(campaign, shandong, row, other_organizer_user, client_for):
    """Shandong cannot open or change Hebei's row."""
    client = client_for(other_organizer_user)
    assert client.get(_edit(row)).status_code == 404
    assert client.post(_edit(row), ROW).status_code == 404
    assert Recommendation.objects.get(pk=row.pk).track_record == ""


def test_a_closed_year_or_submitted_list_refuses_the_change(
    campaign, hebei, row, organizer_user, client_for
):
    """Submitted 附件2: refused with the reason; a closed year: refused too."""
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=2, submitted=True)
    client = client_for(organizer_user)
    assert client.post(_edit(row), ROW).status_code == 400
    submission.delete()
    campaign.state = CampaignState.CLOSED
    campaign.save()
    response = client.post(_edit(row), ROW)
    assert response.status_code == 400 and response.context["refusal"]
    assert Recommendation.objects.get(pk=row.pk).track_record == ""


def test_the_review_page_shows_the_track_record(campaign, hebei, row, ministry_user, client_for):
    """The ministry reviews 附件2 with 业绩 and 擅长行业 beside the staff count."""
    row.track_record = "近三年完成能源审计20家"
    row.save()
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=2, submitted=True)
    page = client_for(ministry_user).get(
        reverse("provinces:submission-detail", args=[submission.pk])
    )
    text = page.content.decode()
    assert "近年节能诊断/能源审计业绩" in text and "近三年完成能源审计20家" in text
