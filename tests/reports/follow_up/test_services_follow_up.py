"""跟踪服务: lifecycle moves of earlier recommendations, records, evidence, realization rates."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.errors import DomainError, InvalidMove
from reports.follow_up.selectors import realization_for
from reports.follow_up.services import earlier_measure_add, follow_up_move, follow_up_save
from reports.models import DiagnosisReport, FollowUp, Measure, MeasureEvent
from tests.reports.reporting import follow_up_pair, found, pdf_upload


@pytest.fixture
def pair(agency_user):
    return follow_up_pair(agency_user.agency)


def _measures(earlier):
    return list(Measure.objects.filter(report__task=earlier).order_by("id"))


def test_move_records_an_event_linked_to_the_follow_up(pair, agency_user):
    """Implementing a measure moves it and leaves an event tied to this follow-up."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    record = found(later, measure)
    event = MeasureEvent.objects.get(measure=measure)
    assert record.state == "implemented"
    assert (event.action, event.from_state, event.follow_up.task_id) == (
        "implement",
        "proposed",
        later.pk,
    )


def test_not_adopted_needs_a_reason_which_is_kept(pair, agency_user):
    """ "Not adopted" without a reason is refused; with one, the reason is kept."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    with pytest.raises(InvalidMove):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="not_adopt", actor=agency_user)
    follow_up_move(
        task_id=later.pk,
        measure_id=measure.pk,
        move="not_adopt",
        actor=agency_user,
        comment="企业资金不足",
    )
    record = found(later, measure)
    assert (record.state, record.state_reason) == ("not_adopted", "企业资金不足")


def test_verify_only_after_implemented(pair, agency_user, organizer_user):
    """Verification follows implementation; the organizer verifies."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    with pytest.raises(InvalidMove):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="verify", actor=organizer_user)
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="verify", actor=organizer_user)
    record = found(later, measure)
    assert record.state == "verified"


def test_organizer_cannot_implement(pair, organizer_user):
    """Lifecycle moves other than verification are the agency's."""
    earlier, later = pair
    with pytest.raises(PermissionDenied):
        follow_up_move(
            task_id=later.pk,
            measure_id=_measures(earlier)[0].pk,
            move="implement",
            actor=organizer_user,
        )


def test_measure_of_another_report_is_refused(pair, agency_user):
    """Only the earlier report's recommendations can be followed up by this task."""
    _, later = pair
    other_earlier, _ = follow_up_pair(agency_user.agency)
    with pytest.raises(InvalidMove):
        follow_up_move(
            task_id=later.pk,
            measure_id=_measures(other_earlier)[0].pk,
            move="implement",
            actor=agency_user,
        )


def test_record_keeps_amounts_and_evidence(pair, agency_user):
    """Actual investment, realized savings and an invoice (PDF) under a generated name."""
    earlier, later = pair
    record = follow_up_save(
        task_id=later.pk,
        measure_id=_measures(earlier)[1].pk,
        actor=agency_user,
        data={
            "actual_investment_wan": Decimal(22),
            "realized_tce": Decimal(25),
            "note": "电表读数",
        },
        evidence=pdf_upload("发票.pdf"),
    )
    assert (record.actual_investment_wan, record.realized_tce) == (Decimal(22), Decimal(25))
    assert (record.evidence_name, record.evidence_type) == ("发票.pdf", "pdf")
    assert record.evidence.name.startswith("evidence/2021/") and "发票" not in record.evidence.name


def test_evidence_that_is_html_is_refused(pair, agency_user):
    """Evidence is checked by content too; nothing is recorded."""
    earlier, later = pair
    with pytest.raises(DomainError):
        follow_up_save(
            task_id=later.pk,
            measure_id=_measures(earlier)[0].pk,
            actor=agency_user,
            data={},
            evidence=pdf_upload("meter.pdf", b"<html><body>x</body></html>"),
        )
    assert not FollowUp.objects.exists()


def test_other_agency_gets_404(pair, other_agency_user):
    """Another agency cannot record on this follow-up."""
    earlier, later = pair
    with pytest.raises(Http404):
        follow_up_move(
            task_id=later.pk,
            measure_id=_measures(earlier)[0].pk,
            move="implement",
            actor=other_agency_user,
        )


def test_realization_rate_by_count_and_by_expected_savings(
    pair, agency_user, organizer_user, campaign
):
    """Expected 10, 30, 60 tce; #2 implemented and #3 verified: 2/3 by count, 90/100 by
    savings; realized savings are what was measured (25 + 50 = 75 tce)."""
    earlier, later = pair
    first, second, third = _measures(earlier)
    for measure, realized in ((second, 25), (third, 50)):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
        follow_up_save(
            task_id=later.pk,
            measure_id=measure.pk,
            actor=agency_user,
            data={"realized_tce": Decimal(realized)},
        )
    follow_up_move(task_id=later.pk, measure_id=third.pk, move="verify", actor=organizer_user)
    follow_up_move(task_id=later.pk, measure_id=first.pk, move="plan", actor=agency_user)
    rows, total = realization_for(organizer_user, campaign=later.campaign)
    assert [row.task.pk for row in rows] == [later.pk]
    assert (total.proposed, total.realized) == (3, 2)
    assert round(total.rate_by_count, 2) == Decimal("66.67")
    assert total.rate_by_savings == Decimal(90)
    assert total.realized_tce == Decimal(75)


def test_earlier_measures_can_be_entered_when_history_has_none(agency_user):
    """For an earlier task imported without recommendations, they are entered as history."""
    earlier, later = follow_up_pair(agency_user.agency, savings=())
    DiagnosisReport.objects.filter(task=earlier).delete()
    measure = earlier_measure_add(
        task_id=later.pk,
        actor=agency_user,
        data={"category": "management", "title": "建立能源管理体系", "savings_tce": Decimal(5)},
    )
    assert measure.report.is_historical is True
    assert measure.report.task_id == earlier.pk


def test_earlier_report_with_its_measures_cannot_be_added_to(pair, agency_user):
    """A report that came with its recommendations is not amended from a follow-up."""
    _, later = pair
    with pytest.raises(InvalidMove):
        earlier_measure_add(
            task_id=later.pk, actor=agency_user, data={"category": "technical", "title": "x"}
        )


def test_a_follow_up_report_is_complete_once_each_earlier_measure_has_its_finding(
    pair, agency_user
):
    """The findings are kept on this follow-up's records, not on the earlier measures: the
    report can be submitted when every earlier measure has one, and says how many are left."""
    from reports.diagnosis.selectors.completeness import report_gaps

    earlier, task = pair
    measures = _measures(earlier)
    assert len(measures) >= 2
    report = DiagnosisReport.objects.create(task=task, file=pdf_upload("跟踪服务.pdf"))
    assert [str(g) for g in report_gaps(task, report)] == [
        f"尚有{len(measures)}条往年节能建议未跟踪。"
    ]
    for measure in measures[:-1]:
        follow_up_move(task_id=task.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    assert [str(g) for g in report_gaps(task, report)] == ["尚有1条往年节能建议未跟踪。"]
    follow_up_move(
        task_id=task.pk, measure_id=measures[-1].pk, move="not_adopt", actor=agency_user,
        comment="企业资金不足",
    )  # fmt: skip
    assert report_gaps(task, report) == []
    assert all(m.state == "proposed" for m in _measures(earlier))  # the earlier report unchanged
