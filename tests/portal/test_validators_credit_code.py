"""GB 32100-2015 credit codes: the real codes pass, every kind of mistake names its position,
positions 3–8 are a known division (one check for agencies and enterprises alike)."""

import pytest
from django.core.exceptions import ValidationError

from portal.validators import credit_check_character, normalize_code, validate_credit_code

REAL_CODES = [
    "91350100M000100Y43",
    "91110108551385082Q",
    "91431381748373560G",
    "91110000600037341L",
]


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


# Σ value × weight over the first 17 characters is a multiple of 31, so the check character is
# charset[0]: the case where libraries that index charset[31 - remainder] overflow.
REMAINDER_ZERO_CODES = ["913705000000000250", "91350100M000100220"]


def _error(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_credit_code(value)
    return info.value


def test_zero_width_and_no_break_spaces_are_removed():
    """Spreadsheets carry U+200B and NBSP inside codes; they are cleaned like spaces."""
    messy = "\u3000９１３５０１００ｍ０００\u00a0１００ｙ４３ \u200b"
    assert validate_credit_code(messy) == "91350100M000100Y43"


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


def test_punctuation_is_refused_as_a_character():
    """Anything outside the 31-character set is refused, not only the five letters."""
    assert _error("91350100M000100Y4*").code == "character"


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


def test_province_prefixes_are_those_of_the_organizers_data():
    """The prefixes the check knows are the provinces the portal ships (and 71, 81, 82)."""
    import csv
    from pathlib import Path

    from portal.validators import PROVINCE_PREFIXES

    data = Path(__file__).resolve().parents[2] / "provinces" / "data" / "organizers_provincial.csv"
    with data.open(encoding="utf-8") as fh:
        provinces = {r["code"][:2] for r in csv.DictReader(fh) if r["kind"] == "province"}
    assert provinces | {"71", "81", "82"} == PROVINCE_PREFIXES
