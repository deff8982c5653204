"""GET /api/v1/: the API's front door, listing every resource with its URL.

The list is read from the URL configuration (every router's list route, every app), so a
resource added anywhere appears here without being registered twice. Like every endpoint it
needs a signed-in user or a token; what each resource returns is scoped by the resource.
"""

from functools import lru_cache

from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

API_PREFIX = "api/v1/"
# Named routes that are resources without being a router's list route.
EXTRA = {"api-me": "me"}


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), pattern


@lru_cache(maxsize=1)
def api_resources() -> tuple[tuple[str, str], ...]:
    """(resource, URL name) of each list route under /api/v1/, in the order of the URLconf."""
    found: dict[str, str] = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith(API_PREFIX) or pattern.pattern.regex.groups:
            continue
        name = str(pattern.name)
        resource = route.removeprefix(API_PREFIX).strip("^$").rstrip("/")
        if name.endswith("-list") or name in EXTRA:
            found.setdefault(EXTRA.get(name, resource), name)
    return tuple(found.items())


class ApiRootView(APIView):
    """The resources of the API v1, with the OpenAPI schema and its interactive docs."""

    @extend_schema(exclude=True)
    def get(self, request, format=None):
        links = {resource: reverse(name, request=request) for resource, name in api_resources()}
        links["schema"] = reverse("api-schema", request=request)
        links["docs"] = reverse("api-docs", request=request)
        return Response(links)
