"""An uploaded file kept while its importer answers a question about it (another organizer's
form: "import it as yours?"), so the confirmation does not ask to choose the file again.

The bytes are kept in the cache (Redis in production, shared by the web processes) under a
random token, for the user who uploaded them and the import page they were sent to, for
KEEP_SECONDS; the import that uses them for good (not a check) forgets them. Nothing is written
to disk, and another user's token (or an expired one) names nothing.
"""

import secrets

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

CACHE_PREFIX = "import-pending:"
KEEP_SECONDS = 30 * 60
FIELD = "pending"  # the form field that carries the token


def pending_keep(*, user, upload, kind: str) -> str:
    """Keep `upload` for `user`'s confirmation on the `kind` import page; returns the token."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    token = secrets.token_urlsafe(24)
    name = (upload.name or "import.xlsx").rsplit("/", 1)[-1]
    entry = {"user": user.pk, "kind": kind, "name": name, "data": data}
    cache.set(CACHE_PREFIX + token, entry, KEEP_SECONDS)
    return token


def pending_file(*, user, token: str, kind: str) -> SimpleUploadedFile | None:
    """The file kept under `token`, if it is `user`'s for the `kind` page and still kept."""
    if not token or len(token) > 64:
        return None
    kept = cache.get(CACHE_PREFIX + token)
    if not kept or kept["user"] != user.pk or kept["kind"] != kind:
        return None
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return SimpleUploadedFile(kept["name"], kept["data"], content_type=content_type)


def pending_forget(token: str) -> None:
    cache.delete(CACHE_PREFIX + token)


def upload_files(request, kind: str) -> tuple[MultiValueDict, str]:
    """The request's files, with the kept file in place of a missing upload when the POST
    carries a token of the user's (a new file chosen on the question's form wins).
    Returns (files, token used or "")."""
    token = (request.POST.get(FIELD) or "").strip()
    if request.FILES.get("file") or not token:
        return request.FILES, ""
    kept = pending_file(user=request.user, token=token, kind=kind)
    if kept is None:
        return request.FILES, ""
    files = request.FILES.copy()
    files["file"] = kept
    return files, token
