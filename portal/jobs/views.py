"""My documents: the jobs a user asked for, their progress (HTMX polling) and the download."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.audit import audit_record
from portal.choices import JobState
from portal.selectors import document_job_get_for, document_job_list_for

from .service import document_job_retry
from .state import job_is_stale


@login_required
def job_list(request):
    # "My" documents: the ministry may open any job, but lists the ones it asked for.
    jobs = document_job_list_for(request.user).filter(requested_by=request.user)
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    return render(request, "portal/job_list.html", {"page_obj": page})


@login_required
def job_detail(request, pk: int):
    """The whole page, or only the progress fragment when HTMX polls."""
    job = document_job_get_for(request.user, pk)
    template = "portal/job_detail.html" + ("#progress" if request.htmx else "")
    return render(request, template, {"job": job, "stale": job_is_stale(job)})


@login_required
def job_download(request, pk: int):
    return job_file_response(request, document_job_get_for(request.user, pk))


def job_file_response(request, job) -> FileResponse:
    """The finished file of `job` (404 until then), audited: the page's and the API's download."""
    if job.state != JobState.DONE or not job.output:
        raise Http404
    audit_record(
        actor=request.user,
        action="document.download",
        obj=job,
        organizer=job.organizer,
        summary=job.output_name,
        request=request,
    )
    # FileResponse writes an RFC 6266 Content-Disposition with filename* for Chinese names.
    return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.output_name)


@login_required
@require_POST
def job_retry(request, pk: int):
    job = document_job_get_for(request.user, pk)
    document_job_retry(job_id=job.pk, actor=request.user)
    return redirect("job-detail", pk=job.pk)
