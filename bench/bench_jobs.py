"""The job-enqueue request against a trivial one-query view, both through gunicorn over HTTP.

`ours` is what the document button sends (reports:document-request, as htmx): an organizer
asks for its 附件3 of 2021, and the portal checks who may have it, fingerprints the request,
looks for a reusable file, records the job and its audit row, publishes the task to Redis after
the commit and answers the progress fragment. The broker is the bench server's private
redis-server (no worker reads it), so every request really publishes. A job already on its way
is reused for the same person, so each request comes from another organizer official (the
bench's own users, their earlier jobs removed first). `floor` is a signed-in POST, CSRF-checked
like ours, to a view that makes one query. Requests are one at a time; the goal is 2×.
"""

import http.client
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

from bench.harness import Measurement
from bench.load.data import national
from bench.load.measure import InterleavedMeasurement
from bench.load.server import BenchServer
from bench.load.sessions import CSRF_SECRET, cookie, session_for, sessions_for
from portal.choices import DocumentKind, Role
from portal.models import DocumentJob, User
from provinces.models import Organizer

REQUESTS, RUNS = 20, 15
USERS = REQUESTS * (RUNS + 2)
PREFIX = "bench-enqueue-"


def _officials() -> list[User]:
    """Organizer officials of Hebei for the bench, without any job of an earlier run."""
    hebei = Organizer.objects.get(code="130000")
    User.objects.bulk_create(
        [
            User(username=f"{PREFIX}{n:04d}", role=Role.ORGANIZER, organizer=hebei)
            for n in range(USERS)
        ],
        ignore_conflicts=True,
    )
    users = list(User.objects.filter(username__startswith=PREFIX).order_by("username")[:USERS])
    DocumentJob.objects.filter(requested_by__in=users).delete()
    return users


def _post(port: int, path: str, session: str, body: dict) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(body),
            headers={
                "Cookie": cookie(session),
                "X-CSRFToken": CSRF_SECRET,
                "HX-Request": "true",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _batch(port: int, path: str, sessions: Iterator[str], body: dict) -> Callable[[], None]:
    def run() -> None:
        for _ in range(REQUESTS):
            status = _post(port, path, next(sessions), body)
            assert status == 200, f"{path} answered {status}"

    return run


def measurements() -> list[Measurement]:
    data = national()
    users = _officials()
    officials = iter(sessions_for(users))
    trivial_session = session_for(data["user"])
    server = BenchServer(replay=[], session=trivial_session).start()
    request = {"kind": DocumentKind.FORM_INTENT, "year": max(data["campaigns"])}
    return [
        InterleavedMeasurement(
            name="job-enqueue request (document button, htmx) vs a one-query view",
            ours=_batch(server.port, "/reports/documents/request/", officials, request),
            floor=_batch(server.port, "/bench/trivial/", iter(lambda: trivial_session, None), {}),
            goal=2.0,
            repeat=RUNS,
            note=f"{REQUESTS} requests per run one at a time, each a new job published to Redis",
        )
    ]
