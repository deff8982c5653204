"""附件2 服务机构推荐名单: from an uploaded spreadsheet to clean rows and every row error.

Pure: no database. Matching the rows to the national agency registry (by credit code) is the
service's job.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.validators import validate_email

from portal.spreadsheets import (
    DEFAULT_LIMITS,
    Limits,
    ParseResult,
    RowCheck,
    RowError,
    SheetRow,
    Source,
    normalize_text,
    parse_count,
    parse_seq,
)
from portal.spreadsheets.forms import parse_form
from portal.validators import validate_credit_code

# The 2021 form as SPEC §6 reconstructs it, with the variants seen in practice.
AGENCY_COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("序号",),
    "name": ("机构名称", "服务机构名称", "单位名称"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "组织机构代码"),
    "nature": ("机构性质", "单位性质"),
    "location": ("所在地", "所在地区", "所在省市"),
    "specialties": ("擅长行业/诊断领域", "擅长行业", "诊断领域", "擅长行业（诊断领域）"),
    "technical_staff": ("专职技术人员数", "专职技术人员数量", "专职技术人员"),
    "track_record": ("近年节能诊断/能源审计业绩", "近年节能诊断（能源审计）业绩", "业绩"),
    "planned_enterprises": ("拟服务企业数量", "拟服务企业数"),
    "contact_name": ("联系人",),
    "contact_title": ("职务",),
    "phone": ("电话", "联系电话", "手机"),
    "email": ("邮箱", "电子邮箱", "邮件", "email", "e-mail"),
    "remarks": ("备注",),
}
OPTIONAL_COLUMNS = frozenset({"seq", "specialties", "track_record", "contact_title", "remarks"})


@dataclass(frozen=True, slots=True)
class AgencyRow:
    seq: int | str | None  # 序号 as written
    sheet_row: int
    name: str
    credit_code: str  # normalised 统一社会信用代码
    nature: str  # 机构性质: 节能服务公司, 科研院所, 检测机构, …
    location: str
    specialties: str
    technical_staff: int
    track_record: str
    planned_enterprises: int
    contact_name: str
    contact_title: str
    phone: str
    email: str
    remarks: str


def parse_agency_list(
    fileobj: Source,
    *,
    column_spec: Mapping[str, Sequence[str]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ParseResult[AgencyRow]:
    """Read an 附件2 spreadsheet; raises SpreadsheetError when the file is refused as a whole."""
    return parse_form(
        fileobj,
        default_columns=AGENCY_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        clean_row=_clean_row,
        column_spec=column_spec,
        limits=limits,
    )


def _clean_row(
    sheet_row: SheetRow, labels: dict[str, str], seen_codes: dict[Hashable, tuple[Any, int]]
) -> tuple[AgencyRow | None, list[RowError]]:
    cells = sheet_row.values
    seq = parse_seq(cells.get("seq"))
    check = RowCheck(sheet_row.number, labels, seq)
    name = check.text("name", cells["name"])
    code = check.clean("credit_code", cells["credit_code"], validate_credit_code)
    nature = check.text("nature", cells["nature"])
    location = check.text("location", cells["location"])
    specialties = check.text("specialties", cells.get("specialties"), required=False)
    staff = check.clean("technical_staff", cells["technical_staff"], parse_count)
    track_record = check.text("track_record", cells.get("track_record"), required=False)
    planned = check.clean("planned_enterprises", cells["planned_enterprises"], parse_count)
    contact_name = check.text("contact_name", cells["contact_name"])
    contact_title = check.text("contact_title", cells.get("contact_title"), required=False)
    phone = check.text("phone", cells["phone"])
    email = check.clean("email", cells["email"], _email)
    remarks = check.text("remarks", cells.get("remarks"), required=False)
    if code is not None:
        check.unique("credit_code", code, seen_codes)
    if check.errors or code is None or staff is None or planned is None or email is None:
        return None, check.errors
    row = AgencyRow(
        seq=seq,
        sheet_row=sheet_row.number,
        name=name,
        credit_code=code,
        nature=nature,
        location=location,
        specialties=specialties,
        technical_staff=staff,
        track_record=track_record,
        planned_enterprises=planned,
        contact_name=contact_name,
        contact_title=contact_title,
        phone=phone,
        email=email,
        remarks=remarks,
    )
    return row, []


def _email(value: object) -> str:
    email = normalize_text(value)  # a full-width ＠ or a trailing space is a typing slip
    validate_email(email)
    return email
