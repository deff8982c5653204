"""GB 32100-2015 credit codes: the real codes pass, every kind of mistake names its position."""

import pytest
from django.core.exceptions import ValidationError

from portal.validators import credit_check_character, validate_credit_code

REAL_CODES = ["91350100M000100Y43", "91110108551385082Q", "91431381748373560G",
              "91110000600037341L"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code):
    """The four real codes from the standard's public examples validate unchanged."""
    assert validate_credit_code(code) == code


def test_wrong_check_character_names_position_18_and_expected_value():
    """A typo in the last character is reported with the character it should be."""
    with pytest.raises(ValidationError) as info:
        validate_credit_code("91350100M000100Y44")
    message = info.value.messages[0]
    assert "18" in message and "“3”" in message and "“4”" in message


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_forbidden_letters_are_refused_with_their_position(letter):
    """I, O, S, V and Z never appear in credit codes."""
    code = "9135010" + letter + "M000100Y43"[:10]
    with pytest.raises(ValidationError) as info:
        validate_credit_code(code)
    assert info.value.code == "character"
    assert "8" in info.value.messages[0] and letter in info.value.messages[0]


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y433", ""])
def test_wrong_length_is_refused(code):
    """Anything but 18 characters is refused and the length is stated."""
    with pytest.raises(ValidationError) as info:
        validate_credit_code(code)
    assert info.value.code == "length"
    assert str(len(code)) in info.value.messages[0]


def test_full_width_lower_case_and_spaces_are_normalised():
    """Full-width characters, lower case and stray spaces (incl. U+3000) are cleaned first."""
    messy = " ９１３５０１００ｍ０００１００ｙ４３\u3000"
    assert validate_credit_code(messy) == "91350100M000100Y43"
    assert validate_credit_code("91110108551385082q") == "91110108551385082Q"


def test_remainder_zero_gives_check_character_zero():
    """When the weighted sum is a multiple of 31 the check character is '0', not an overflow."""
    body = "9111000060003734"
    for char in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if credit_check_character(body + char) == "0":
            code = body + char + "0"
            assert validate_credit_code(code) == code
            return
    pytest.fail("no 17-character body with remainder 0 found")
