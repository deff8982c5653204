"""Helpers for the report tests: files, and a report walked through the real services."""

import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from enterprises.choices import TaskState
from reports.diagnosis.services import editing, feedback, moves
from tests.factories import TaskFactory
from tests.fixtures.pdfs import clean_pdf

PDF_BYTES = clean_pdf()  # a real one: uploaded PDFs are parsed


def pdf_upload(name: str = "诊断报告.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def published_task(agency, enterprise=None, **kwargs):
    """A published task of `agency` (Hebei, campaign 2021 unless given)."""
    extra = {"enterprise": enterprise} if enterprise is not None else {}
    return TaskFactory(agency=agency, state=TaskState.PUBLISHED, **extra, **kwargs)


MOTOR_BELOW_LIMIT = {
    "equipment_type": "motor",
    "name": "1#循环水泵电机",
    "model": "Y2-315M-4",
    "rating": Decimal("132"),
    "count": 2,
    "annual_hours": Decimal("6000"),
    "efficiency_pct": Decimal("93.0"),
    "poles": 4,
}


def fill_report(
    task, actor, *, measures: int = 2, listed_tce: Decimal | None = Decimal(2000)
) -> None:
    """File, year, coal and electricity, a motor below the limit and `measures` measures.

    The task's 附件3 energy becomes `listed_tce` (about the 1,943 tce entered, so the data checks
    flag nothing); None keeps the task's own figure."""
    if listed_tce is not None:
        type(task).objects.filter(pk=task.pk).update(energy_tce=listed_tce)
        task.energy_tce = listed_tce
    editing.report_upload_file(task_id=task.pk, actor=actor, upload=pdf_upload())
    editing.report_update(task_id=task.pk, actor=actor, data={"diagnosis_year": 2020})
    editing.energy_use_add(
        task_id=task.pk,
        actor=actor,
        data={"carrier_code": "raw_coal", "quantity": Decimal("1000"), "unit": "t"},
    )
    editing.energy_use_add(
        task_id=task.pk,
        actor=actor,
        data={"carrier_code": "electricity", "quantity": Decimal("1000"), "unit": "万kWh"},
    )
    editing.equipment_add(task_id=task.pk, actor=actor, data=MOTOR_BELOW_LIMIT)
    for n in range(measures):
        editing.measure_add(
            task_id=task.pk,
            actor=actor,
            data={
                "taxonomy": None,
                "category": "technical",
                "title": f"措施{n + 1}",
                "investment_wan": Decimal("50"),
                "savings_tce": Decimal("100"),
                "savings_kwh": Decimal("0"),
                "savings_wan": Decimal("25"),
            },
        )


def submitted_task(agency_user, **kwargs):
    task = published_task(agency_user.agency, **kwargs)
    fill_report(task, agency_user)
    moves.report_submit(task_id=task.pk, actor=agency_user)
    return task


def rate(task, enterprise_user, rating: int = 5) -> None:
    feedback.feedback_save(
        task_id=task.pk, actor=enterprise_user, confirmed=True, rating=rating, comments="诊断细致"
    )


ALL_OK = {"quantity_ok": True, "quality_ok": True, "data_ok": True, "feedback_ok": True}


def follow_up_pair(agency, *, savings=(Decimal(10), Decimal(30), Decimal(60))):
    """An accepted 2019 task with one measure per saving, and its published 2021 follow-up."""
    from enterprises.choices import DiagnosisType
    from tests.factories import CampaignFactory, DiagnosisReportFactory, MeasureFactory

    earlier = TaskFactory(campaign=CampaignFactory(year=2019), accepted=True)
    report = DiagnosisReportFactory(task=earlier, submitted=True)
    for n, tce in enumerate(savings, start=1):
        MeasureFactory(
            report=report,
            category="technical",
            title=f"早期措施{n}",
            savings_tce=tce,
            investment_wan=Decimal(20),
        )
    later = TaskFactory(
        campaign=CampaignFactory(year=2021),
        enterprise=earlier.enterprise,
        agency=agency,
        state=TaskState.PUBLISHED,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        previous_task=earlier,
    )
    return earlier, later


def found(task, measure):
    """The follow-up record of `task` about an earlier `measure`: where the measure's state as
    this follow-up found it is kept (the earlier measure itself is never written)."""
    from reports.models import FollowUp

    return FollowUp.objects.get(task=task, measure=measure)
