"""The audit log in words: each action, object type and object as a person reads it.

Records keep their codes (`submission.approve`, `portal.documentjob`, an id) — stable for the
export and for machines; the page shows the label of the action, the model's verbose name and
the object's name, read for a whole page at once (one query per object type on the page).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.models import AuditLog

ACTIONS: dict[str, StrOrPromise] = {
    # accounts and security
    "account.activate": _("Account reactivated"),
    "account.create": _("Account created"),
    "account.deactivate": _("Account deactivated"),
    "account.duty": _("Account duty changed"),
    "account.invite": _("Account invited"),
    "account.invite_accept": _("Invitation accepted"),
    "account.invite_resend": _("Invitation sent again"),
    "account.password_reset": _("Password reset"),
    "account.password_reset_request": _("Password reset requested"),
    "account.two_factor_reset": _("Two-factor login reset"),
    "account.unlock": _("Account unlocked"),
    "auth.login_failed": _("Failed sign-in"),
    "auth.locked_out": _("Locked out after failed sign-ins"),
    "access.denied": _("Access refused"),
    "security.api_token": _("API token created"),
    "security.api_token_revoke": _("API token revoked"),
    "security.recovery_code_used": _("Recovery code used"),
    "security.recovery_codes": _("Recovery codes issued"),
    "security.two_factor_enable": _("Two-factor login enabled"),
    "notice.preferences": _("Notice preferences changed"),
    # the audit log itself
    "audit.view": _("Audit log viewed"),
    "audit.export": _("Audit log exported"),
    "audit.purge": _("Old audit records removed"),
    # campaigns
    "campaign.create": _("Campaign created"),
    "campaign.edit": _("Campaign settings changed"),
    "campaign.extend": _("Deadline extended"),
    "campaign.unextend": _("Deadline extension withdrawn"),
    "campaign.history_import": _("History imported into a campaign"),
    "campaign.open": _("Campaign reopened"),
    "campaign.close": _("Campaign closed"),
    "campaign.archive": _("Campaign archived"),
    "close": _("Campaign closed"),
    # forms (附件1–4)
    "submission.submit": _("Form submitted"),
    "submission.return": _("Form returned"),
    "submission.approve": _("Form approved"),
    "submission.reopen": _("Form reopened"),
    "plan.save": _("Work plan saved"),
    "summary.save": _("Summary saved"),
    "organizer.rename": _("Official name changed"),
    "recommendation.add": _("Agency recommended"),
    "recommendation.update": _("Recommendation changed"),
    "recommendation.remove": _("Recommendation removed"),
    "recommendation.import": _("Agency list imported"),
    "agency.register": _("Agency registered"),
    # intent list, letters, national list
    "enterprise.create": _("Enterprise registered"),
    "task.create": _("Intent entry added"),
    "task.update": _("Intent entry changed"),
    "task.remove": _("Intent entry removed"),
    "task.import": _("Intent list imported"),
    "letter.issue": _("Task letter issued"),
    "letter.sign": _("Task letter signed"),
    "letter.replace_scan": _("Signed scan replaced"),
    "letter.download": _("Task letter downloaded"),
    "list.publish": _("National list published"),
    "list.download": _("National list downloaded"),
    # reports, follow-up
    "report.upload": _("Report file uploaded"),
    "report.download": _("Report file downloaded"),
    "report.submit": _("Report submitted"),
    "report.submit_report": _("Report submitted"),
    "report.return_report": _("Report returned"),
    "report.accept": _("Report accepted"),
    "report.excellent": _("Recommended as an excellent case"),
    "report.unmark_excellent": _("Excellent-case recommendation withdrawn"),
    "case.edit": _("Case page edited"),
    "report.product_add": _("Product row added"),
    "report.product_update": _("Product row changed"),
    "report.product_remove": _("Product row removed"),
    "benchmark.upload": _("Benchmark table uploaded"),
    "report.energy_add": _("Report: energy row added"),
    "report.energy_update": _("Report: energy row changed"),
    "report.energy_remove": _("Report: energy row removed"),
    "report.equipment_add": _("Report: equipment row added"),
    "report.equipment_update": _("Report: equipment row changed"),
    "report.equipment_remove": _("Report: equipment row removed"),
    "report.measure_add": _("Report: measure added"),
    "report.measure_update": _("Report: measure changed"),
    "report.measure_remove": _("Report: measure removed"),
    "feedback.enterprise": _("Feedback given by the enterprise"),
    "feedback.phone": _("Feedback taken by phone"),
    "follow_up.record": _("Follow-up recorded"),
    "follow_up.progress": _("Progress reported by the enterprise"),
    "follow_up.earlier_measure": _("Earlier measure added to the follow-up"),
    "follow_up.evidence_download": _("Follow-up evidence downloaded"),
    "measure.plan": _("Measure: planned"),
    "measure.start": _("Measure: in progress"),
    "measure.implement": _("Measure: implemented"),
    "measure.verify": _("Measure: verified"),
    "measure.reject": _("Measure: verification failed"),
    "measure.not_adopt": _("Measure: not adopted"),
    "measure.mark_unknown": _("Measure: status unknown"),
    # documents and downloads
    "document.request": _("Document requested"),
    "document.download": _("Document downloaded"),
    "export.download": _("File downloaded"),
}

# Object types that are not models.
OBJECT_TYPES: dict[str, StrOrPromise] = {"http.request": _("Web request")}


def action_label(action: str) -> str:
    """The words of an action; an action this table does not know yet shows its code."""
    return str(ACTIONS.get(action, action))


def action_choices(actions: Iterable[str]) -> list[tuple[str, str]]:
    """(code, words) for the filter, sorted by the words."""
    return sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1])


def _model(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    if object_type in OBJECT_TYPES:
        return str(OBJECT_TYPES[object_type])
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def _name(obj: Model) -> str:
    """How a person names the object: a person by name, a letter by its parties, else str()."""
    label = obj._meta.label_lower
    if label == "portal.user":
        return f"{obj.display_name} ({obj.username})"  # type: ignore[attr-defined]
    if label == "enterprises.taskletter":
        parties = f"{obj.organizer} · {obj.agency}"  # type: ignore[attr-defined]
        return f"{obj.campaign.year} {parties}"  # type: ignore[attr-defined]
    return str(obj)


def _objects(model: type[Model], ids: set[str]) -> dict[str, str]:
    """The names of `ids`, in one query with the relations their names read."""
    queryset = model._default_manager.all()
    try:
        queryset = queryset.select_related(*_RELATED.get(model._meta.label_lower, ()))
        rows = list(queryset.filter(pk__in=[i for i in ids if i.isdigit()]))
    except (FieldError, ValueError):
        return {}
    return {str(obj.pk): _name(obj) for obj in rows}


# The relations each model's name reads, joined in the same query.
_RELATED: dict[str, tuple[str, ...]] = {
    "provinces.submission": ("organizer", "campaign"),
    "agencies.recommendation": ("organizer", "campaign", "agency"),
    "enterprises.diagnosistask": ("campaign",),
    "enterprises.taskletter": ("organizer", "campaign", "agency"),
    "enterprises.publishedlist": ("campaign",),
    "reports.diagnosisreport": ("task__campaign",),
    "reports.followup": ("task__campaign", "measure"),
    "reports.feedback": ("report__task__campaign",),
    "reports.acceptance": ("report__task__campaign",),
    "portal.apitoken": ("user",),
}


def audit_rows_in_words(records: Iterable[AuditLog]) -> list[dict]:
    """Each record with its action, object type and object in words (for one page)."""
    records = list(records)
    wanted: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.object_id:
            wanted[record.object_type].add(record.object_id)
    names: dict[str, dict[str, str]] = {}
    for object_type, ids in wanted.items():
        model = _model(object_type)
        names[object_type] = _objects(model, ids) if model is not None else {}
    return [
        {
            "record": record,
            "action": action_label(record.action),
            "object_type": object_type_label(record.object_type),
            "object": names.get(record.object_type, {}).get(record.object_id, ""),
        }
        for record in records
    ]
