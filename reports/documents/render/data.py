"""The plain data the Word and PDF renderers print: built by selectors, never by the renderers.

Derived figures (shares, 万吨标准煤, date text) are properties here so that the .docx and the
.pdf of the same document can never disagree.
"""

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Number = int | float | Decimal

# The notice (工信厅节函〔2021〕121号, 二(三)) requires this sentence in every task letter.
FREE_OF_CHARGE = "机构须承诺对任务书内的服务内容不收取费用"
BLANK_DATE = "　　　　年　　月　　日"

DEFAULT_SERVICE_CONTENT = (
    "按照《工业企业节能诊断服务指南》及重点行业节能诊断服务指南要求，针对企业主要工序工艺、"
    "重点用能系统、关键技术装备、能源管理体系等方面开展系统性节能诊断。",
    "全面分析企业节能潜力，提出节能改造措施建议（含投资估算、节能量和投资回收期），"
    "为每家企业形成节能诊断报告。",
    "通过工业节能诊断服务平台报送节能诊断报告及相关数据，配合甲方开展验收总结和跟踪服务。",
)


def cn_date(value: dt.date | None) -> str:
    """2021年6月15日 (a blank date line when there is no date yet)."""
    if value is None:
        return BLANK_DATE
    return f"{value.year}年{value.month}月{value.day}日"


def fixed(value: Number | None, decimals: int = 2) -> str:
    """A figure as printed: thousands separators, `decimals` places (12,000,000.00); "—" for none."""
    if value is None:
        return "—"
    return f"{float(value):,.{decimals}f}"


def whole(value: int) -> str:
    """A whole number as printed, with thousands separators (1,250)."""
    return f"{value:,}"


# "GB 17167", "GB/T 2589-2020", "DB11/T 1234", "ISO 50001": a code, spaces, then a number.
_STANDARD_CODE = r"(?<![A-Za-z])([A-Z]{1,5}\d{0,2}(?:/[A-Z]{1,2})?)"
_STANDARD_SPACE = re.compile(_STANDARD_CODE + r"[ \t\u3000]+(?=\d)")
# The whole number, for keeping it on one printed line.
STANDARD_NUMBER = re.compile(_STANDARD_CODE + r"[ \t\u3000\u00a0]+\d+(?:[.\-]\d+)*")
NO_BREAK_SPACE = "\u00a0"


def keep_standard_numbers(text: str) -> str:
    """A no-break space inside standard numbers, so "GB 17167" never splits across lines.

    Word and the PDF's left-aligned paragraphs keep a no-break space at its normal width, so a
    justified line cannot stretch the number into a wide gap either.
    """
    return _STANDARD_SPACE.sub(lambda match: match.group(1) + NO_BREAK_SPACE, text)


def paragraphs(text: str) -> list[str]:
    """Narrative typed in a browser textarea: one paragraph per non-empty line."""
    lines = (line.strip() for line in (text or "").splitlines())
    return [keep_standard_numbers(line) for line in lines if line]


@dataclass(frozen=True)
class LetterEnterprise:
    name: str
    credit_code: str
    location: str  # 所在地: province, city and county as one text
    diagnosis_type: str


