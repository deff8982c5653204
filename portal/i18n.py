"""The portal's own language, for what is written once for everybody whatever the page language.

Generated forms and documents (附件1–4, task letters, exports, packages) and notices are in
Chinese even when the user who asked for them reads the pages in English.
"""

from django.conf import settings
from django.utils import translation


def site_language():
    """A context manager: the site language (zh-hans) active inside, the caller's after."""
    return translation.override(settings.LANGUAGE_CODE)
