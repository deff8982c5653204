"""The role home pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reports.home.selectors import home_context


@login_required
def home(request):
    """Each role lands on what it has to do next, with its deadlines."""
    return render(request, f"reports/home_{request.user.role}.html", home_context(request.user))
