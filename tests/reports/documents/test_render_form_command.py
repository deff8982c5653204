"""`manage.py render_form` (SPEC §9): the workers' job path, run in the command's process."""

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from portal.choices import DocumentKind, JobState
from portal.models import DocumentJob
from tests.factories import TaskFactory
from tests.reports.documents_data import accepted_report, plan

pytestmark = pytest.mark.django_db


def run(*args) -> None:
    call_command("render_form", *args)


def test_intent_list_of_one_organizer(tmp_path, campaign, hebei):
    """--form 3 --organizer 130000 writes Hebei's 附件3 as xlsx."""
    TaskFactory.create_batch(3, campaign=campaign, organizer=hebei)
    out = tmp_path / "附件3.xlsx"
    run("--campaign", "2021", "--form", "3", "--organizer", "130000", "--out", str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws["A3"].value == "填报单位（盖章）：河北省工业和信息化厅"
    assert [ws.cell(row=r, column=1).value for r in range(5, 8)] == [1, 2, 3]
    job = DocumentJob.objects.get()
    assert (job.kind, job.state, job.organizer, job.requested_by.username) == (
        DocumentKind.FORM_INTENT,
        JobState.DONE,
        hebei,
        "system",
    )


def test_without_organizer_renders_the_national_form(tmp_path, campaign, hebei):
    """No --organizer: the national merge with its 合计 row."""
    plan(hebei, campaign)
    out = tmp_path / "plan.xlsx"
    run("--campaign", "2021", "--form", "1", "--out", str(out))
    values = [row[0] for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    assert "河北省工业和信息化厅" in values and "合计" in values


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_summary_as_word_or_pdf_by_the_extension(tmp_path, campaign, hebei, suffix):
    """--form 4 writes 附件4 as .docx or .pdf, as --out says."""
    accepted_report()
    out = tmp_path / f"summary.{suffix}"
    run("--campaign", "2021", "--form", "4", "--organizer", "130000", "--out", str(out))
    if suffix == "docx":
        text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    else:
        text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "工作总结" in text and "共完成1家企业节能诊断" in text


def test_rendering_unchanged_data_twice_reuses_the_file(tmp_path, campaign, hebei):
    """The second run is a job of its own, finished with the first run's stored file."""
    TaskFactory(campaign=campaign, organizer=hebei)
    for name in ("a.xlsx", "b.xlsx"):
        run(
            "--campaign",
            "2021",
            "--form",
            "3",
            "--organizer",
            "130000",
            "--out",
            str(tmp_path / name),
        )
    first, second = DocumentJob.objects.order_by("pk")
    assert second.output.name == first.output.name
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--form", "3", "--out", "x.docx"], "must end in .xlsx"),
        (["--form", "4", "--out", "x.xlsx"], ".docx or .pdf"),
        (["--form", "3", "--organizer", "NOPE", "--out", "x.xlsx"], "No organizer"),
    ],
)
def test_wrong_arguments_are_refused(tmp_path, campaign, args, message):
    with pytest.raises(CommandError, match=message):
        run("--campaign", "2021", *args)


def test_unknown_campaign_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="No campaign 1999"):
        run("--campaign", "1999", "--form", "1", "--out", str(tmp_path / "x.xlsx"))
