"""The one "file too large" message of the portal: both sizes in MB, the file's visibly larger.

Rounding both to one decimal can print "20.0 MB; the limit is 20.0 MB" for a file a few bytes
over the limit; the file's size is rounded up with as many decimals as it takes to differ.
"""

import math

from django.utils.translation import gettext

MiB = 1024 * 1024


def mb_text(size: int) -> str:
    """`size` bytes in MB: "20", "0.5", "2.5"."""
    value = size / MiB
    if value < 1:
        return f"{value:.3g}"  # a test's tiny limit: 1000 bytes is 0.000954 MB, not 0
    return f"{value:.3f}".rstrip("0").rstrip(".")


def larger_mb_text(size: int, limit: int) -> str:
    """`size` in MB, rounded up with the fewest decimals that show it larger than `limit`."""
    for digits in (1, 2, 3, 4, 5, 6):
        shown = math.ceil(size / MiB * 10**digits) / 10**digits
        text = f"{shown:.{digits}f}"
        if float(text) > limit / MiB:
            return text
    return f"{size / MiB:.6f}"


def too_large_message(size: int, limit: int) -> str:
    """ "The file is 25.3 MB, larger than the limit of 20 MB." (translated)"""
    return gettext("The file is %(size)s MB, larger than the limit of %(limit)s MB.") % {
        "size": larger_mb_text(size, limit),
        "limit": mb_text(limit),
    }
