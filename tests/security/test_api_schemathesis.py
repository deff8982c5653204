"""Schemathesis against /api/schema/ as each role (ministry, organizer, agency, enterprise) and
anonymously: generated requests to every operation cause no server error and every answer
matches the schema."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories import SubmissionFactory, TaskFactory, api_token_key

# Schema violations found in other apps' API code and reported to their owners; the test fails
# when a new one appears and when one of these is fixed (then delete its line).
KNOWN: dict[str, str] = {}
pytestmark = pytest.mark.usefixtures("openapi_schema_once")
EXAMPLES = 3  # per operation: every user sends each of them
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# The loaded schema and each operation's generated cases, kept per process: the schema is made
# from the code alone (loading it costs about 0.7 s of CPU), and the generation is derandomized
# and does not depend on who sends a case (the user's headers are added when it is sent), so
# each user got the very same cases when every test drew them again. They are drawn once and
# sent by every user (the drawing was about half of the test's CPU). A parallel run keeps the
# module on one worker (tests/parallel.py): the loading and drawing (about 6 s of CPU) are paid
# once, by the first user's test, not once on each worker by whichever user it ran first.
_SCHEMA: list = []
_CASES: dict[str, list] = {}


def _operations() -> list:
    if not _SCHEMA:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
        _SCHEMA.append([result.ok() for result in schema.get_all_operations()])
    return _SCHEMA[0]


def _cases(operation) -> list:
    """The cases Hypothesis generates for `operation` (derandomized: the same on every run)."""
    if operation.label not in _CASES:
        drawn: list = []

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def draw(case):
            drawn.append(case)

        draw()
        _CASES[operation.label] = drawn
    return _CASES[operation.label]


def _run_operation(operation, headers: dict) -> str | None:
    """Send the generated cases of one operation; the first failure as text, else None."""
    for case in _cases(operation):
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:
            return f"{operation.label}: {type(exc).__name__}: {str(exc)[:600]}"
    return None


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls the WSGI handler directly, which closes the database connection at the
    end of each request (`close_old_connections`) — on PostgreSQL that would end the test's
    transaction. Django's own test client disconnects the same signals."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def data(campaign, hebei, agency, keep_test_connection):
    """Some rows in each list, so responses carry real objects to validate."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, published=True)
    SubmissionFactory(campaign=campaign, organizer=hebei, form=1)


@pytest.mark.parametrize(
    "who", ["ministry_user", "organizer_user", "agency_user", "enterprise_user", "anonymous"]
)
def test_api_conforms_to_its_schema(who, data, request):
    """No 5xx and no response outside the documented schema, for generated requests."""
    headers = {}
    if who != "anonymous":
        key = api_token_key(request.getfixturevalue(who))
        headers = {"Authorization": f"Token {key}"}
    failures = []
    for operation in _operations():
        failure = _run_operation(operation, headers)
        if failure:
            failures.append(failure)
    new = [f for f in failures if f.split(":", 1)[0] not in KNOWN]
    assert not new, "\n\n".join(new)
    fixed = set(KNOWN) - {f.split(":", 1)[0] for f in failures}
    assert not fixed, f"fixed, remove from KNOWN: {sorted(fixed)}"
