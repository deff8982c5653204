"""Task letters: generate (Word/PDF through a document job), upload the signed scan, download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enterprises import services
from enterprises.forms import LetterScanForm
from enterprises.selectors import letter_get_for, letter_list_for
from portal.audit import audit_record
from portal.choices import LETTER_KINDS, Role
from portal.errors import DomainError
from portal.uploads import UploadError
from portal.web import campaign_tabs, job_queued_message, role_required
from provinces.selectors import campaign_by_year

PEOPLE = (Role.ORGANIZER, Role.AGENCY, Role.MINISTRY)


@role_required(*PEOPLE)
def letter_list(request):
    campaign = campaign_by_year(request.GET.get("year"))
    return render(
        request,
        "enterprises/letter_list.html",
        {
            "campaign": campaign,
            "letters": letter_list_for(request.user, campaign),
            "tabs": campaign_tabs(campaign, reverse("enterprises:letter-list")),
        },
    )


def _sign_refusal(letter, user) -> str:
    """Why the signer cannot upload a scan now (closed year, 附件3 locked), or ""."""
    try:
        services.letter_sign_check(letter, user)
    except (DomainError, PermissionDenied) as exc:
        return str(getattr(exc, "message", exc))
    return ""


def _detail(request, letter, *, form=None, status=200):
    tasks = (
        services.letter_tasks(letter).select_related("enterprise", "industry").order_by("seq", "id")
    )
    signer = request.user.role in services.letters.SIGNERS
    return render(
        request,
        "enterprises/letter_detail.html",
        {
            "letter": letter,
            "campaign": letter.campaign,
            "tasks": tasks,
            "form": form or LetterScanForm(),
            "may_generate": signer,
            "sign_refusal": _sign_refusal(letter, request.user) if signer else "",
        },
        status=status,
    )


@role_required(*PEOPLE)
def letter_detail(request, pk: int):
    return _detail(request, letter_get_for(request.user, pk))


@require_POST
@role_required(Role.ORGANIZER, Role.AGENCY)
def letter_generate(request, pk: int, fmt: str):
    """Queue the Word or PDF letter; htmx shows the job's progress in place."""
    letter = letter_get_for(request.user, pk)
    if fmt not in LETTER_KINDS:
        raise Http404
    try:
        job = services.letter_request_document(
            letter=letter, fmt=fmt, actor=request.user, request=request
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("enterprises:letter-detail", pk=letter.pk)
    job_queued_message(request, job)
    if request.htmx:
        return render(request, "portal/job_detail.html#progress", {"job": job})
    return redirect("job-detail", pk=job.pk)


@require_POST
@role_required(Role.ORGANIZER, Role.AGENCY)
def letter_sign(request, pk: int):
    """The signed scan: checked by content and size, stored under a generated name."""
    letter = letter_get_for(request.user, pk)
    form = LetterScanForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, letter, form=form, status=400)
    try:
        services.letter_sign(
            letter_id=letter.pk, scan=form.cleaned_data["scan"], actor=request.user, request=request
        )
    except UploadError as exc:
        form.add_error("scan", str(exc.message))
        return _detail(request, letter, form=form, status=400)
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _detail(request, letter, form=form, status=400)
    messages.success(
        request, _("The signed task letter is stored; its enterprises are now “letter signed”.")
    )
    return redirect("enterprises:letter-detail", pk=letter.pk)


@role_required(*PEOPLE)
def letter_scan(request, pk: int):
    letter = letter_get_for(request.user, pk)
    if not letter.signed_scan:
        raise Http404
    audit_record(
        actor=request.user,
        action="letter.download",
        obj=letter,
        organizer=letter.organizer,
        request=request,
        summary=letter.agency.name,
    )
    extension = letter.signed_scan.name.rsplit(".", 1)[-1]
    name = f"任务书（已签署）{letter.organizer.name}-{letter.agency.name}.{extension}"
    return FileResponse(letter.signed_scan.open("rb"), as_attachment=True, filename=name)
