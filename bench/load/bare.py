"""Bare views: the floor a page or an API list is held to under load.

`replay` serves /bench/replay/?path=<our path>. Each gunicorn worker records our view once at
start-up (`record_all`, from the gunicorn hook): one in-process request that captures its SQL
and the context of its template (or, for the API, the JSON it answered). After that a replay
runs the SQL our view ran — raw, through a cursor, every row fetched — and renders the same
template with that context (or encodes the same data as JSON). Queries that the middleware and
the context processors make (session, user, navigation) are made by both views, so they are
not replayed: a calibration request of the replay view without SQL finds them.

`trivial` makes one query and answers a few bytes: the floor of the job-enqueue request.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.base import Template
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext, instrumented_test_render
from django.views.decorators.csrf import csrf_protect

from portal.models import User

# What a view reads: its SELECTs. Transaction control is not part of it, nor a write the
# request happens to make (the session's sliding expiry is written once a minute per session:
# recorded at the server's start, replayed it answered "no results to fetch").
READS = re.compile(r"^\s*(SELECT|WITH)\b", re.I)
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


@dataclass
class Recording:
    statements: list[str] = field(default_factory=list)
    template: str | None = None
    context: dict | None = None
    payload: Any = None


RECORDINGS: dict[str, Recording] = {}


def _shape(sql: str) -> str:
    """The statement without its values: the session query differs by its timestamp only."""
    return LITERALS.sub("?", sql)


def _replayable(queries: list[dict]) -> list[str]:
    return [q["sql"] for q in queries if READS.match(q["sql"])]


def _minus(ours: list[str], base: list[str]) -> list[str]:
    """Our statements less one of each shape the bare view makes by itself."""
    left = Counter(_shape(sql) for sql in base)
    kept = []
    for sql in ours:
        if left[_shape(sql)]:
            left[_shape(sql)] -= 1
        else:
            kept.append(sql)
    return kept


def _view_context(context) -> dict:
    """What the view passed to its template (not the context processors' or builtins)."""
    merged: dict = {}
    for layer in context.dicts[context._processors_index + 1 :]:
        merged.update(layer)
    return merged


def _capture(client: Client, path: str) -> tuple[Any, list[dict], list]:
    rendered: list = []

    def on_render(sender, template, context, **kwargs):
        # The page's own template: the first rendered with the request (a view may render a
        # fragment of its own first, e.g. the report list's deadline chip, without one).
        if not rendered and hasattr(context, "_processors_index"):
            rendered.append((template.name, _view_context(context)))

    original = Template._render
    Template._render = instrumented_test_render
    template_rendered.connect(on_render)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    finally:
        template_rendered.disconnect(on_render)
        Template._render = original
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} while being recorded")
    return response, queries.captured_queries, rendered


def replay_path(path: str) -> str:
    return "/bench/replay/?" + urlencode({"path": path})


def record(path: str, session_key: str) -> Recording:
    """Record our view at `path` as the signed-in session, then calibrate the replay."""
    client = Client()
    client.cookies["sessionid"] = session_key
    response, ours, rendered = _capture(client, path)
    recording = Recording()
    if response["Content-Type"].startswith("application/json"):
        recording.payload = json.loads(response.content)
    else:
        recording.template, recording.context = rendered[0]
    RECORDINGS[path] = recording
    _response, base, _rendered = _capture(client, replay_path(path))
    recording.statements = _minus(_replayable(ours), _replayable(base))
    return recording


def record_all(paths: list[str], session_key: str) -> None:
    for path in paths:
        record(path, session_key)


@login_required
def replay(request):
    """Our view's SQL, raw, and its template (or JSON) with the recorded context."""
    recording = RECORDINGS.get(request.GET.get("path", ""))
    if recording is None:
        raise Http404
    with connection.cursor() as cursor:
        for sql in recording.statements:
            cursor.execute(sql)
            cursor.fetchall()
    if recording.template is None:
        body = json.dumps(
            recording.payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
        )
        return HttpResponse(body, content_type="application/json")
    return render(request, recording.template, recording.context)


@csrf_protect
@login_required
def trivial(request):
    """One query, a few bytes: what any signed-in request costs at the least."""
    count = User.objects.filter(pk=request.user.pk).count()
    return HttpResponse(str(count), content_type="text/plain")
