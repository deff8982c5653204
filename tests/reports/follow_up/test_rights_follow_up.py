"""Who does what on a follow-up (跟踪服务): the agency records, the enterprise reports its own
progress, only the organizer verifies (核实); other tenants get 404; a closed year is read-only.
Services, pages and the API answer the same."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from portal.campaigns import CampaignClosed
from portal.choices import CampaignState
from portal.errors import InvalidMove
from portal.models import AuditLog, Campaign
from reports.follow_up.services import follow_up_move, follow_up_progress_report, follow_up_save
from reports.models import FollowUp, Measure
from tests.factories import UserFactory
from tests.reports.reporting import follow_up_pair, found


@pytest.fixture
def pair(agency_user, enterprise_user):
    earlier, later = follow_up_pair(agency_user.agency)
    # The enterprise contact belongs to the followed-up enterprise.
    type(enterprise_user).objects.filter(pk=enterprise_user.pk).update(enterprise=later.enterprise)
    enterprise_user.refresh_from_db()
    return earlier, later


def _first(earlier) -> Measure:
    return Measure.objects.filter(report__task=earlier).order_by("id").first()


def _implemented(pair, agency_user) -> Measure:
    earlier, later = pair
    measure = _first(earlier)
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    return measure


def _close(task) -> None:
    Campaign.objects.filter(pk=task.campaign_id).update(state=CampaignState.CLOSED)


def test_the_agency_cannot_verify_its_own_work(pair, agency_user):
    """Verification is the organizer's move: the agency is refused (403), the measure stays."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    with pytest.raises(PermissionDenied):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="verify", actor=agency_user)
    record = found(later, measure)
    assert record.state == "implemented"


def test_the_organizer_verifies_and_is_recorded(pair, agency_user, organizer_user):
    """The organizer verifies an implemented measure; who and when are kept, and audited."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="verify", actor=organizer_user)
    record = found(later, measure)
    assert record.state == "verified"
    assert record.verified_by == organizer_user and record.verified_at is not None
    assert AuditLog.objects.filter(action="measure.verify", actor=organizer_user).count() == 1


def test_the_organizer_sends_back_with_a_reason(pair, agency_user, organizer_user):
    """Verification refused: back to "in progress" with the organizer's reason (required)."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    with pytest.raises(InvalidMove):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="reject", actor=organizer_user)
    follow_up_move(
        task_id=later.pk,
        measure_id=measure.pk,
        move="reject",
        actor=organizer_user,
        comment="现场未见改造设备",
    )
    record = found(later, measure)
    assert (record.state, record.state_reason) == ("in_progress", "现场未见改造设备")


def test_the_organizer_does_not_record_the_agencys_findings(pair, organizer_user):
    """Implementing and recording figures stay the agency's: the organizer is refused."""
    earlier, later = pair
    with pytest.raises(PermissionDenied):
        follow_up_move(
            task_id=later.pk, measure_id=_first(earlier).pk, move="implement", actor=organizer_user
        )
    with pytest.raises(PermissionDenied):
        follow_up_save(
            task_id=later.pk, measure_id=_first(earlier).pk, actor=organizer_user, data={}
        )


def test_the_enterprise_reports_its_progress(pair, enterprise_user):
    """The enterprise says how far a measure has come; the agency's findings are untouched."""
    earlier, later = pair
    measure = _first(earlier)
    record = follow_up_progress_report(
        task_id=later.pk,
        measure_id=measure.pk,
        actor=enterprise_user,
        progress="in_progress",
        note="设备已订货",
    )
    assert (record.progress, record.progress_note) == ("in_progress", "设备已订货")
    assert record.progress_reported_by == enterprise_user and record.recorded_by is None
    record = found(later, measure)
    assert record.state == "proposed"
    assert AuditLog.objects.filter(action="follow_up.progress").count() == 1


def test_only_the_enterprise_reports_progress_and_not_another(
    pair, agency_user, other_enterprise_user
):
    """The agency cannot report for the enterprise (403); another enterprise gets 404."""
    earlier, later = pair
    kwargs = {"task_id": later.pk, "measure_id": _first(earlier).pk, "progress": "implemented"}
    with pytest.raises(PermissionDenied):
        follow_up_progress_report(**kwargs, actor=agency_user)
    with pytest.raises(Http404):
        follow_up_progress_report(**kwargs, actor=other_enterprise_user)
    assert not FollowUp.objects.exists()


def test_another_organizer_cannot_verify(pair, agency_user, other_organizer_user):
    """Another organizer's verify is a 404: the follow-up is not in its scope."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    with pytest.raises(Http404):
        follow_up_move(
            task_id=later.pk, measure_id=measure.pk, move="verify", actor=other_organizer_user
        )


def test_a_closed_year_refuses_every_write(pair, agency_user, organizer_user, enterprise_user):
    """In a closed campaign nobody records, verifies or reports progress (409, nothing kept)."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    _close(later)
    with pytest.raises(CampaignClosed):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="verify", actor=organizer_user)
    with pytest.raises(CampaignClosed):
        follow_up_progress_report(
            task_id=later.pk, measure_id=measure.pk, actor=enterprise_user, progress="implemented"
        )
    with pytest.raises(CampaignClosed):
        follow_up_save(task_id=later.pk, measure_id=measure.pk, actor=agency_user, data={})
    record = found(later, measure)
    assert record.state == "implemented"


