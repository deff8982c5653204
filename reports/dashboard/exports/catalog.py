"""The national exports the ministry can ask for, each a DocumentKind.EXPORT job with params.

params = {"export": <key>, "organizer_kind": "" | province | planning_city | corps |
association | group}; the job's campaign chooses the year.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from provinces.choices import Form
from reports.dashboard.exports import layouts
from reports.dashboard.exports.rows import (
    intent_rows,
    plan_rows,
    published_rows,
    recommendation_rows,
)
from reports.dashboard.exports.rows_status import follow_up_rows, status_rows
from reports.documents.builders.forms import form_layout, published_layout


@dataclass(frozen=True)
class Export:
    key: str
    label: str
    description: str
    file_title: str  # "{year}年…" — the downloaded file's name
    rows: Callable | None = None  # (user, campaign, kind) → (count, rows); None: statistics
    layout: Callable | None = None  # campaign → FormLayout (the forms' come from the campaign)
    tables: tuple[str, ...] = ()  # models whose latest change dates the data (job reuse)


EXPORTS = {
    e.key: e
    for e in (
        Export(
            "plans",
            _("All work plans (Attachment 1)"),
            _("One row per organizer whose plan is submitted or approved, with the total."),
            "{year}年度节能诊断服务工作计划汇总表",
            plan_rows,
            layout=lambda campaign: form_layout(campaign, Form.PLAN),
            tables=("provinces.PlanContent", "provinces.Submission"),
        ),
        Export(
            "recommendations",
            _("All recommended agencies (Attachment 2)"),
            _("The agencies of every submitted or approved recommendation list."),
            "{year}年度节能诊断服务机构推荐名单汇总",
            recommendation_rows,
            layout=lambda campaign: form_layout(campaign, Form.RECOMMENDATION),
            tables=("agencies.Recommendation", "agencies.Agency", "provinces.Submission"),
        ),
        Export(
            "intent_list",
            _("National intent list (Attachment 3)"),
            _("Every enterprise of the submitted or approved intent lists, with its agency."),
            "{year}年度节能诊断服务意向企业名单汇总",
            intent_rows,
            layout=lambda campaign: form_layout(campaign, Form.INTENT),
            tables=("enterprises.DiagnosisTask", "provinces.Submission"),
        ),
        Export(
            "published_list",
            _("Published national list"),
            _("The current published list: the enterprises the ministry has published."),
            "{year}年度工业节能诊断服务企业名单",
            published_rows,
            layout=lambda campaign: published_layout(),
            tables=("enterprises.PublishedList",),
        ),
        Export(
            "status",
            _("Report and acceptance status per task"),
            _(
                "Each task's state, report submission and lateness, returns, acceptance, the "
                "enterprise's rating and the expected savings."
            ),
            "{year}年度节能诊断报告提交与验收情况",
            status_rows,
            layout=lambda campaign: layouts.STATUS,
            tables=("enterprises.DiagnosisTask", "reports.DiagnosisReport"),
        ),
        Export(
            "follow_up",
            _("Follow-up results"),
            _(
                "Each earlier measure followed up this campaign: status, investment and "
                "realized savings."
            ),
            "{year}年度节能诊断跟踪服务结果",
            follow_up_rows,
            layout=lambda campaign: layouts.FOLLOW_UP,
            tables=("reports.FollowUp", "reports.Measure"),
        ),
        Export(
            "statistics",
            _("Statistics of the dashboard"),
            _(
                "Progress by diagnosis type, industry and organizer, deadlines per organizer, "
                "expected savings and enterprise ratings, one sheet each."
            ),
            "{year}年度工业节能诊断服务统计",
            tables=(
                "enterprises.DiagnosisTask",
                "provinces.Submission",
                "reports.DiagnosisReport",
                "reports.Feedback",
            ),
        ),
    )
}
