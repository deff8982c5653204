"""States in words (issue 15): a refused move names the state by its label, never its code,
and the submission trail's from/to columns are headed as states, not as dates."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from enterprises.choices import TaskState
from enterprises.workflow import MOVES as TASK_MOVES
from portal.errors import InvalidMove
from portal.workflow import check_move, state_label
from provinces.workflow import MOVES
from reports.choices import MeasureState
from reports.workflow import MEASURE_MOVES
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("move", "state", "label"),
    [
        (MOVES["submit"], "submitted", "已报送"),
        (MOVES["approve"], "approved", "已通过"),
        (TASK_MOVES["publish"], TaskState.ACCEPTED.value, str(TaskState.ACCEPTED.label)),
        (MEASURE_MOVES["verify"], MeasureState.VERIFIED.value, str(MeasureState.VERIFIED.label)),
    ],
)
def test_a_refused_move_names_the_state_in_words(move, state, label):
    with translation.override("zh-hans"), pytest.raises(InvalidMove) as refused:
        check_move(move, state=state, role=next(iter(move.roles)), comment="x")
    with translation.override("zh-hans"):
        message = str(refused.value.message)
        assert f"“{label}”" in message
        assert f"“{state}”" not in message
        assert str(state_label(move, state)) == label


def test_a_duplicate_submit_says_submitted_in_words(campaign, hebei, organizer_user, client_for):
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, submitted=True)
    client = client_for(organizer_user)
    response = client.post(
        reverse("provinces:submission-move", args=[submission.pk, "submit"]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 303
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("“已报送”" in t for t in texts), texts
    assert not any("submitted" in t for t in texts)


def test_the_trail_heads_its_state_columns_as_states(campaign, hebei, ministry_user, client_for):
    from provinces.services import submission_move

    submission = SubmissionFactory(campaign=campaign, organizer=hebei, submitted=True)
    submission_move(submission_id=submission.pk, move="approve", actor=ministry_user)
    page = client_for(ministry_user).get(
        reverse("provinces:submission-detail", args=[submission.pk]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    html = page.content.decode()
    trail = html[html.index('id="submission-history"') :]
    assert "原状态" in trail and "新状态" in trail
    assert "起始日期" not in trail and "截止日期" not in trail
    assert "已报送" in trail and "已通过" in trail
