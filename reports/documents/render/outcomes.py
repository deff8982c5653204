"""附件4 验收情况: the acceptance outcome in the notice's four dimensions (二(四)), as data for the
pure renderers (filled by reports/summary/dimensions.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


def counted_text(texts: Sequence[str], unit: str = "次") -> str:
    """Texts once each, in order, joined by "；" and ended by "。", a repeated one with its count
    ("请补充实测数据（20次）"); the texts' own closing punctuation is dropped."""
    counts: dict[str, int] = {}
    for text in texts:
        text = text.strip().rstrip("。；;.")
        if text:
            counts[text] = counts.get(text, 0) + 1
    parts = [f"{text}（{n}{unit}）" if n > 1 else text for text, n in counts.items()]
    return "；".join(parts) + "。" if parts else ""


@dataclass(frozen=True)
class QuantityRow:
    """诊断数量 of one diagnosis type: planned (附件1), listed (附件3), reported, accepted."""

    label: str
    planned: int
    listed: int
    reported: int
    accepted: int


@dataclass(frozen=True)
class AgencyRow:
    """A service agency involved: its enterprises listed (附件3) and accepted."""

    name: str
    listed: int
    accepted: int


@dataclass(frozen=True)
class AcceptanceOutcomes:
    quantity: Sequence[QuantityRow]
    # 完成质量
    accepted: int
    accepted_first_time: int
    returns: int
    return_reasons: Sequence[str]
    # 数据填报
    reports_submitted: int
    data_warnings_explained: int
    list_warnings_explained: int
    # 企业反馈
    feedback_count: int
    rating_average: Decimal | None
    comments: Sequence[str]
    # 参与服务机构, most enterprises first
    agencies: Sequence[AgencyRow] = ()

    @property
    def quantity_total(self) -> QuantityRow:
        return QuantityRow(
            "合计",
            sum(r.planned for r in self.quantity),
            sum(r.listed for r in self.quantity),
            sum(r.reported for r in self.quantity),
            sum(r.accepted for r in self.quantity),
        )

    @property
    def return_reasons_text(self) -> str:
        """The return comments once each, in order, with how often a repeated one was given:
        "请补充实测数据（20次）；单位错误。" rather than the same sentence twenty times."""
        return counted_text(self.return_reasons)

    @property
    def comments_text(self) -> str:
        """The enterprises' comments once each, with how many gave a repeated one."""
        return counted_text(self.comments, unit="家")

    @property
    def first_time_rate(self) -> Decimal | None:
        """Share (%) of the accepted reports accepted without a return."""
        if not self.accepted:
            return None
        return (Decimal(self.accepted_first_time) * 100 / self.accepted).quantize(Decimal("0.1"))


QUANTITY_HEADERS = ("节能诊断类型", "计划数", "名单数", "报告数", "验收数")
AGENCY_HEADERS = ("服务机构", "名单企业数", "验收通过数")
AGENCIES_TITLE = "参与服务机构"


def agency_rows(outcomes: AcceptanceOutcomes) -> list[tuple[str, str, str]]:
    return [(a.name, str(a.listed), str(a.accepted)) for a in outcomes.agencies]


def _n(value) -> str:
    return "—" if value is None else str(value)


def quantity_rows(outcomes: AcceptanceOutcomes) -> list[tuple[str, ...]]:
    rows = [*outcomes.quantity, outcomes.quantity_total]
    return [
        (r.label, str(r.planned), str(r.listed), str(r.reported), str(r.accepted)) for r in rows
    ]


def dimension_rows(outcomes: AcceptanceOutcomes) -> list[tuple[str, list[tuple[str, str]]]]:
    """完成质量, 数据填报 and 企业反馈 as (title, [(item, value)])."""
    rate = outcomes.first_time_rate
    return [
        (
            "完成质量",
            [
                ("验收通过报告数", str(outcomes.accepted)),
                ("一次验收通过数", str(outcomes.accepted_first_time)),
                ("一次验收通过率", f"{rate}%" if rate is not None else "—"),
                ("退回修改次数", str(outcomes.returns)),
            ],
        ),
        (
            "数据填报",
            [
                ("报送诊断报告数", str(outcomes.reports_submitted)),
                ("已说明的数据核验警告（诊断报告）", str(outcomes.data_warnings_explained)),
                ("已说明的数据核验警告（意向企业名单）", str(outcomes.list_warnings_explained)),
            ],
        ),
        (
            "企业反馈",
            [
                ("企业反馈数", str(outcomes.feedback_count)),
                ("平均满意度（1–5分）", _n(outcomes.rating_average)),
            ],
        ),
    ]


def outcomes_heading(summary) -> str:
    """（四） or, after 跟踪服务成效, （五）验收情况."""
    return "（五）验收情况" if summary.follow_up_rows else "（四）验收情况"
