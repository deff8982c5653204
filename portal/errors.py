"""Domain errors; pages and the API map them to the same HTTP codes (portal.api, portal.views)."""


class DomainError(Exception):
    """A rule of the programme refused the request; the message is shown to the user."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None, items: list | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        # What the refusal is about, one entry each (e.g. the data checks' findings).
        self.items = items or []


class InvalidMove(DomainError):
    status_code = 409


class Conflict(DomainError):
    """Somebody else changed the object since the user loaded it."""

    status_code = 409
