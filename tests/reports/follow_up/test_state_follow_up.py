"""A follow-up keeps its own finding about each earlier measure (implemented / in progress /
not adopted, with the organizer's 核实) on its FollowUp record, in its own campaign: the earlier
report's measure and its (closed) year are never written, and two follow-ups of the same
measure keep their own states."""

import pytest
from django.urls import reverse

from portal.choices import CampaignState
from portal.models import Campaign
from reports.follow_up.selectors import follow_up_rows, realization_for
from reports.follow_up.services import follow_up_move
from reports.models import Measure, MeasureEvent
from reports.summary.selectors import _follow_up
from tests.factories import CampaignFactory, TaskFactory
from tests.reports.reporting import follow_up_pair, found


@pytest.fixture
def pair(agency_user):
    return follow_up_pair(agency_user.agency)


def _measures(earlier):
    return list(Measure.objects.filter(report__task=earlier).order_by("id"))


def test_a_closed_earlier_year_is_never_written(pair, agency_user, organizer_user):
    """The earlier campaign is closed: implement, verify and not-adopt still work, the earlier
    measures keep their state, reason and updated_at; the finding is on the follow-up."""
    earlier, later = pair
    Campaign.objects.filter(pk=earlier.campaign_id).update(state=CampaignState.CLOSED)
    first, second, _third = _measures(earlier)
    before = {m.pk: (m.state, m.state_reason, m.updated_at) for m in _measures(earlier)}
    follow_up_move(task_id=later.pk, measure_id=first.pk, move="implement", actor=agency_user)
    follow_up_move(task_id=later.pk, measure_id=first.pk, move="verify", actor=organizer_user)
    follow_up_move(
        task_id=later.pk,
        measure_id=second.pk,
        move="not_adopt",
        actor=agency_user,
        comment="无资金",
    )
    after = {m.pk: (m.state, m.state_reason, m.updated_at) for m in _measures(earlier)}
    assert after == before
    verified, refused = found(later, first), found(later, second)
    assert (verified.state, verified.verified_by) == ("verified", organizer_user)
    assert (refused.state, refused.state_reason) == ("not_adopted", "无资金")
    assert verified.task.campaign.year == 2021  # the record lives in the follow-up's year
    events = MeasureEvent.objects.filter(follow_up=verified).order_by("id")
    assert [(e.from_state, e.to_state) for e in events] == [
        ("proposed", "implemented"),
        ("implemented", "verified"),
    ]


def test_two_follow_ups_of_one_measure_keep_their_own_state(pair, agency_user):
    """A 2022 follow-up of the same 2019 diagnosis starts from "proposed", whatever 2021 found,
    and its moves do not change the 2021 finding."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    again = TaskFactory(
        campaign=CampaignFactory(year=2022),
        enterprise=earlier.enterprise,
        agency=later.agency,
        state=later.state,
        diagnosis_type=later.diagnosis_type,
        previous_task=earlier,
    )
    rows = follow_up_rows(agency_user, again, editable=True)
    assert rows[0].state == "proposed"
    follow_up_move(task_id=again.pk, measure_id=measure.pk, move="start", actor=agency_user)
    assert (found(later, measure).state, found(again, measure).state) == (
        "implemented",
        "in_progress",
    )


def test_moving_keeps_the_findings_and_the_reason_follows_the_state(pair, agency_user):
    """Moving a follow-up does not lose what was recorded; a reason is kept only with the
    state it explains."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    kwargs = {"task_id": later.pk, "measure_id": measure.pk, "actor": agency_user}
    follow_up_move(move="not_adopt", comment="资金不足", **kwargs)
    record = found(later, measure)
    record.note, record.realized_tce = "现场核查", 5
    record.save()
    follow_up_move(move="plan", **kwargs)
    record = found(later, measure)
    assert (record.state, record.state_reason, record.note) == ("planned", "", "现场核查")


def test_realization_and_summary_count_the_follow_ups_findings(pair, agency_user):
    """Realization rates and the 附件4 follow-up figures read the follow-up's states."""
    earlier, later = pair
    first, second, _third = _measures(earlier)
    follow_up_move(task_id=later.pk, measure_id=first.pk, move="implement", actor=agency_user)
    follow_up_move(task_id=later.pk, measure_id=second.pk, move="start", actor=agency_user)
    _rows, total = realization_for(agency_user, campaign=later.campaign)
    assert (total.proposed, total.realized) == (3, 1)
    assert total.realized_expected_tce == first.savings_tce
    type(later).objects.filter(pk=later.pk).update(state="accepted")  # 附件4 counts accepted work
    result = _follow_up(later.campaign, None)
    assert (result.measures, result.implemented, result.in_progress) == (3, 1, 1)


def test_api_move_returns_the_follow_up_record(api_for, pair, agency_user):
    """POST /api/v1/follow-ups/move/ answers with the follow-up record (its id, task, state)."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    response = api_for(agency_user).post(
        "/api/v1/follow-ups/move/",
        {"task": later.pk, "measure": measure.pk, "move": "not_adopt", "comment": "停产"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    record = found(later, measure)
    assert (body["id"], body["task"], body["measure"]) == (record.pk, later.pk, measure.pk)
    assert (body["state"], body["state_reason"]) == ("not_adopted", "停产")


def test_page_shows_the_follow_ups_state(client_for, pair, agency_user):
    """The follow-up page's status column is the follow-up's finding."""
    earlier, later = pair
    measure = _measures(earlier)[0]
    follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    html = client_for(agency_user).get(reverse("reports:follow-up", args=[later.pk])).content
    text = html.decode()
    cell = text[text.index(f'data-state="{measure.pk}"') :][:400]
    assert "implemented" in cell


def test_the_migration_gives_each_record_the_state_of_its_last_move(pair, agency_user):
    """reports/0008: a record whose moves were written onto the earlier measure takes the
    state (and the reason of a "not adopted") of its own last move."""
    import importlib

    from django.apps import apps

    from reports.models import FollowUp

    migration = importlib.import_module("reports.migrations.0008_follow_up_keeps_measure_state")
    earlier, later = pair
    first, second, _third = _measures(earlier)
    for measure, moves in ((first, ["implement"]), (second, ["start", "not_adopt"])):
        record = FollowUp.objects.create(task=later, measure=measure)
        state = "proposed"
        for move in moves:
            target = {"implement": "implemented", "start": "in_progress"}.get(move, "not_adopted")
            MeasureEvent.objects.create(
                measure=measure,
                follow_up=record,
                actor=agency_user,
                action=move,
                from_state=state,
                to_state=target,
                comment="停产" if move == "not_adopt" else "",
            )
            state = target
    migration.states_from_events(apps, None)
    assert (found(later, first).state, found(later, first).state_reason) == ("implemented", "")
    assert (found(later, second).state, found(later, second).state_reason) == (
        "not_adopted",
        "停产",
    )
