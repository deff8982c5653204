"""A small state-machine helper: a table of named moves, guarded and recorded as events.

Each app declares its moves (`provinces/workflow.py`, `enterprises/workflow.py`); a service locks
the row, calls `apply_move`, and the move, its guard and its event row happen in one transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from .errors import InvalidMove


@dataclass(frozen=True)
class Move:
    name: str
    label: StrOrPromise
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    needs_comment: bool = False
    style: str = "primary"
    extra: dict = field(default_factory=dict)


def moves_available(moves: Iterable[Move], state: str, role: str) -> list[Move]:
    """The moves a user of `role` may make from `state` (what buttons a page shows)."""
    return [m for m in moves if state in m.sources and role in m.roles]


def state_label(move: Move, state: str) -> StrOrPromise:
    """`state` in words: the label of its choice in the move's state enum (the type of its
    target, e.g. SubmissionState), the stored code only when it names no choice."""
    target = move.target
    if isinstance(target, models.Choices):
        labels = dict(type(target).choices)
        return labels.get(state, state)
    return state


def check_move(move: Move, *, state: str, role: str, comment: str) -> None:
    if role not in move.roles:
        raise PermissionDenied(_("You may not do this."))
    if state not in move.sources:
        raise InvalidMove(
            _("“%(move)s” is not possible while the item is “%(state)s”.")
            % {"move": move.label, "state": state_label(move, state)}
        )
    if move.needs_comment and not comment.strip():
        raise InvalidMove(_("A comment is required for “%(move)s”.") % {"move": move.label})


class Stateful(Protocol):
    """A model row with a `state` field (and `updated_at`), as the moves expect."""

    state: str

    def save(self, *args: Any, **kwargs: Any) -> None: ...


def apply_move(
    obj: Stateful,
    move: Move,
    *,
    actor,
    comment: str = "",
    event_model: type[models.Model],
    event_fk: str,
    extra_fields: Iterable[str] = (),
):
    """Check `move` against the locked `obj`, set its state and write the event row.

    The caller holds the transaction and the row lock (select_for_update).
    """
    check_move(move, state=obj.state, role=actor.role, comment=comment)
    source = obj.state
    obj.state = move.target
    obj.save(update_fields=["state", "updated_at", *extra_fields])
    return event_model._default_manager.create(
        **{event_fk: obj},
        actor=actor,
        action=move.name,
        from_state=source,
        to_state=move.target,
        comment=comment.strip(),
    )
