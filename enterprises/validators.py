"""Validators for what the intent list holds: industries (GB/T 4754-2017) and the answers the
notice allows (diagnosis type, SME class); credit codes and divisions are portal.validators'. Each returns the normalised value or raises ValidationError saying what is wrong;
the validate_* functions also work as model-field and DRF validators.
"""

import csv
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enterprises.choices import TYPE_WORDS, DiagnosisType, SmeClass
from portal.spreadsheets.cells import parse_count, parse_decimal
from portal.validators import normalize_code

__all__ = [
    "Industry",
    "SmeStatus",
    "parse_count",
    "parse_decimal",
    "parse_diagnosis_type",
    "parse_sme",
    "resolve_industry",
]

DATA_DIR = Path(__file__).resolve().parent / "data"


# ------------------------------------------------------------------ industries (GB/T 4754-2017)


class Industry(NamedTuple):
    code: str  # the division: C31
    name: str  # 黑色金属冶炼和压延加工业
    key_sector: str | None  # 钢铁, 有色, 石化, 化工, 建材 for the programme's key industries


# Names from the 2002 and 2011 editions that real spreadsheets still carry.
OLDER_NAMES = {
    "黑色金属冶炼及压延加工业": "C31",
    "有色金属冶炼及压延加工业": "C32",
    "化学原料及化学制品制造业": "C26",
    "石油加工、炼焦及核燃料加工业": "C25",
    "石油加工、炼焦和核燃料加工业": "C25",
    "开采辅助活动": "B11",
}
_CODE_RE = re.compile(r"([A-Z]?)(\d{2})(\d{1,2})?")
# A code and a name in one cell, as the portal's own drop-downs show it ("C31 黑色金属冶炼和压延
# 加工业") or as files write it ("C31-…", "（C31）…", "…（C31）", "3110 炼铁"), after folding.
_CODE_FIRST_RE = re.compile(r"([A-Z]?\d{2,4})(\D.*)")
_NAME_FIRST_RE = re.compile(r"(\D.*?)([A-Z]?\d{2,4})")
# Everything but letters, digits and CJK characters: spaces (also full-width), 、，（）-:·"" …
_PUNCTUATION_RE = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """A normalised code (normalize_code) without punctuation, for matching words."""
    return _PUNCTUATION_RE.sub("", text)