# --- Pages ------------------------------------------------------------------------------------


def test_page_shows_the_earlier_measures_read_only_to_organizer_and_enterprise(
    client_for, pair, organizer_user, enterprise_user
):
    """Organizer and enterprise see the earlier report's measures; neither gets the agency's
    record forms; the organizer gets no move before a measure is implemented."""
    _, later = pair
    url = reverse("reports:follow-up", args=[later.pk])
    for user in (organizer_user, enterprise_user):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert [r.measure.title for r in response.context["rows"]] == [
            "早期措施1",
            "早期措施2",
            "早期措施3",
        ]
        assert "record-" not in response.content.decode()
        assert all(row.moves == [] for row in response.context["rows"])


def test_page_organizer_verifies_agency_refused(client_for, pair, agency_user, organizer_user):
    """The page offers the organizer "verify" on an implemented measure and not the agency;
    the agency's POST of it is refused (403)."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    url = reverse("reports:follow-up", args=[later.pk])
    agency_rows = client_for(agency_user).get(url).context["rows"]
    assert "verify" not in {m.name for m in agency_rows[0].moves}
    organizer_rows = client_for(organizer_user).get(url).context["rows"]
    assert {m.name for m in organizer_rows[0].moves} == {"verify", "reject"}
    move_url = reverse("reports:follow-up-move", args=[later.pk, measure.pk])
    assert client_for(agency_user).post(move_url, {"move": "verify"}).status_code == 403
    assert client_for(organizer_user).post(move_url, {"move": "verify"}).status_code == 302
    record = found(later, measure)
    assert record.state == "verified"


def test_page_enterprise_reports_progress(client_for, pair, enterprise_user):
    """The enterprise's progress form on the page stores its report."""
    earlier, later = pair
    measure = _first(earlier)
    response = client_for(enterprise_user).post(
        reverse("reports:follow-up-progress", args=[later.pk, measure.pk]),
        {"progress": "implemented", "note": "已投运"},
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(task=later, measure=measure).progress == "implemented"


def test_page_of_a_closed_year_offers_no_form(client_for, pair, agency_user, organizer_user):
    """A closed year: no moves, no record or progress form; a POST is refused (409)."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    _close(later)
    url = reverse("reports:follow-up", args=[later.pk])
    for user in (agency_user, organizer_user):
        response = client_for(user).get(url)
        rights = response.context["rights"]
        assert not (rights.record or rights.verify or rights.progress)
        assert all(row.moves == [] for row in response.context["rows"])
    move_url = reverse("reports:follow-up-move", args=[later.pk, measure.pk])
    assert client_for(organizer_user).post(move_url, {"move": "verify"}).status_code == 409


def test_page_is_404_for_other_tenants(client_for, pair, other_agency_user, other_organizer_user):
    """Another agency or organizer does not see the follow-up."""
    _, later = pair
    url = reverse("reports:follow-up", args=[later.pk])
    for user in (other_agency_user, other_organizer_user):
        assert client_for(user).get(url).status_code == 404


# --- API --------------------------------------------------------------------------------------


def test_api_rights(api_for, pair, agency_user, organizer_user, enterprise_user):
    """POST follow-ups/move/ verify: the agency 403, the organizer 200; POST
    follow-ups/progress/ by the enterprise 200, by the agency 403."""
    earlier, later = pair
    measure = _implemented(pair, agency_user)
    body = {"task": later.pk, "measure": measure.pk, "move": "verify"}
    assert api_for(agency_user).post("/api/v1/follow-ups/move/", body).status_code == 403
    response = api_for(organizer_user).post("/api/v1/follow-ups/move/", body)
    assert (response.status_code, response.json()["state"]) == (200, "verified")
    progress = {"task": later.pk, "measure": _first(earlier).pk, "progress": "implemented"}
    assert api_for(agency_user).post("/api/v1/follow-ups/progress/", progress).status_code == 403
    response = api_for(enterprise_user).post("/api/v1/follow-ups/progress/", progress)
    assert response.status_code == 200, response.content
    assert response.json()["progress"] == "implemented"
    assert response.json()["verified_by"] == organizer_user.pk


def test_api_closed_year_is_409(api_for, pair, agency_user, organizer_user):
    """The API refuses the organizer's verify in a closed year like the page."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    _close(later)
    body = {"task": later.pk, "measure": measure.pk, "move": "verify"}
    assert api_for(organizer_user).post("/api/v1/follow-ups/move/", body).status_code == 409


def test_ministry_reads_but_never_verifies(pair, agency_user):
    """The ministry sees every follow-up but verification is the organizer's."""
    _, later = pair
    measure = _implemented(pair, agency_user)
    ministry = UserFactory(username="ministry-reader", role="ministry")
    with pytest.raises(PermissionDenied):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="verify", actor=ministry)
