"""A campaign's set-up as data: who owes which form, the 附件4 outline, the acceptance criteria
and the diagnosis types offered — with the notice's defaults (工信厅节函〔2021〕121号) and the
checks every stored value passes (`check_*` raise `CampaignDataError` with the reason).

Kept in the kernel because every app asks "does this organizer owe this form, and by when"
(`portal/obligations.py`); the form layouts are checked by rendering them (reports/campaigns).
"""

from collections.abc import Mapping
from typing import Any, NoReturn

from django.utils.translation import gettext as _

from .errors import DomainError

# What an organizer of a kind owes for each form: "required" (counted late/overdue, reminded),
# "optional" (encouraged: may submit, never overdue) or "none" (not offered to that kind).
REQUIRED, OPTIONAL, NONE = "required", "optional", "none"
DUTIES = (REQUIRED, OPTIONAL, NONE)
FORMS = ("1", "2", "3", "4")
ORGANIZER_KINDS = ("province", "planning_city", "corps", "association", "group")
REGIONAL_KINDS = ("province", "planning_city", "corps")


class CampaignDataError(DomainError):
    """A piece of campaign data that may not be stored; the message says why (HTTP 400)."""


def _regional() -> dict[str, Any]:
    # 二(一)–(四): provincial departments (and planning cities, the corps) send 附件1–4 and
    # sign task letters with the agencies.
    return {"forms": dict.fromkeys(FORMS, REQUIRED), "task_letters": True}


def _sector() -> dict[str, Any]:
    # Associations and groups name their enterprises and agencies (附件3, no task letter), are
    # encouraged to plan and to summarise; only provincial departments recommend agencies.
    return {
        "forms": {"1": OPTIONAL, "2": NONE, "3": REQUIRED, "4": OPTIONAL},
        "task_letters": False,
    }


def default_obligations() -> dict[str, Any]:
    return {kind: _regional() if kind in REGIONAL_KINDS else _sector() for kind in ORGANIZER_KINDS}


# The 附件4 outline's five sections (keys are the summary's narrative fields).
SUMMARY_SECTIONS = ("work_done", "results_commentary", "good_practices", "problems", "next_steps")


def default_summary_outline() -> list[dict[str, Any]]:
    titles = [
        "一、工作开展情况",
        "二、工作成效",
        "三、典型做法",
        "四、存在的问题",
        "五、下一步工作与建议",
    ]
    required = {"work_done", "problems", "next_steps"}
    return [
        {"key": key, "title": title, "required": key in required}
        for key, title in zip(SUMMARY_SECTIONS, titles, strict=True)
    ]


# 二(四): the four points an organizer's acceptance checks (keys are Acceptance's fields).
CRITERIA = ("quantity", "quality", "data", "feedback")


def default_acceptance_criteria() -> list[dict[str, str]]:
    labels = ["诊断数量", "完成质量", "数据填报", "企业反馈"]
    return [{"key": key, "label": label} for key, label in zip(CRITERIA, labels, strict=True)]


# 一(一)–(五): the five types of diagnosis (enterprises.choices.DiagnosisType values).
DIAGNOSIS_TYPES = ("key_industry", "sme", "key_equipment", "regional", "follow_up")


def default_diagnosis_types() -> list[str]:
    return list(DIAGNOSIS_TYPES)


def _fail(message: str) -> NoReturn:
    raise CampaignDataError(message)


def check_obligations(data: Any) -> dict[str, Any]:
    """Every organizer kind, each form's duty and whether task letters are signed."""
    if not isinstance(data, Mapping):
        _fail(_("Obligations must be an object by organizer kind."))
    unknown = sorted(set(data) - set(ORGANIZER_KINDS))
    if unknown:
        _fail(_("Unknown organizer kind: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    out: dict[str, dict[str, Any]] = {}
    for kind in ORGANIZER_KINDS:
        entry = data.get(kind)
        if not isinstance(entry, Mapping) or not isinstance(entry.get("forms"), Mapping):
            _fail(_("Obligations of %(kind)s: “forms” is missing.") % {"kind": kind})
        forms = {str(k): v for k, v in entry["forms"].items()}
        if set(forms) != set(FORMS) or any(v not in DUTIES for v in forms.values()):
            _fail(
                _("Obligations of %(kind)s: each of forms 1–4 must be one of %(duties)s.")
                % {"kind": kind, "duties": ", ".join(DUTIES)}
            )
        letters = entry.get("task_letters", False)
        if not isinstance(letters, bool):
            _fail(
                _("Obligations of %(kind)s: “task_letters” must be true or false.") % {"kind": kind}
            )
        out[kind] = {"forms": {f: forms[f] for f in FORMS}, "task_letters": letters}
    if not any(out[k]["forms"]["3"] == REQUIRED for k in ORGANIZER_KINDS):
        _fail(_("At least one kind of organizer must owe the intent list (Attachment 3)."))
    return out


def _list_of_objects(data: Any, what: str) -> list[Mapping[str, Any]]:
    if not isinstance(data, list) or not all(isinstance(item, Mapping) for item in data):
        _fail(_("%(what)s must be a list of objects.") % {"what": what})
    return data


def _text(item: Mapping[str, Any], name: str, what: str, limit: int = 200) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        _fail(
            _("%(what)s: “%(name)s” must be a text of 1–%(limit)s characters.")
            % {"what": what, "name": name, "limit": limit}
        )
    return value.strip()


def _keys_once(items: list[dict], allowed: tuple[str, ...], what: str) -> None:
    keys = [item["key"] for item in items]
    if any(key not in allowed for key in keys) or len(set(keys)) != len(keys):
        _fail(
            _("%(what)s: each key once, among %(keys)s.")
            % {"what": what, "keys": ", ".join(allowed)}
        )


def check_summary_outline(data: Any) -> list[dict[str, Any]]:
    what = _("Attachment 4 outline")
    items = [
        {
            "key": item.get("key"),
            "title": _text(item, "title", what),
            "required": bool(item.get("required", False)),
        }
        for item in _list_of_objects(data, what)
    ]
    _keys_once(items, SUMMARY_SECTIONS, what)
    if not items:
        _fail(_("%(what)s needs at least one section.") % {"what": what})
    return items


def check_acceptance_criteria(data: Any) -> list[dict[str, Any]]:
    what = _("Acceptance criteria")
    items = [
        {"key": item.get("key"), "label": _text(item, "label", what, 64)}
        for item in _list_of_objects(data, what)
    ]
    _keys_once(items, CRITERIA, what)
    if len(items) != len(CRITERIA):
        _fail(_("%(what)s: all four criteria are checked at acceptance.") % {"what": what})
    return items


def check_diagnosis_types(data: Any) -> list[str]:
    what = _("Diagnosis types")
    if not isinstance(data, list) or not data or not all(isinstance(v, str) for v in data):
        _fail(_("%(what)s: choose at least one.") % {"what": what})
    if any(v not in DIAGNOSIS_TYPES for v in data) or len(set(data)) != len(data):
        _fail(
            _("%(what)s: each once, among %(keys)s.")
            % {"what": what, "keys": ", ".join(DIAGNOSIS_TYPES)}
        )
    return [v for v in DIAGNOSIS_TYPES if v in data]
