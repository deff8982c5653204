"""Enterprise dossier API: the page's data as JSON."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from reports.diagnosis.api.overview import plain
from reports.dossier.selectors import dossier_for


def _follow_up(f) -> dict:
    return {
        "id": f.pk,
        "task": f.task_id,
        "year": f.task.campaign.year,
        "measure": f.measure_id,
        "state": f.state,
        "actual_investment_wan": f.actual_investment_wan,
        "realized_tce": f.realized_tce,
        "realized_kwh": f.realized_kwh,
        "realized_wan": f.realized_wan,
        "verified": f.verified_at is not None,
    }


@extend_schema(responses=dict)
@api_view(["GET"])
def dossier(request, pk: int):
    """Every campaign, task, report, measure and follow-up of one enterprise the user may see."""
    d = dossier_for(request.user, pk)
    e = d.enterprise
    tasks = []
    for row in d.tasks:
        t, r = row.task, row.report
        tasks.append(
            {
                "id": t.pk,
                "year": t.campaign.year,
                "organizer": t.organizer.name,
                "agency": t.agency.name,
                "diagnosis_type": t.diagnosis_type,
                "state": t.state,
                "follows": t.previous_task_id,
                "report": None
                if r is None
                else {
                    "id": r.pk,
                    "submitted_at": r.submitted_at,
                    "accepted_at": r.accepted_at,
                    "excellent_case": r.is_excellent_case,
                    "findings": r.findings,
                    "investment_wan": r.investment_wan,
                    "savings_tce": r.savings_tce,
                },
                "measures": [
                    {
                        "id": m.measure.pk,
                        "kind": m.measure.taxonomy.code
                        if m.measure.taxonomy
                        else m.measure.category,
                        "title": m.measure.title,
                        "investment_wan": m.measure.investment_wan,
                        "savings_tce": m.measure.savings_tce,
                        "state": m.state,
                        "follow_ups": [_follow_up(f) for f in m.follow_ups],
                    }
                    for m in row.measures
                ],
                "follow_ups_recorded": [_follow_up(f) for f in row.follow_ups],
            }
        )
    return Response(
        plain(
            {
                "id": e.pk,
                "name": e.name,
                "credit_code": e.credit_code,
                "industry": e.industry_id,
                "years": d.years,
                "measures": d.measure_count,
                "implemented": d.implemented,
                "realized_tce": d.realized_tce,
                "tasks": tasks,
            }
        )
    )
