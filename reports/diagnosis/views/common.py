"""What the report page shows each role, and how a refused write is shown on it.

One page per task (reports/report_detail.html): the agency edits its draft there, the
enterprise reads the submitted report and gives feedback, the organizer accepts or returns it.
A refused write re-renders the page (or, for HTMX, the data fragment) with the reason on the
form and the domain error's status code: 400 for bad input, 409 for a move not possible now.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from enterprises.choices import DiagnosisType, TaskState
from portal.campaigns import campaign_is_open
from portal.choices import Role
from portal.errors import DomainError
from portal.params import query_year
from portal.selectors import campaign_current, campaign_list
from reports.benchmarking.forms import ProductRowForm
from reports.benchmarking.selectors import entries_for_year, product_rows_of
from reports.checks.selectors import report_findings
from reports.choices import Decision
from reports.diagnosis.forms import (
    DecisionForm,
    EnergyUseForm,
    EquipmentForm,
    ExcellentCaseForm,
    FeedbackForm,
    MeasureForm,
    PhoneFeedbackForm,
    ReportFileForm,
    ReportGeneralForm,
)
from reports.diagnosis.selectors.completeness import report_gaps
from reports.diagnosis.selectors.deadline import report_deadline_for
from reports.diagnosis.selectors.reference import GradingTables
from reports.diagnosis.selectors.report import (
    report_data,
    report_for,
    report_moves_for,
    task_events,
)
from reports.diagnosis.services.access import report_editable_by
from reports.diagnosis.services.feedback import OPEN_FOR_FEEDBACK

PAGE = "reports/report_detail.html"


def _forms(user, task, report, data, editable: bool) -> dict:
    forms: dict = {}
    if editable:
        initial = {
            "diagnosis_year": (report.diagnosis_year if report else None) or task.campaign.year - 1,
            "findings": report.findings if report else "",
        }
        forms.update(
            file_form=ReportFileForm(),
            general_form=ReportGeneralForm(initial=initial),
            energy_form=EnergyUseForm(),
            equipment_form=EquipmentForm(),
            measure_form=MeasureForm(equipment=data.get("equipment_rows", ())),
            product_form=ProductRowForm(entries=entries_for_year(task.campaign.year)),
        )
    if report and task.state in OPEN_FOR_FEEDBACK:
        if user.role == Role.ENTERPRISE:
            forms["feedback_form"] = FeedbackForm(initial=_feedback_initial(report))
        elif user.role == Role.ORGANIZER and not _given_by_enterprise(report):
            forms["feedback_form"] = PhoneFeedbackForm()
    if user.role == Role.ORGANIZER and task.state == TaskState.REPORTED:
        forms["decision_form"] = DecisionForm()
    if user.role == Role.ORGANIZER and task.state == TaskState.ACCEPTED and report:
        forms["excellent_form"] = ExcellentCaseForm(initial={"note": report.excellent_note})
    return forms


def _given_by_enterprise(report) -> bool:
    feedback = getattr(report, "feedback", None)
    return feedback is not None and not feedback.on_behalf


def _feedback_initial(report) -> dict:
    feedback = getattr(report, "feedback", None)
    if feedback is None:
        return {"confirmed": True}
    return {
        "confirmed": feedback.confirmed,
        "rating": feedback.rating,
        "comments": feedback.comments,
    }


def detail_context(request, task, **bound_forms) -> dict:
    """The whole page's context; `bound_forms` replace the blank forms (with their errors)."""
    user = request.user
    report = report_for(user, task)
    editable = report_editable_by(user, task)
    data = report_data(report) if report else {}
    context = {
        "task": task,
        "report": report,
        "editable": editable,
        "role": user.role,
        "report_deadline": report_deadline_for(user, task, report),
        "gaps": report_gaps(task, report) if user.role in {Role.AGENCY, Role.ORGANIZER} else [],
        "moves": report_moves_for(user, task),
        "events": task_events(task),
        "acceptances": list(report.acceptances.select_related("decided_by")) if report else [],
        "feedback": getattr(report, "feedback", None) if report else None,
        "is_follow_up": task.diagnosis_type == DiagnosisType.FOLLOW_UP,
        "tables": GradingTables(year=task.campaign.year) if editable or data else None,
        "decisions": Decision,
        "checks": report_findings(task, report, data) if report else [],
        "checks_editable": editable,
        **data,
        "product_rows": product_rows_of(report),
        # A closed year offers no form to anyone: acceptance, feedback and edits are writes.
        **(_forms(user, task, report, data, editable) if campaign_is_open(task.campaign) else {}),
    }
    context.update(bound_forms)
    return context


def render_detail(request, task, *, status: int = 200, fragment: str = "", **bound_forms):
    template = f"{PAGE}#{fragment}" if fragment else PAGE
    return render(request, template, detail_context(request, task, **bound_forms), status=status)


def refused(request, task, exc: DomainError, form_name: str, form, *, fragment: str = ""):
    """Show why a write was refused on the form that made it, with the error's status (above
    the page in a closed year, which offers no form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))
    if not campaign_is_open(task.campaign):  # a closed year shows no form: the reason on top
        return render_detail(request, task, status=exc.status_code, refusal=str(exc.message))
    if request.htmx and fragment:
        # htmx swaps 422 answers (base.html htmx-config); the status says "not stored".
        return render_detail(request, task, status=422, fragment=fragment, **{form_name: form})
    return render_detail(request, task, status=exc.status_code, **{form_name: form})


def campaign_from_request(request):
    """The campaign of ?year= (the current one by default) and all campaigns for the tabs."""
    year = query_year(request)
    campaigns = campaign_list()
    chosen = next((c for c in campaigns if c.year == year), None)
    return chosen or campaign_current(), campaigns


def report_list_columns(role: str) -> list:
    columns = [{"label": _("No."), "num": True}, _("Enterprise"), _("Diagnosis type")]
    if role != Role.AGENCY:
        columns.append(_("Agency"))
    if role != Role.ORGANIZER:
        columns.append(_("Organizer"))
    if role in (Role.MINISTRY, Role.AGENCY):
        columns.append(_("Reports due"))  # each organizer's own 附件4 date, extended or not
    return [
        *columns,
        _("State"),
        _("Submitted"),
        {"label": _("Savings (tce/yr)"), "num": True},
        {"label": _("Feedback"), "num": True},
        {"label": _("Actions"), "sr_only": True},
    ]
