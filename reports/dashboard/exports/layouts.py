"""Column layouts of the status exports, which are not ministry forms (the forms' and the
published list's layouts are the documents' own, see reports/documents/). Headers are the
Chinese the ministry's staff read; the same streamed xlsx writer renders all of them."""

from reports.documents.render.layouts import Column, FormLayout

DATE_TIME = "yyyy-mm-dd hh:mm"
TCE = "#,##0.0"
MONEY = "#,##0.00"


def _seq() -> Column:
    return Column("seq", "序号", 5, number_format="0", sequence=True)


def _organizer() -> Column:
    return Column("organizer", "填报单位", 16, align="left")


STATUS = FormLayout(
    form=0,
    label="报告与验收",
    title="{year}年度节能诊断报告提交与验收情况",
    organizer_line="{organizer}",
    total_label="合计",
    columns=(
        _seq(),
        _organizer(),
        Column("name", "企业名称", 24, align="left"),
        Column("credit_code", "统一社会信用代码", 21),
        Column("diagnosis_type", "节能诊断类型", 11),
        Column("agency", "提供服务的机构", 24, align="left"),
        Column("state", "任务状态", 11),
        Column("submitted_at", "报告提交时间", 12, number_format=DATE_TIME),
        Column("late", "是否逾期", 6),
        Column("returns", "退回次数", 6, number_format="0"),
        Column("accepted_at", "验收时间", 12, number_format=DATE_TIME),
        Column("rating", "企业评分（1–5）", 8, number_format="0"),
        Column(
            "savings_tce",
            "预计年节能量（吨标准煤）",
            11,
            number_format=TCE,
            total=True,
            align="right",
        ),
        Column(
            "savings_wan",
            "预计年节约资金（万元）",
            11,
            number_format=MONEY,
            total=True,
            align="right",
        ),
        Column(
            "co2_t", "预计年减排二氧化碳（吨）", 11, number_format=TCE, total=True, align="right"
        ),
        Column(
            "investment_wan", "预计投资（万元）", 9, number_format=MONEY, total=True, align="right"
        ),
    ),
)

FOLLOW_UP = FormLayout(
    form=0,
    label="跟踪服务",
    title="{year}年度节能诊断跟踪服务结果",
    organizer_line="{organizer}",
    total_label="合计",
    columns=(
        _seq(),
        _organizer(),
        Column("name", "企业名称", 24, align="left"),
        Column("earlier_year", "原诊断年度", 8, number_format="0"),
        Column("measure", "节能建议", 28, align="left"),
        Column("category", "类别", 8),
        Column("state", "实施情况", 10),
        Column(
            "expected_tce",
            "预计年节能量（吨标准煤）",
            12,
            number_format=TCE,
            total=True,
            align="right",
        ),
        Column(
            "investment_wan", "实际投资（万元）", 12, number_format=MONEY, total=True, align="right"
        ),
        Column(
            "realized_tce",
            "实现年节能量（吨标准煤）",
            12,
            number_format=TCE,
            total=True,
            align="right",
        ),
        Column(
            "realized_wan",
            "实现年节约资金（万元）",
            12,
            number_format=MONEY,
            total=True,
            align="right",
        ),
        Column("note", "说明", 20, align="left"),
    ),
)
