"""National exports page: the ministry picks an export, a campaign and an organizer kind; a
worker renders the xlsx and the job page shows its progress and the download."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from portal.choices import DocumentKind
from portal.jobs.service import document_job_request
from portal.selectors import campaign_current, campaign_list, document_job_list_for
from portal.web import job_queued_message
from provinces.choices import OrganizerKind
from reports.dashboard.exports.catalog import EXPORTS

RECENT_JOBS = 10


class ExportForm(forms.Form):
    export = forms.ChoiceField(
        label=_("Export"),
        widget=forms.RadioSelect,
        choices=[(e.key, e.label) for e in EXPORTS.values()],
    )
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int)
    organizer_kind = forms.ChoiceField(
        label=_("Organizers"),
        required=False,
        choices=[("", _("All organizers")), *OrganizerKind.choices],
    )

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaigns = {c.year: c for c in campaigns}
        self.fields["campaign"].choices = [(year, str(year)) for year in self.campaigns]

    def job_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "campaign": self.campaigns[data["campaign"]],
            "params": {"export": data["export"], "organizer_kind": data.get("organizer_kind", "")},
        }


@login_required
def export_list(request):
    """GET: the exports and the user's recent ones; POST: queue one and go to its job page."""
    if not request.user.is_ministry:
        raise PermissionDenied
    current = campaign_current()
    form = ExportForm(
        request.POST or None,
        campaigns=campaign_list(),
        initial={"campaign": current.year if current else None, "export": "statistics"},
    )
    if request.method == "POST" and form.is_valid():
        job = document_job_request(
            actor=request.user, kind=DocumentKind.EXPORT, request=request, **form.job_arguments()
        )
        job_queued_message(request, job)
        return redirect("job-detail", pk=job.pk)
    jobs = document_job_list_for(request.user).filter(
        kind=DocumentKind.EXPORT, requested_by=request.user
    )
    return render(
        request,
        "reports/export_list.html",
        {"form": form, "exports": EXPORTS.values(), "jobs": jobs[:RECENT_JOBS]},
    )
