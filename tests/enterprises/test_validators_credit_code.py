"""Credit codes as the forms hold them: GB 32100-2015 after normalisation, with the division."""

import pytest
from django.core.exceptions import ValidationError

from enterprises.validators import normalize_code, validate_credit_code

REAL_CODES = [
    "91350100M000100Y43",
    "91110108551385082Q",
    "91431381748373560G",
    "91110000600037341L",
]
# Σ value × weight over the first 17 characters is a multiple of 31, so the check character is
# charset[0]: the case where libraries that index charset[31 - remainder] overflow.
REMAINDER_ZERO_CODES = ["913705000000000250", "91350100M000100220"]


def _error(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_credit_code(value)
    return info.value


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code):
    """The four real codes from domain/README.md validate unchanged."""
    assert validate_credit_code(code) == code


@pytest.mark.parametrize("code", REMAINDER_ZERO_CODES)
def test_remainder_zero_codes_pass_with_check_character_zero(code):
    """A weighted sum that is a multiple of 31 gives the check character '0'."""
    assert validate_credit_code(code) == code


def test_remainder_zero_code_with_another_check_character_expects_zero():
    """The error for a remainder-0 code names '0' as the expected character."""
    error = _error("913705000000000251")
    assert error.code == "check"
    assert "“0”" in error.messages[0]
    assert "“1”" in error.messages[0]


def test_wrong_check_character_says_expected_and_got_at_position_18():
    """The sample's bad code 913705005PLYH6MY41 should end in H."""
    message = _error("913705005PLYH6MY41").messages[0]
    assert "18" in message
    assert "“H”" in message
    assert "“1”" in message


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_letters_outside_the_charset_are_named_with_their_position(letter):
    """I, O, S, V and Z are refused, naming the character and where it is."""
    error = _error("91350100M" + letter + "00100Y43")
    assert error.code == "character"
    assert letter in error.messages[0]
    assert "10" in error.messages[0]


def test_punctuation_is_refused_as_a_character():
    """Anything outside the 31-character set is refused, not only the five letters."""
    assert _error("91350100M000100Y4*").code == "character"


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y431"])
def test_wrong_length_states_the_length(code):
    """17 or 19 characters are refused and the message says how many there are."""
    error = _error(code)
    assert error.code == "length"
    assert str(len(code)) in error.messages[0]


def test_full_width_lower_case_and_spaces_are_normalised():
    """Full-width characters, lower case, U+3000, NBSP and zero-width spaces are cleaned first."""
    messy = "\u3000９１３５０１００ｍ０００\u00a0１００ｙ４３ \u200b"
    assert validate_credit_code(messy) == "91350100M000100Y43"


def test_normalize_code_folds_width_strips_space_and_upper_cases():
    """normalize_code is NFKC, no white space at all, upper case."""
    assert normalize_code(" ｃ３１\t\n x\u3000") == "C31X"


def test_unknown_division_in_positions_3_to_8_is_refused():
    """A correct check character does not save a code whose division is no province's."""
    error = _error("91990100000000001D")
    assert error.code == "division"
    assert "990100" in error.messages[0]


def test_national_registrar_division_is_accepted():
    """Codes issued by a national-level registrar carry 100000 in positions 3–8."""
    assert validate_credit_code("51100000000000001H") == "51100000000000001H"


def test_works_as_a_model_field_validator():
    """Django calls validators for their exception only; a valid code raises nothing."""
    from django.db import models

    field = models.CharField(max_length=18, validators=[validate_credit_code])
    field.run_validators("91110000600037341L")
    with pytest.raises(ValidationError):
        field.run_validators("91110000600037341X")
