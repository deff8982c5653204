"""Account administrators' pages: my tenant's accounts, invitations, contacts to invite."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .errors import DomainError
from .models import Campaign
from .params import query_choice, query_year
from .security import account_admin as admin
from .security import contacts, invitations
from .security.account_forms import ContactRowsForm, InviteForm
from .selectors import campaign_current, campaign_list
from .web import paginate, refuse

MOVES = {"deactivate": False, "activate": True}
# account_status → (badge, label)
STATUS = {
    "deactivated": ("cancelled", gettext_lazy("Deactivated")),
    "invited": ("pending", gettext_lazy("Invited, link not used yet")),
    "expired": ("overdue", gettext_lazy("Invitation expired")),
    "never": ("warning", gettext_lazy("Never signed in")),
    "active": ("success", gettext_lazy("Active")),
}


def _outcome_messages(request, outcome: invitations.InviteOutcome) -> None:
    count = len(outcome.invited)
    if count:
        messages.success(
            request,
            ngettext(
                "%(n)d invitation created; the e-mail is on its way.",
                "%(n)d invitations created; the e-mails are on their way.",
                count,
            )
            % {"n": count},
        )
    if outcome.skipped:
        messages.warning(
            request,
            _("Not invited: %(rows)s") % {"rows": "；".join(outcome.skipped)},
        )


@login_required
@require_http_methods(["GET", "POST"])
def people(request):
    """The accounts of my organizer or agency (or the ministry's), pending invitations, invite."""
    admin.account_admin_check(request.user)
    form = InviteForm(request.POST or None, actor=request.user)
    if form.is_valid():
        try:
            outcome = invitations.invitations_create(
                actor=request.user, invitees=[form.invitee()], request=request
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            _outcome_messages(request, outcome)
            return redirect("people")
    never = query_choice(request, "show", ["all", "never"]) == "never"
    search = (request.GET.get("q") or "").strip()[:100]
    accounts = admin.account_list_for(request.user, never_signed_in=never, search=search)
    page = paginate(request, accounts)
    return render(
        request,
        "accounts/people.html",
        {
            "form": form,
            "page_obj": page,
            "rows": [(u, *STATUS[admin.account_status(u)]) for u in page],
            "invitations": admin.invitation_list_for(request.user)[:200],
            "never": never,
            "q": search,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def people_move(request, pk: int, move: str):
    """Deactivate or reactivate one account of my tenant (404 for anyone else's)."""
    if move not in MOVES:
        raise Http404
    try:
        user = admin.account_active_set(
            actor=request.user, user_id=pk, active=MOVES[move], request=request
        )
    except DomainError as exc:
        return refuse(request, exc, "people")
    done = (
        _("%(name)s can sign in again.") if user.is_active else _("%(name)s can no longer sign in.")
    )
    messages.success(request, done % {"name": user.display_name})
    return redirect("people")


@login_required
@require_POST
def invitation_resend(request, pk: int):
    """A new link for a pending invitation; the old link stops working."""
    try:
        invitation = invitations.invitation_resend(
            actor=request.user, invitation_id=pk, request=request
        )
    except DomainError as exc:
        return refuse(request, exc, "people")
    messages.success(
        request, _("A new link was sent to %(email)s.") % {"email": invitation.user.email}
    )
    return redirect("people")


def _campaign(request) -> Campaign:
    year = query_year(request)
    campaign = Campaign.objects.filter(year=year).first() if year else campaign_current()
    if campaign is None:
        raise Http404
    return campaign


@login_required
@require_http_methods(["GET", "POST"])
def invite_contacts(request):
    """An organizer administrator's 附件2 / 附件3 rows: choose rows, invite their contacts."""
    source = query_choice(request, "source", contacts.SOURCES) or contacts.AGENCIES
    if request.method == "POST":
        return _invite_rows(request)
    campaign = _campaign(request)
    rows = contacts.contact_rows_for(request.user, source=source, campaign=campaign)
    tabs = [
        {
            "label": label,
            "url": f"{reverse('invite-contacts')}?source={key}&year={campaign.year}",
            "active": key == source,
        }
        for key, label in (
            (contacts.AGENCIES, _("Agencies (Attachment 2)")),
            (contacts.ENTERPRISES, _("Enterprises (Attachment 3)")),
        )
    ]
    return render(
        request,
        "accounts/invite_contacts.html",
        {
            "rows": rows,
            "source": source,
            "campaign": campaign,
            "campaigns": campaign_list(),
            "tabs": tabs,
        },
    )


def _invite_rows(request):
    form = ContactRowsForm(request.POST)
    valid = form.is_valid()
    data = form.cleaned_data
    back = reverse("invite-contacts")
    if data.get("source") and data.get("year"):
        back += f"?source={data['source']}&year={data['year']}"
    if not valid:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(back)
    typed = {row: request.POST.get(f"email-{row}", "")[:150] for row in data["rows"]}
    invitees = contacts.contact_invitees(
        request.user, source=data["source"], ids=data["rows"], emails=typed
    )
    outcome = invitations.invitations_create(actor=request.user, invitees=invitees, request=request)
    _outcome_messages(request, outcome)
    return redirect(back)
