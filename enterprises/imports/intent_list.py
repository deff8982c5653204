"""附件3 意向企业名单: from an uploaded spreadsheet to clean rows and every row error.

Pure: no database. Whether an agency is registered, or an enterprise is already on another
organizer's list, is checked by the service that saves the rows.
"""

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enterprises.choices import TYPE_WORDS, DiagnosisType
from enterprises.validators import (
    SmeStatus,
    industries,
    parse_diagnosis_type,
    parse_sme,
    resolve_industry,
)
from portal.spreadsheets import (
    DEFAULT_LIMITS,
    Limits,
    ParseResult,
    RowCheck,
    RowError,
    SheetRow,
    Source,
    clean_text,
    parse_decimal,
    parse_seq,
)
from portal.spreadsheets.forms import parse_form
from portal.validators import validate_credit_code
from provinces.blank_forms import Choices

# The 2021 form's headers (SPEC §6) and the variants seen in practice; a campaign whose form
# differs passes its own spec with the same keys.
INTENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("序号",),
    "enterprise_name": ("企业名称",),
    "city": ("所在地市", "所在市", "地市", "所在城市"),
    "county": ("所在区县", "区县", "所在县区", "所在县（市、区）"),
    "industry": ("所属行业", "行业", "所属行业代码"),
    "credit_code": (
        "组织机构代码",
        "统一社会信用代码",
        "社会信用代码",
        "组织机构代码（统一社会信用代码）",
    ),
    "energy_tce": (
        "上年度综合能源消费量（吨标准煤）",
        "上年度综合能源消费量",
        "综合能源消费量（吨标准煤）",
        "年综合能源消费量（吨标准煤）",
    ),
    "diagnosis_type": ("节能诊断类型", "诊断类型"),
    "agency_name": ("提供服务的机构", "提供服务机构", "服务机构", "节能诊断服务机构"),
    "sme": ("是否中小企业", "是否中小企业（中型/小型/微型）"),
    "remarks": ("备注",),
}
# Columns a sheet may leave out (a plain sheet has no 序号; some cities have no county).
OPTIONAL_COLUMNS = frozenset({"seq", "county", "remarks"})
_AGENCY_SEPARATORS_RE = re.compile(r"[\n、；;，]")


@dataclass(frozen=True, slots=True)
class IntentRow:
    seq: int | str | None  # 序号 as written
    sheet_row: int
    enterprise_name: str
    city: str
    county: str
    industry_code: str  # GB/T 4754-2017 division, e.g. "C31"
    credit_code: str  # normalised 统一社会信用代码
    energy_tce: Decimal  # 上年度综合能源消费量, tce
    diagnosis_type: str  # DiagnosisType value
    agency_name: str
    is_sme: bool
    sme_class: str | None  # SmeClass value
    remarks: str


SME_ANSWERS = ("否", "是（中型）", "是（小型）", "是（微型）")


def template_choices(agency_names: Sequence[str] = ()) -> dict[str, Choices]:
    """The drop-down lists of the blank 附件3, by header: what the importer reads back.

    所属行业 lists "C31 黑色金属冶炼和压延加工业" as the portal's pages show it (the code alone
    still imports); 提供服务的机构 lists the organizer's recommended agencies (a registry agency
    not on the list is allowed, with Excel's warning).
    """
    return {
        INTENT_COLUMNS["industry"][0]: Choices(
            [f"{i.code} {i.name}" for i in industries().values()], strict=False
        ),
        INTENT_COLUMNS["diagnosis_type"][0]: Choices(list(TYPE_WORDS.values())),
        INTENT_COLUMNS["sme"][0]: Choices(SME_ANSWERS),
        INTENT_COLUMNS["agency_name"][0]: Choices(list(agency_names), strict=False),
    }


def parse_intent_list(
    fileobj: Source,
    *,
    column_spec: Mapping[str, Sequence[str]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ParseResult[IntentRow]:
    """Read an 附件3 spreadsheet; raises SpreadsheetError when the file is refused as a whole."""
    return parse_form(
        fileobj,
        default_columns=INTENT_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        clean_row=_clean_row,
        column_spec=column_spec,
        limits=limits,
    )


def _clean_row(
    sheet_row: SheetRow, labels: dict[str, str], seen_codes: dict[Hashable, tuple[Any, int]]
) -> tuple[IntentRow | None, list[RowError]]:
    cells = sheet_row.values
    seq = parse_seq(cells.get("seq"))
    check = RowCheck(sheet_row.number, labels, seq)
    name = check.text("enterprise_name", cells["enterprise_name"])
    city = check.text("city", cells["city"])
    county = check.text("county", cells.get("county"), required=False)
    industry = check.clean("industry", cells["industry"], resolve_industry)
    code = check.clean("credit_code", cells["credit_code"], validate_credit_code)
    energy = check.clean("energy_tce", cells["energy_tce"], parse_decimal)
    kind = check.clean("diagnosis_type", cells["diagnosis_type"], parse_diagnosis_type)
    agency = check.clean("agency_name", cells["agency_name"], _one_agency)
    sme = check.clean("sme", cells["sme"], parse_sme)
    remarks = check.text("remarks", cells.get("remarks"), required=False)
    _check_type_rules(check, kind, sme, remarks)
    if code is not None:
        check.unique("credit_code", code, seen_codes)
    if check.errors or not (industry and code and energy is not None and kind and agency and sme):
        return None, check.errors
    row = IntentRow(
        seq=seq,
        sheet_row=sheet_row.number,
        enterprise_name=name,
        city=city,
        county=county,
        industry_code=industry.code,
        credit_code=code,
        energy_tce=energy,
        diagnosis_type=kind,
        agency_name=agency,
        is_sme=sme.is_sme,
        sme_class=sme.sme_class,
        remarks=remarks,
    )
    return row, []


def _check_type_rules(
    check: RowCheck, kind: str | None, sme: SmeStatus | None, remarks: str
) -> None:
    """The notes under the form: an SME diagnosis needs an SME, a regional one names its park."""
    if kind == DiagnosisType.SME and sme is not None and not sme.is_sme:
        check.add("sme", gettext("A 中小企业 diagnosis needs an SME: answer 是（中型/小型/微型）."))
    if kind == DiagnosisType.REGIONAL and not remarks:
        check.add(
            "remarks", gettext("A 区域集中式 diagnosis needs the industrial park's name in 备注.")
        )


def _one_agency(value: object) -> str:
    """Exactly one agency serves each enterprise (notice, note 1 under 附件3)."""
    names = [n for n in _AGENCY_SEPARATORS_RE.split(str(value)) if clean_text(n)]
    if len(names) > 1:
        raise ValidationError(
            _("Only one agency may serve an enterprise; this cell names %(count)d."),
            code="several_agencies",
            params={"count": len(names)},
        )
    return clean_text(value)