@dataclass(frozen=True)
class TaskLetterData:
    """One 任务书: the organizer (甲方) gives the agency (乙方) a list of enterprises."""

    year: int
    organizer_name: str
    agency_name: str
    enterprises: Sequence[LetterEnterprise]
    period_start: dt.date
    period_end: dt.date
    agency_credit_code: str = ""
    letter_number: str = ""
    notice_title: str = ""  # 《工业和信息化部办公厅关于组织开展2021年工业节能诊断服务工作的通知》
    notice_ref: str = ""  # 工信厅节函〔2021〕121号
    service_content: Sequence[str] = DEFAULT_SERVICE_CONTENT
    organizer_contact: str = ""
    organizer_phone: str = ""
    agency_contact: str = ""
    agency_phone: str = ""
    signed_on: dt.date | None = None

    free_of_charge = FREE_OF_CHARGE

    @property
    def title(self) -> str:
        return "节能诊断服务任务书"

    @property
    def enterprise_count(self) -> int:
        return len(self.enterprises)

    @property
    def basis(self) -> str:
        """The opening sentence: on what authority the letter is given."""
        if self.notice_title:
            ref = f"（{self.notice_ref}）" if self.notice_ref else ""
            source = f"根据{self.notice_title}{ref}要求"
        else:
            source = f"根据{self.year}年度工业节能诊断服务工作安排"
        return f"{source}，甲方组织乙方为下列企业提供节能诊断服务。经双方协商一致，明确任务如下："

    @property
    def period_text(self) -> str:
        return f"自{cn_date(self.period_start)}起至{cn_date(self.period_end)}止。"

    @property
    def signed_text(self) -> str:
        return cn_date(self.signed_on)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class CaseEntry:
    """An excellent case (优秀案例)."""

    title: str
    enterprise: str
    agency: str = ""
    summary: str = ""
    savings_tce: Number | None = None
    investment_wan: Number | None = None

    @property
    def details(self) -> str:
        """企业：…；服务机构：…；预计年节能量…。"""
        parts = [f"企业：{self.enterprise}"]
        if self.agency:
            parts.append(f"服务机构：{self.agency}")
        if self.figures:
            parts.append(self.figures)
        return "；".join(parts) + "。"

    @property
    def figures(self) -> str:
        parts = []
        if self.savings_tce is not None:
            parts.append(f"预计年节能量{fixed(self.savings_tce, 1)}吨标准煤")
        if self.investment_wan is not None:
            parts.append(f"投资{fixed(self.investment_wan)}万元")
        return "，".join(parts)


@dataclass(frozen=True)
class FollowUpResult:
    """Follow-up (跟踪服务) of earlier campaigns' measures."""

    enterprises: int
    measures: int
    implemented: int
    in_progress: int
    planned: int
    not_adopted: int
    actual_investment_wan: Number = 0
    realized_savings_tce: Number = 0

    @property
    def realization_rate(self) -> str:
        if not self.measures:
            return "—"
        return f"{100 * self.implemented / self.measures:.1f}%"

    @property
    def realized_savings_wan_tce(self) -> str:
        return fixed(Decimal(str(self.realized_savings_tce)) / 10000, 2)


@dataclass(frozen=True)
class ShareRow:
    label: str
    count: int
    share: str


def with_shares(rows: Sequence[CountRow]) -> list[ShareRow]:
    total = sum(row.count for row in rows)
    return [
        ShareRow(row.label, row.count, f"{100 * row.count / total:.1f}%" if total else "—")
        for row in rows
    ]


@dataclass(frozen=True)
class OrganizerPart:
    """One organizer in the ministry's national 附件4: its figures and its narrative."""

    name: str
    enterprises: int = 0
    measures: int = 0
    savings_tce: Number = 0
    investment_wan: Number = 0
    texts: Mapping[str, str] | None = None  # narrative field → the organizer's text

    @property
    def narrative(self) -> dict[str, list[str]]:
        return {name: paragraphs((self.texts or {}).get(name, "")) for name in _NARRATIVE}

    @property
    def figure_row(self) -> tuple[str, str, str, str, str]:
        return (
            self.name,
            whole(self.enterprises),
            whole(self.measures),
            fixed(self.savings_tce, 1),
            fixed(self.investment_wan, 2),
        )


ORGANIZER_HEADERS = (
    "组织单位",
    "诊断企业数",
    "改造建议数",
    "预计节能量（吨标准煤）",
    "投资（万元）",
)


_NARRATIVE = ("overview", "effectiveness", "practices", "problems", "next_steps")
# Sections 一, 四 and 五 are required by the outline; 二 and 三 have figures and cases besides.
_EMPTY = {"overview": ["无。"], "problems": ["无。"], "next_steps": ["无。"]}


