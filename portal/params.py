"""Query parameters of pages and the API, parsed in one place: junk is a 400 that names the
parameter, never a 500.

    year = query_year(request)            # ?year=2021 → 2021; absent or blank → None
    task_id = query_int(request, "task", required=True)
    kind = query_choice(request, "kind", OrganizerKind.values)

`BadParameter` is a DomainError (the API's exception handler answers JSON with the parameter's
name) and a Django BadRequest (pages answer the friendly 400 page, portal.views.bad_request).
An absent or blank parameter means "not given"; a well-formed value that names nothing (a year
without a campaign) is the caller's 404.
"""

from collections.abc import Iterable

from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

MAX_ID = 2**63 - 1  # a bigint primary key
MIN_YEAR, MAX_YEAR = 2000, 2100
SHOWN_CHARS = 40  # of a bad value, in the message


class BadParameter(DomainError, BadRequest):
    """A query parameter that cannot mean anything; the message says which and why."""

    status_code = 400

    def __init__(self, name: str, message):
        super().__init__(message, field=name)
        self.parameter = name


def _raw(request, name: str) -> str | None:
    params = getattr(request, "query_params", None)
    value = (params if params is not None else request.GET).get(name)
    if value is None:
        return None
    return value.strip() or None


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def parse_int(value: object, name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """`value` (from a query string) as a whole number in [minimum, maximum]; None if blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 20:
        raise BadParameter(
            name,
            _("The parameter “%(name)s” must be a whole number, not “%(value)s”.")
            % {"name": name, "value": _shown(value)},
        )
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadParameter(
            name,
            _("The parameter “%(name)s” must be between %(minimum)s and %(maximum)s.")
            % {"name": name, "minimum": minimum, "maximum": maximum},
        )
    return number


def parse_year(value: object, name: str = "year") -> int | None:
    """A campaign year such as 2021; None if blank."""
    try:
        return parse_int(value, name, minimum=MIN_YEAR, maximum=MAX_YEAR)
    except BadParameter as exc:
        raise BadParameter(
            name,
            _("The parameter “%(name)s” must be a year such as 2021, not “%(value)s”.")
            % {"name": name, "value": _shown(value)},
        ) from exc


def query_int(
    request, name: str, *, required: bool = False, minimum: int = 1, maximum: int = MAX_ID
) -> int | None:
    """?name= as a whole number (an id, a count); None when absent unless `required`."""
    number = parse_int(_raw(request, name), name, minimum=minimum, maximum=maximum)
    if number is None and required:
        raise BadParameter(name, _("The parameter “%(name)s” is required.") % {"name": name})
    return number


def query_year(request, name: str = "year") -> int | None:
    """?year= (or another name) as a campaign year; None when absent or blank."""
    return parse_year(_raw(request, name), name)


def query_choice(request, name: str, choices: Iterable[str]) -> str | None:
    """?name= as one of `choices`; None when absent or blank."""
    value = _raw(request, name)
    allowed = [str(choice) for choice in choices]
    if value is None or value in allowed:
        return value
    raise BadParameter(
        name,
        _("The parameter “%(name)s” must be one of %(choices)s, not “%(value)s”.")
        % {"name": name, "choices": ", ".join(allowed), "value": _shown(value)},
    )
