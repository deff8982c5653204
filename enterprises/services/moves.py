"""Moving many tasks at once (a letter signed, a list published): one event row per task."""

from django.db.models import QuerySet
from django.utils import timezone

from enterprises.models import DiagnosisTask, TaskEvent
from enterprises.workflow import MOVES
from portal.workflow import check_move


def tasks_move_bulk(tasks: QuerySet, move: str, *, actor, comment: str = "") -> int:
    """Apply `move` to every task of `tasks` (locked here), in the caller's transaction.

    Each task is checked like a single move (role, source state, comment) and gets its event;
    the state changes with one UPDATE, so a letter of 300 enterprises is a few queries.
    """
    the_move = MOVES[move]
    rows = list(tasks.select_for_update().values_list("pk", "state"))
    for _pk, state in rows:
        check_move(the_move, state=state, role=actor.role, comment=comment)
    if not rows:
        return 0
    now = timezone.now()
    changes = {"state": the_move.target, "updated_at": now}
    if move == "publish":
        changes["published_at"] = now
    DiagnosisTask.objects.filter(pk__in=[pk for pk, _state in rows]).update(**changes)
    TaskEvent.objects.bulk_create(
        [
            TaskEvent(
                task_id=pk,
                actor=actor,
                action=move,
                from_state=state,
                to_state=the_move.target,
                comment=comment.strip(),
            )
            for pk, state in rows
        ]
    )
    return len(rows)
