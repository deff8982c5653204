"""The one error an upload check raises; pages and the API show its message on the field."""

from portal.errors import DomainError


class UploadError(DomainError):
    """The upload was refused; `code` says why in one word, the message says it to the user."""

    def __init__(self, message, *, field: str = "file", code: str = "invalid"):
        super().__init__(message, field=field)
        self.code = code


class Refused(Exception):
    """Raised by the format checks; check_upload adds which field it was."""

    def __init__(self, reason, *, code: str, key: str = ""):
        super().__init__(str(reason))
        self.reason = reason
        self.code = code
        self.key = key  # the PDF name that was found, when one was
