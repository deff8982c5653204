"""Writes of the enterprises app: intent lists (附件3), task letters, the national list."""

from .contacts import task_contact_update
from .follow_up import follow_up_task_add
from .intent_import import intent_list_import
from .letter_numbers import letter_issue
from .letters import (
    letter_request_document,
    letter_sign,
    letter_sign_check,
    letter_tasks,
    letters_sync,
)
from .moves import tasks_move_bulk
from .publishing import publishable_count, published_list_publish
from .registry import enterprise_describe
from .tasks import TaskInput, task_remove, task_save

__all__ = [
    "TaskInput",
    "enterprise_describe",
    "follow_up_task_add",
    "intent_list_import",
    "letter_issue",
    "letter_request_document",
    "letter_sign",
    "letter_sign_check",
    "letter_tasks",
    "letters_sync",
    "publishable_count",
    "published_list_publish",
    "task_contact_update",
    "task_remove",
    "task_save",
    "tasks_move_bulk",
]