@cache
def industries() -> dict[str, Industry]:
    """The divisions the programme covers (mining, manufacturing, utilities) by code."""
    with open(DATA_DIR / "industries_gb4754_2017.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {r["code"]: Industry(r["code"], r["name_zh"], r["key_sector"] or None) for r in rows}


@cache
def _industry_words() -> dict[str, Industry]:
    by_code = industries()
    words = {_fold(normalize_code(code_)): by_code[code_] for code_ in by_code}
    words |= {_fold(normalize_code(i.name)): i for i in by_code.values()}
    words |= {_fold(normalize_code(name)): by_code[code_] for name, code_ in OLDER_NAMES.items()}
    words |= {i.key_sector: i for i in by_code.values() if i.key_sector}
    return words


def resolve_industry(value: object) -> Industry:
    """An industry from a division code (C31, ｃ３１), a class code (3110, C3110), a division
    name, a key-sector word (钢铁, 有色, 石化, 化工, 建材), or a code with its name as the
    portal's drop-downs show it ("C31 黑色金属冶炼和压延加工业"), in any width and punctuation."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 3110 typed into a number cell
    return _resolve_industry(normalize_code(value))


def _word(folded: str) -> Industry | None:
    words = _industry_words()
    return words.get(folded) or words.get(folded.removesuffix("行业"))


@lru_cache(maxsize=512)
def _resolve_industry(text: str) -> Industry:
    folded = _fold(text)
    industry = _word(folded)
    if industry is not None:
        return industry
    match = _CODE_RE.fullmatch(folded)
    if match is not None:
        return _industry_by_code(text, letter=match[1], division=match[2])
    pair = _CODE_FIRST_RE.fullmatch(folded)
    if pair is not None:
        return _code_and_name(text, code=pair[1], name=pair[2])
    pair = _NAME_FIRST_RE.fullmatch(folded)
    if pair is not None:
        return _code_and_name(text, code=pair[2], name=pair[1])
    sectors = "、".join(i.key_sector for i in industries().values() if i.key_sector)
    raise ValidationError(
        _(
            "“%(value)s” is not a GB/T 4754-2017 industry: give a division code (C31), "
            "a class code (3110), the division's name, the code with the name "
            "(C31 黑色金属冶炼和压延加工业), or one of %(sectors)s."
        ),
        code="unknown",
        params={"value": text, "sectors": sectors},
    )


def _code_and_name(text: str, *, code: str, name: str) -> Industry:
    """A code with a name: the code decides, and a division's name must agree with it.

    A class or group code (3110) may carry its own name (炼铁), which the division table cannot
    check; a division name that is another division's is refused either way.
    """
    match = _CODE_RE.fullmatch(code)
    if match is None:  # pragma: no cover - _CODE_FIRST_RE and _NAME_FIRST_RE only pass codes
        raise ValueError(code)
    industry = _industry_by_code(text, letter=match[1], division=match[2])
    named = _word(name)
    if named == industry:
        return industry
    if named is not None or (match[3] is None and name not in _fold(industry.name)):
        raise ValidationError(
            _(
                "“%(value)s”: the code %(code)s is %(industry)s, but the name written does not "
                "match it; give the code and name as the list shows them."
            ),
            code="code_name_mismatch",
            params={"value": text, "code": code, "industry": f"{industry.code} {industry.name}"},
        )
    return industry


def _industry_by_code(text: str, *, letter: str, division: str) -> Industry:
    industry = next((i for i in industries().values() if i.code[1:] == division), None)
    if industry is None:
        raise ValidationError(
            _(
                "Industry %(value)s is not one of the mining, manufacturing or utilities "
                "divisions (B06–D46) the programme covers."
            ),
            code="out_of_scope",
            params={"value": text},
        )
    if letter not in ("", industry.code[0]):
        raise ValidationError(
            _("Industry %(value)s: division %(division)s belongs to section %(section)s."),
            code="section",
            params={"value": text, "division": division, "section": industry.code[0]},
        )
    return industry


# ------------------------------------------------------------------ the notice's answers

_TYPE_WORDS = {normalize_code(words): str(value) for value, words in TYPE_WORDS.items()}
_TYPE_WORDS["诊断跟踪服务"] = DiagnosisType.FOLLOW_UP.value  # the notice's own heading


def parse_diagnosis_type(value: object) -> str:
    """节能诊断类型 → its key: "重点行业" or "重点行业节能诊断" → "key_industry"."""
    text = normalize_code(value)
    key = _TYPE_WORDS.get(text) or _TYPE_WORDS.get(text.removesuffix("节能诊断"))
    if key is None:
        raise ValidationError(
            _("“%(value)s” is not a diagnosis type: use one of %(allowed)s."),
            code="unknown",
            params={"value": value, "allowed": "、".join(TYPE_WORDS.values())},
        )
    return key


class SmeStatus(NamedTuple):
    is_sme: bool
    sme_class: str | None  # "medium", "small", "micro" (SmeClass), None when not an SME


_SME_SIZES = {"中": SmeClass.MEDIUM.value, "小": SmeClass.SMALL.value, "微": SmeClass.MICRO.value}
_SME_RE = re.compile(r"(是|否)?[-—–_/、,.:;()\[\]]*(?:(中|小|微|大)型?(?:企业)?)?[)\]]*")


def parse_sme(value: object) -> SmeStatus:
    """是否中小企业 → SmeStatus: 否, 是（小型）, 是(中型), 是-微型, 中型, 小 (工信部联企业〔2011〕300号)."""
    match = _SME_RE.fullmatch(normalize_code(value))
    answer, size = (match[1], match[2]) if match else (None, None)
    if answer is None and size is None:
        raise ValidationError(
            _("“%(value)s” is not an answer to 是否中小企业: write 否, or 是（中型/小型/微型）."),
            code="invalid",
            params={"value": value},
        )
    if (answer == "否" and size in _SME_SIZES) or (answer == "是" and size == "大"):
        raise ValidationError(
            _(
                "“%(value)s” contradicts itself: only a medium, small or micro enterprise is an SME."
            ),
            code="contradiction",
            params={"value": value},
        )
    if answer == "是" and size is None:
        raise ValidationError(
            _("Say which kind of SME: 是（中型）, 是（小型） or 是（微型）."), code="class_required"
        )
    if size in _SME_SIZES:
        return SmeStatus(True, _SME_SIZES[size])
    return SmeStatus(False, None)
