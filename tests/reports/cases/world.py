"""A small world to count by hand: two Hebei enterprises and a Shandong one, 2019 and 2021.

甲 (Hebei, C31, agency 河北测试…, 2019) is an excellent case: findings "空压机系统泄漏严重",
measures m1 ZZ-1 变频改造 (investment 10, expected 8 tce; followed up in 2021 implemented with
6 tce, then in 2022 verified with 5 tce — the latest counts) and m2 management 能源管理体系
(investment 2, expected 2 tce; implemented in 2021 with 1 tce) and m3 余热回收 (never followed
up). So the case has 2 of 3 measures implemented, realized 6 tce, verified 5 tce.
乙 (Hebei, C26, 2019) is not a case; its one measure was not adopted: not on the results list.
丙 (Shandong, C31, 2019) is a case; its measure implemented with 3 tce (ministry only).
丁 (Hebei, 2019) is marked excellent but its report was never submitted: not a case.
"""

from dataclasses import dataclass
from decimal import Decimal

from enterprises.choices import DiagnosisType
from enterprises.models import DiagnosisTask, Industry
from reports.choices import MeasureKind, MeasureState
from reports.models import DiagnosisReport, Measure
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    DiagnosisReportFactory,
    EnterpriseFactory,
    FollowUpFactory,
    MeasureFactory,
    TaskFactory,
    province,
)
from tests.reports.register.world import kind

D = Decimal


@dataclass
class World:
    jia: DiagnosisReport
    yi: DiagnosisReport
    bing: DiagnosisReport
    ding: DiagnosisReport
    m1: Measure


def diagnosed(name, *, organizer="130000", industry="C31", agency=None, submitted=True, **kw):
    enterprise = EnterpriseFactory(name=name, industry=Industry.objects.get(pk=industry))
    task = TaskFactory(
        campaign=CampaignFactory(year=2019),
        organizer=province(organizer),
        enterprise=enterprise,
        agency=agency or AgencyFactory(),
        accepted=True,
    )
    return DiagnosisReportFactory(task=task, submitted=submitted, **kw)


def follow(m, state, year, tce):
    """A follow-up in `year`'s task of the measure's enterprise (one task per year)."""
    earlier = m.report.task
    task = DiagnosisTask.objects.filter(campaign__year=year, enterprise=earlier.enterprise).first()
    task = task or TaskFactory(
        campaign=CampaignFactory(year=year),
        organizer=earlier.organizer,
        enterprise=earlier.enterprise,
        agency=earlier.agency,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        previous_task=earlier,
        published=True,
    )
    return FollowUpFactory(measure=m, task=task, state=state, realized_tce=tce)


def build(agency=None) -> World:
    jia = diagnosed(
        "甲钢铁有限公司",
        agency=agency,
        findings="甲钢铁有限公司空压机系统泄漏严重",
        is_excellent_case=True,
        excellent_note="措施系统、可复制",
        investment_wan=D(12),
        savings_tce=D(10),
    )
    m1 = MeasureFactory(
        report=jia, taxonomy=kind(), title="空压机变频改造", investment_wan=D(10), savings_tce=D(8)
    )
    m2 = MeasureFactory(
        report=jia,
        category=MeasureKind.MANAGEMENT,
        title="能源管理体系",
        investment_wan=D(2),
        savings_tce=D(2),
    )
    MeasureFactory(report=jia, title="余热回收", investment_wan=D(0), savings_tce=D(0))
    follow(m1, MeasureState.IMPLEMENTED, 2021, D(6))
    follow(m1, MeasureState.VERIFIED, 2022, D(5))
    follow(m2, MeasureState.IMPLEMENTED, 2021, D(1))
    yi = diagnosed("乙水泥有限公司", industry="C26")
    follow(MeasureFactory(report=yi, title="窑炉改造"), MeasureState.NOT_ADOPTED, 2021, None)
    bing = diagnosed("丙化工有限公司", organizer="370000", is_excellent_case=True)
    follow(
        MeasureFactory(report=bing, title="电机更换", savings_tce=D(4)),
        MeasureState.IMPLEMENTED,
        2021,
        D(3),
    )
    ding = diagnosed("丁玻璃有限公司", submitted=False, is_excellent_case=True)
    return World(jia=jia, yi=yi, bing=bing, ding=ding, m1=m1)
