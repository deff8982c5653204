"""Whose form is this file? The 填报单位 line of an imported 附件2/附件3 against the importer.

A file that names another organizer (广东 importing 江苏's 附件2) is almost always the wrong
file; the import asks before going on (the page), or refuses unless told to (command, API).
"""

import re

from portal.imports import OtherOrganizerFile
from portal.spreadsheets import normalize_text

from .models import Organizer

# "（盖章）", "(公章)" and the other words around the name on the 填报单位 line.
_SEAL_RE = re.compile(r"[(（\[【]?(盖章|公章|签章|章)[)）\]】]?")
_TRAILER_RE = re.compile(r"(填报日期|填表日期|日期|填报人|联系人|联系电话|电话).*$")
_PUNCTUATION_RE = re.compile(r"[\W_]+")
_MIN_PREFIX = 2  # "江苏" names 江苏省; one character names nothing


def _fold(text: str) -> str:
    text = _TRAILER_RE.sub("", _SEAL_RE.sub("", normalize_text(text)))
    return _PUNCTUATION_RE.sub("", text).casefold()


def organizer_named(text: str | None) -> Organizer | None:
    """The organizer that `text` (a file's 填报单位) names, or None when it names none clearly.

    By its name or official (department) name, exactly; else by the longest name the text
    starts with ("江苏省工信厅" → 江苏省); else the one organizer whose name starts with the text
    ("江苏" → 江苏省).
    """
    folded = _fold(text or "")
    if len(folded) < _MIN_PREFIX:
        return None
    keys: list[tuple[str, Organizer]] = []
    for organizer in Organizer.objects.only("pk", "code", "name", "department"):
        keys += [(_fold(n), organizer) for n in (organizer.name, organizer.department) if n]
    exact = {o for key, o in keys if key == folded}
    if len(exact) == 1:
        return exact.pop()
    prefixes = sorted(
        ((key, o) for key, o in keys if len(key) >= _MIN_PREFIX and folded.startswith(key)),
        key=lambda pair: -len(pair[0]),
    )
    if prefixes:
        return prefixes[0][1]
    started = {o for key, o in keys if key.startswith(folded)}
    return started.pop() if len(started) == 1 else None


def file_organizer_check(*, text: str | None, organizer, other_organizer_ok: bool) -> None:
    """Raise OtherOrganizerFile when the file's 填报单位 names an organizer other than
    `organizer`, unless the importer said to go on (`other_organizer_ok`)."""
    if other_organizer_ok:
        return
    named = organizer_named(text)
    if named is not None and named.pk != organizer.pk:
        raise OtherOrganizerFile(
            file_text=text or "", named=named.official_name, importer=organizer.official_name
        )
