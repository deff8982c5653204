"""Demo 附件4 narrative: Hebei's 2021 summary as a draft half written (the figures are live)."""

from portal.models import Campaign
from provinces.choices import Form
from provinces.models import Organizer, SummaryContent
from provinces.services import submission_get_or_create

HEBEI_2021 = {
    "work_done": (
        "我厅按照工业和信息化部办公厅通知要求，制定全省工业节能诊断服务工作方案，"
        "组织各市工业和信息化主管部门摸排企业需求，遴选推荐节能诊断服务机构，"
        "与服务机构签订任务书，明确免费服务要求。\n"
        "诊断期间，组织专家对诊断报告进行抽查和现场核验，按数量、质量、数据完整性和企业反馈开展验收。"
    ),
    "results_commentary": "从诊断结果看，电机系统、压缩空气系统和余热余压利用是节能潜力最集中的领域。",
    "good_practices": "建立“诊断—改造—评估”闭环工作机制，对诊断建议实施情况开展跟踪服务。",
    "problems": "",
    "next_steps": "",
}


def seed_summaries(campaigns: dict[int, Campaign], organizers: dict[str, Organizer]) -> None:
    submission = submission_get_or_create(
        organizer=organizers["130000"], campaign=campaigns[2021], form=Form.SUMMARY
    )
    SummaryContent.objects.get_or_create(submission=submission, defaults=HEBEI_2021)
