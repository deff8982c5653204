"""Follow-up pages: moves and records through the page, evidence downloads scoped and audited."""

import pytest
from django.urls import reverse

from portal.models import AuditLog
from reports.models import Measure
from tests.reports.reporting import follow_up_pair, found, pdf_upload


@pytest.fixture
def pair(agency_user):
    return follow_up_pair(agency_user.agency)


def _first(earlier) -> Measure:
    return Measure.objects.filter(report__task=earlier).order_by("id").first()


def test_page_lists_the_earlier_recommendations_with_their_moves(client_for, agency_user, pair):
    """The agency sees each earlier recommendation with the moves open to it."""
    _earlier, later = pair
    response = client_for(agency_user).get(reverse("reports:follow-up", args=[later.pk]))
    rows = response.context["rows"]
    assert [row.measure.title for row in rows] == ["早期措施1", "早期措施2", "早期措施3"]
    assert {move.name for move in rows[0].moves} >= {"plan", "implement", "not_adopt"}


def test_move_and_record_through_the_page(client_for, agency_user, pair):
    """Implement, then record realized savings with an invoice."""
    earlier, later = pair
    measure = _first(earlier)
    client = client_for(agency_user)
    client.post(
        reverse("reports:follow-up-move", args=[later.pk, measure.pk]), {"move": "implement"}
    )
    response = client.post(
        reverse("reports:follow-up-record", args=[later.pk, measure.pk]),
        {"realized_tce": "8.5", "evidence": pdf_upload("发票.pdf")},
    )
    assert response.status_code == 302
    record = found(later, measure)
    assert (record.state, str(record.realized_tce)) == ("implemented", "8.5000")


def test_not_adopted_without_a_reason_answers_409(client_for, agency_user, pair):
    """The refused move is shown with the status of an impossible move."""
    earlier, later = pair
    response = client_for(agency_user).post(
        reverse("reports:follow-up-move", args=[later.pk, _first(earlier).pk]),
        {"move": "not_adopt", "comment": ""},
    )
    assert response.status_code == 409


def test_evidence_download_is_scoped_and_audited(
    client_for, agency_user, other_agency_user, organizer_user, pair
):
    """The follow-up's agency and organizer download the evidence; another agency gets 404."""
    from reports.follow_up.services import follow_up_save

    earlier, later = pair
    record = follow_up_save(
        task_id=later.pk,
        measure_id=_first(earlier).pk,
        actor=agency_user,
        data={},
        evidence=pdf_upload("读数.pdf"),
    )
    url = reverse("reports:evidence-download", args=[record.pk])
    assert client_for(other_agency_user).get(url).status_code == 404
    assert client_for(organizer_user).get(url).status_code == 200
    assert AuditLog.objects.filter(action="follow_up.evidence_download").count() == 1


def test_a_task_that_is_not_a_follow_up_has_no_follow_up_page(client_for, organizer_user, pair):
    """The organizer sees the earlier (2019) task, but it is not a follow-up: 404."""
    earlier, _ = pair
    client = client_for(organizer_user)
    assert client.get(reverse("reports:report-detail", args=[earlier.pk])).status_code == 200
    assert client.get(reverse("reports:follow-up", args=[earlier.pk])).status_code == 404
