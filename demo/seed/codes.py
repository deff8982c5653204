"""Valid, deterministic credit codes for demo rows."""

import random

from portal.validators import CREDIT_CHARSET, credit_check_character

ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_credit_code(rng: random.Random, division: str) -> str:
    """91 + the six-digit division + a nine-character organisation code + the check character."""
    body = "91" + division + "".join(rng.choice(ORG_CHARS) for _ in range(9))
    assert all(c in CREDIT_CHARSET for c in body)  # noqa: S101
    return body + credit_check_character(body)
