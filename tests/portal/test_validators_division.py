"""GB/T 2260 division codes, checked down to the province level we ship."""

import pytest
from django.core.exceptions import ValidationError

from portal.validators import validate_division_code


@pytest.mark.parametrize("code", ["110108", "350100", "370500", "650000", "440300"])
def test_codes_under_a_province_pass(code):
    """Six digits under one of the 31 province-level prefixes are accepted."""
    assert validate_division_code(code) == code


@pytest.mark.parametrize("code", ["710000", "810000", "820000"])
def test_taiwan_hong_kong_and_macao_prefixes_pass(code):
    """71, 81 and 82 are province-level prefixes although the organizer list lacks them."""
    assert validate_division_code(code) == code


def test_full_width_digits_are_normalised():
    """Full-width digits and spaces are folded before the check."""
    assert validate_division_code(" ３７０５００ ") == "370500"


@pytest.mark.parametrize("code", ["990100", "000000", "190000"])
def test_unknown_province_prefix_is_refused(code):
    """A prefix that is no province's is refused and the code is named."""
    with pytest.raises(ValidationError) as info:
        validate_division_code(code)
    assert info.value.code == "unknown"
    assert code in info.value.messages[0]


@pytest.mark.parametrize("code", ["37050", "3705001", "37050A", "XPCC"])
def test_anything_but_six_digits_is_refused(code):
    """The corps' XPCC convention and wrong lengths are not division codes."""
    with pytest.raises(ValidationError) as info:
        validate_division_code(code)
    assert info.value.code == "format"