@dataclass(frozen=True)
class SummaryData:
    """附件4 工作总结: figures from the data, narrative written by the organizer."""

    year: int
    organizer_name: str
    counts_by_type: Sequence[CountRow]
    counts_by_industry: Sequence[CountRow]
    problems_found: int
    measures: int
    expected_savings_tce: Number
    investment_wan: Number
    overview: str = ""  # 一、工作开展情况
    effectiveness: str = ""  # 二、工作成效 (text after the tables)
    practices: str = ""  # 三、典型做法
    problems: str = ""  # 四、存在的问题
    next_steps: str = ""  # 五、下一步工作与建议
    technical_measures: int | None = None
    management_measures: int | None = None
    expected_savings_wan_yuan: Number | None = None  # annual cost savings, 万元
    co2_reduction_t: Number | None = None
    follow_up: FollowUpResult | None = None
    cases: Sequence[CaseEntry] = ()
    dated: dt.date | None = None
    label: str = "附件4"
    benchmarking: Mapping[str, Any] | None = None  # reports.benchmarking.selectors
    # nationally: each organizer's figures and texts, in the organizers' order
    organizer_parts: Sequence[OrganizerPart] = ()

    @property
    def title(self) -> str:
        return f"{self.year}年度节能诊断服务工作总结"

    @property
    def enterprises(self) -> int:
        return sum(row.count for row in self.counts_by_type)

    @property
    def narrative(self) -> dict[str, list[str]]:
        """Each narrative field as paragraphs; a required section left empty reads "无。"."""
        texts = {name: paragraphs(getattr(self, name)) for name in _NARRATIVE}
        return {name: lines or _EMPTY.get(name, []) for name, lines in texts.items()}

    @property
    def has_practices(self) -> bool:
        return bool(
            self.narrative["practices"]
            or self.cases
            or any(part.narrative["practices"] for part in self.organizer_parts)
        )

    @property
    def organizers_heading(self) -> str:
        """After 验收情况 (（四）, or （五） after 跟踪服务成效)."""
        return f"{'（六）' if self.follow_up_rows else '（五）'}各组织单位诊断情况"

    @property
    def organizer_rows(self) -> list[tuple[str, str, str, str, str]]:
        return [part.figure_row for part in self.organizer_parts]

    @property
    def type_rows(self) -> list[ShareRow]:
        return with_shares(self.counts_by_type)

    @property
    def industry_total(self) -> int:
        return sum(row.count for row in self.counts_by_industry)

    @property
    def industry_rows(self) -> list[ShareRow]:
        return with_shares(self.counts_by_industry)

    @property
    def expected_savings_wan_tce(self) -> str:
        """Expected savings in 万吨标准煤 (the data is in tce)."""
        return fixed(Decimal(str(self.expected_savings_tce)) / 10000, 2)

    @property
    def investment_text(self) -> str:
        return fixed(self.investment_wan, 2)

    @property
    def headline(self) -> str:
        """The figures in one sentence, opening section 二."""
        return (
            f"{self.year}年度共完成{whole(self.enterprises)}家企业节能诊断，"
            f"发现问题{whole(self.problems_found)}项，提出节能改造建议{whole(self.measures)}条，预计可实现节能量"
            f"{self.expected_savings_wan_tce}万吨标准煤，预计带动节能改造投资{self.investment_text}万元。"
        )

    @property
    def outcome_rows(self) -> list[tuple[str, str]]:
        """The 诊断成效 table: (item, value with unit)."""
        rows = [
            ("诊断企业数（家）", whole(self.enterprises)),
            ("发现问题（项）", whole(self.problems_found)),
            ("提出节能改造建议（条）", whole(self.measures)),
        ]
        if self.technical_measures is not None:
            rows.append(("　其中：技术类（条）", str(self.technical_measures)))
        if self.management_measures is not None:
            rows.append(("　　　　管理类（条）", str(self.management_measures)))
        rows.append(("预计节能量（万吨标准煤）", self.expected_savings_wan_tce))
        rows.append(("预计投资（万元）", self.investment_text))
        if self.expected_savings_wan_yuan is not None:
            rows.append(("预计年节约能源费用（万元）", fixed(self.expected_savings_wan_yuan)))
        if self.co2_reduction_t is not None:
            rows.append(
                ("预计减少二氧化碳排放（万吨）", fixed(float(self.co2_reduction_t) / 10000))
            )
        return rows

    @property
    def follow_up_rows(self) -> list[tuple[str, str]]:
        f = self.follow_up
        if f is None:
            return []
        return [
            ("回访企业数（家）", str(f.enterprises)),
            ("跟踪节能改造建议（条）", str(f.measures)),
            ("　其中：已实施（条）", str(f.implemented)),
            ("　　　　实施中（条）", str(f.in_progress)),
            ("　　　　计划实施（条）", str(f.planned)),
            ("　　　　未采纳（条）", str(f.not_adopted)),
            ("建议实施率", f.realization_rate),
            ("实际完成投资（万元）", fixed(f.actual_investment_wan)),
            ("实现节能量（万吨标准煤）", f.realized_savings_wan_tce),
        ]

    @property
    def dated_text(self) -> str:
        return cn_date(self.dated)
