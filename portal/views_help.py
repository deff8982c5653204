"""The user manuals at /help/ (portal/help.py): public pages, no login, no data."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .help import INDEX, PAGES, manual_for, shots_for


def _manuals() -> list:
    return [page for slug, page in PAGES.items() if slug != INDEX]


@require_safe
def help_index(request):
    """Which manual to read; the signed-in user's own is named first."""
    user = request.user
    own = manual_for(user.role) if user.is_authenticated else None
    return render(
        request,
        PAGES[INDEX].template,
        {"help_page": PAGES[INDEX], "manuals": _manuals(), "own_manual": own},
    )


@require_safe
def help_page(request, slug: str):
    """One role's manual. Every manual is public: it describes the screens, not anyone's data."""
    page = PAGES.get(slug)
    if page is None or slug == INDEX:
        raise Http404
    return render(
        request,
        page.template,
        {"help_page": page, "manuals": _manuals(), "shots": shots_for(slug)},
    )
