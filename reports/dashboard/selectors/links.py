"""Click-through links of the dashboard, reversed once per page rather than once per cell.

The pages they point to belong to other apps; a link whose URL is not installed is left out
(the cell still shows its state), the same rule the navigation follows.
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

_PLACEHOLDER = 987654321


def object_url_maker(name: str):
    """A function pk → URL of the named detail page, or None when the page does not exist."""
    try:
        pattern = reverse(name, args=[_PLACEHOLDER])
    except NoReverseMatch:
        return lambda pk: ""
    head, tail = pattern.split(str(_PLACEHOLDER), 1)
    return lambda pk: f"{head}{pk}{tail}"


def list_url(name: str, **params) -> str:
    """The named list page with a query string, or "" when the page does not exist."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return ""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{url}?{query}" if query else url


def submission_url_maker():
    return object_url_maker("provinces:submission-detail")
