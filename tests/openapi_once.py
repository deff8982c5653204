"""The OpenAPI schema generated (and rendered) once per test process and input, not per request.

`/api/schema/` is made from the code alone (SERVE_PUBLIC: the same for every user, no tenant
data): generating it walks every API view and serializer (about 1.5 s of CPU) and rendering it as
YAML costs as much again. The crawlers ask for it many times — per role, and once per junk value
of each parameter the view reads — so inside `schema_generated_once()` the generator's result is
kept per input (API version, the catalogue that answers the active language's messages, public
flag, URL conf) and the renderers' output per (schema, renderer, media type). The view itself
still runs for every request, junk parameters and content negotiation included; a junk
`version` is a new input and gets its own generation, a junk `lang` is answered by the default
language's messages and gets its schema (`_answering_catalogue`).
"""

from collections.abc import Iterator
from contextlib import contextmanager

_SCHEMAS: dict[tuple, dict] = {}
_RENDERED: dict[tuple, bytes] = {}


def _answering_catalogue():
    """What answers the schema's gettext now, to key the schemas by.

    A `lang` the portal has no messages for (the crawl's junk "abc", "-1", …) is activated
    with an empty catalogue whose fallback is the default language's translation, the same
    object for each of them (django.utils.translation.trans_real): every message then comes
    from that fallback, so the schema is the one the default language gets (checked: the
    generated schemas are equal). Such languages share the default language's schema instead
    of each generating its own (about 0.9 s of CPU each); any language with messages of its
    own ("en") keeps its own key."""
    from django.utils import translation
    from django.utils.translation import trans_real

    answering = getattr(trans_real._active, "value", None)
    while (
        answering is not None
        and getattr(answering, "_fallback", None) is not None
        and isinstance(answering, trans_real.DjangoTranslation)
        and next(iter(answering._catalog.keys()), None) is None
    ):
        answering = answering._fallback
    if isinstance(answering, trans_real.DjangoTranslation):
        return ("catalogue", id(answering))
    return ("language", translation.get_language())


def _memo_generate(original):
    def get_schema(self, request=None, public=False):
        key = (
            self.api_version,
            _answering_catalogue(),
            public,
            repr(self.urlconf),
            None if self.patterns is None else id(self.patterns),
        )
        if key not in _SCHEMAS:
            _SCHEMAS[key] = original(self, request=request, public=public)
        return _SCHEMAS[key]

    return get_schema


def _memo_render(original):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not any(data is schema for schema in _SCHEMAS.values()):
            return original(self, data, accepted_media_type, renderer_context)
        key = (id(data), type(self), accepted_media_type)
        if key not in _RENDERED:
            _RENDERED[key] = original(self, data, accepted_media_type, renderer_context)
        return _RENDERED[key]

    return render


@contextmanager
def schema_generated_once() -> Iterator[None]:
    """Within this block, each distinct schema is generated and rendered once per process."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer

    patched = [
        (SchemaGenerator, "get_schema", _memo_generate),
        (OpenApiYamlRenderer, "render", _memo_render),
        (OpenApiJsonRenderer, "render", _memo_render),
    ]
    # A renderer may inherit `render` (the JSON one does): put back exactly what was there.
    originals = [(cls, name, cls.__dict__.get(name)) for cls, name, _wrap in patched]
    for cls, name, wrap in patched:
        setattr(cls, name, wrap(getattr(cls, name)))
    try:
        yield
    finally:
        for cls, name, original in originals:
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)
