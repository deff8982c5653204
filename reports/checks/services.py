"""Writes of the data checks: the reasons of flagged figures, and the guards at submit.

A report's reasons are the agency's, written while it may edit the report; an intent list's are
the organizer's, while 附件3 is a draft or returned. Submitting saves the reasons sent with it
first, then refuses while an error remains or a warning has no reason (DomainError.items lists
each finding).
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.campaigns import campaign_require_open
from portal.choices import Role
from portal.errors import DomainError, InvalidMove
from portal.models import Campaign
from portal.scoping import get_scoped_or_404
from provinces.choices import SubmissionState
from provinces.models import Submission
from reports.checks.evaluate import DEFAULTS, Finding, Setting
from reports.checks.selectors import (
    findings_payload,
    list_findings,
    list_submission_get_for,
    report_findings,
)
from reports.choices import CheckCode
from reports.models import CheckReason, CheckRule, DiagnosisReport

REPORT_EDITABLE = frozenset({TaskState.PUBLISHED, TaskState.RETURNED})
LIST_EDITABLE = frozenset({SubmissionState.DRAFT, SubmissionState.RETURNED})
MAX_REASON = 2000


def _save(task_ids: Mapping[str, int], findings: list[Finding], reasons, actor) -> int:
    """Store the reasons of the findings named in `reasons` ({"code:target": text}); an empty
    text removes the reason. Keys of no current finding are refused."""
    by_key = {f.key: f for f in findings}
    unknown = sorted(set(reasons) - set(by_key))
    if unknown:
        raise DomainError(
            _("No data check flags %(keys)s.") % {"keys": ", ".join(unknown)}, field="reasons"
        )
    saved = 0
    for key, text in reasons.items():
        finding = by_key[key]
        text = (text or "").strip()[:MAX_REASON]
        task_id, code, target = task_ids[key], finding.code, finding.target
        if not text:
            CheckReason.objects.filter(task_id=task_id, code=code, target=target).delete()
            continue
        CheckReason.objects.update_or_create(
            task_id=task_id, code=code, target=target, defaults={"reason": text, "given_by": actor}
        )
        saved += 1
    return saved


def _require_passable(findings: list[Finding]) -> None:
    blocking = [f for f in findings if f.blocks]
    if not blocking:
        return
    errors = sum(1 for f in blocking if f.severity == "error")
    raise DomainError(
        _(
            "The data checks stop the submission: %(errors)s error(s) to correct and "
            "%(warnings)s warning(s) without a reason. %(first)s"
        )
        % {
            "errors": errors,
            "warnings": len(blocking) - errors,
            "first": f"{blocking[0].where}: {blocking[0].message}",
        },
        field="reasons",
        items=findings_payload(blocking),
    )


def _report_task(task_id: int, actor) -> DiagnosisTask:
    queryset = DiagnosisTask.objects.select_related(
        "campaign", "enterprise", "industry", "organizer"
    )
    task = get_scoped_or_404(queryset, actor, pk=task_id)
    campaign_require_open(task.campaign)
    if actor.role != Role.AGENCY:
        raise PermissionDenied(_("Only the task's agency explains its report's figures."))
    if task.state not in REPORT_EDITABLE:
        raise InvalidMove(
            _("The report of this task cannot be changed while the task is “%(state)s”.")
            % {"state": task.get_state_display()}
        )
    return task


@transaction.atomic
def report_check_reasons_save(*, task_id: int, actor, reasons: Mapping[str, str]) -> int:
    """The agency's reasons for its report's flagged figures; the number stored."""
    task = _report_task(task_id, actor)
    report = DiagnosisReport.objects.filter(task=task).first()
    findings = report_findings(task, report)
    return _save({f.key: task.pk for f in findings}, findings, reasons, actor)


def report_checks_require(task: DiagnosisTask, report: DiagnosisReport, *, reasons, actor) -> None:
    """The guard of report submit (the task is locked by the caller): store the reasons sent,
    then refuse while a finding blocks."""
    findings = report_findings(task, report)
    if reasons:
        _save({f.key: task.pk for f in findings}, findings, reasons, actor)
        findings = report_findings(task, report)
    _require_passable(findings)


def _list_task_ids(findings: list[Finding]) -> dict[str, int]:
    return {f.key: int(f.target.split(":", 1)[1]) for f in findings}


@transaction.atomic
def list_check_reasons_save(*, submission_id: int, actor, reasons: Mapping[str, str]) -> int:
    """The organizer's reasons for flagged rows of its intent list (附件3)."""
    submission = list_submission_get_for(actor, submission_id)
    campaign_require_open(submission.campaign)
    if actor.role != Role.ORGANIZER:
        raise PermissionDenied(_("Only the organizer explains its intent list's rows."))
    if submission.state not in LIST_EDITABLE:
        raise InvalidMove(
            _("The intent list cannot be changed while it is “%(state)s”.")
            % {"state": submission.get_state_display()}
        )
    findings = list_findings(submission.campaign_id, submission.organizer_id)
    return _save(_list_task_ids(findings), findings, reasons, actor)


def list_checks_require(submission: Submission) -> None:
    """The guard of 附件3 submit (registered in provinces.services.SUBMIT_GUARDS)."""
    _require_passable(list_findings(submission.campaign_id, submission.organizer_id))


@transaction.atomic
def check_rules_save(*, campaign_id: int, actor, rules: Mapping[str, Mapping], request=None) -> int:
    """The ministry's severity and bounds of each check for a campaign ({code: {severity, low,
    high}}); a check set back to its defaults loses its row. Returns the rows stored."""
    if actor.role != Role.MINISTRY:
        raise PermissionDenied(_("Only the ministry sets the data checks."))
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    stored = 0
    for code, values in rules.items():
        if code not in CheckCode.values:
            raise DomainError(_("No data check is called %(code)s.") % {"code": code})
        setting = Setting(values["severity"], values.get("low"), values.get("high"))
        if setting == DEFAULTS[code]:
            CheckRule.objects.filter(campaign=campaign, code=code).delete()
            continue
        CheckRule.objects.update_or_create(
            campaign=campaign,
            code=code,
            defaults={"severity": setting.severity, "low": setting.low, "high": setting.high},
        )
        stored += 1
    audit_record(
        actor=actor,
        action="campaign.check_rules",
        obj=campaign,
        request=request,
        summary=f"{campaign.year}: {stored} rules",
    )
    return stored
