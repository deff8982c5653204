"""`/api/schema/`: the OpenAPI document, made once per process, language and format.

The schema is made from the code alone (SERVE_PUBLIC: the same for every user, no tenant data),
but drf-spectacular generates it again on every request (about 1 s of CPU) and for every value
of `?lang=` and `?version=`, so an anonymous visitor could keep a web worker busy by asking for
it with a new query string each time. Here a `lang` the portal has no translation for is ignored
(the request's own language answers, as for a page), `version` is ignored (there is one API
version, in the path: /api/v1/), and the rendered document is kept per (language, format, URL
conf). A
deploy starts new processes, so a new release serves its own schema.
"""

from contextlib import nullcontext

from django.conf import settings
from django.http import HttpResponse
from django.urls import get_urlconf
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView

_KEPT: dict[tuple[str, str, str], tuple[bytes, str, str]] = {}


class SchemaView(SpectacularAPIView):
    @extend_schema(**SCHEMA_KWARGS)  # as the parent's: left out of the schema it serves
    def get(self, request, *args, **kwargs):
        asked = request.GET.get("lang")
        language = asked if asked in dict(settings.LANGUAGES) else None
        with translation.override(language) if language else nullcontext():
            urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
            key = (translation.get_language() or "", request.accepted_media_type, urlconf)
            if key not in _KEPT:
                _KEPT[key] = self._rendered(request)
        content, content_type, disposition = _KEPT[key]
        return HttpResponse(
            content, content_type=content_type, headers={"Content-Disposition": disposition}
        )

    def _rendered(self, request) -> tuple[bytes, str, str]:
        response = self._get_schema_response(request)
        renderer = request.accepted_renderer
        context = self.get_renderer_context()
        context["response"] = response
        content = renderer.render(response.data, request.accepted_media_type, context)
        content_type = request.accepted_media_type
        if renderer.charset and "charset" not in content_type:
            content_type = f"{content_type}; charset={renderer.charset}"
        return content, content_type, response["Content-Disposition"]

    def _get_version_parameter(self, request):
        return None  # one API version (/api/v1/): a ?version= makes no other document
