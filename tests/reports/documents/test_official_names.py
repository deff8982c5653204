"""Documents print the department's full official name (填报单位, 甲方) and the letter's own
number; a letter generated again after a rename prints what it was issued with."""

import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from enterprises.models import TaskLetter
from enterprises.services import letter_request_document, letters_sync
from portal.choices import DocumentKind, JobState
from portal.jobs.run import document_job_run
from provinces.services import organizer_rename
from tests.factories import TaskFactory
from tests.reports.documents_data import content, plan, render

pytestmark = pytest.mark.django_db
HEBEI = "河北省工业和信息化厅"
RENAMED = "河北省工业和信息化厅（更名）"


@pytest.fixture
def letter(campaign, hebei, agency):
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, agency=agency)
    plan(hebei, campaign)
    letters_sync(campaign=campaign, organizer=hebei)
    return TaskLetter.objects.get(agency=agency)


def _generate(letter, fmt: str, user):
    """Through the page's service (which issues the letter), then run as the worker does."""
    job = letter_request_document(letter=letter, fmt=fmt, actor=user)
    if job.state != JobState.DONE:
        job = document_job_run(job_id=job.pk)
    assert job.state == JobState.DONE, job.error
    return job


def _docx_text(job) -> str:
    document = docx.Document(content(job))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(job) -> str:
    return "".join(page.extract_text() for page in PdfReader(content(job)).pages)


def test_the_letter_prints_the_full_name_and_its_number(letter, organizer_user):
    """Word and PDF: 甲方 is the department's full name; 编号 is 2021-130000-0001."""
    word = _docx_text(_generate(letter, "docx", organizer_user))
    assert f"甲方（组织单位）：{HEBEI}" in word and "编号：2021-130000-0001" in word
    pdf = _pdf_text(_generate(letter, "pdf", organizer_user))
    assert HEBEI in pdf and "2021-130000-0001" in pdf


def test_a_generated_letter_keeps_its_names_after_a_rename(letter, organizer_user, agency):
    """Generated, then the department and the agency rename: generated again, the letter
    prints the old names and the same number."""
    _generate(letter, "docx", organizer_user)
    organizer_rename(organizer_id=letter.organizer_id, department=RENAMED, actor=organizer_user)
    type(agency).objects.filter(pk=agency.pk).update(name="更名后的节能服务有限公司")
    again = _docx_text(_generate(letter, "docx", organizer_user))
    assert f"甲方（组织单位）：{HEBEI}" in again and RENAMED not in again
    assert f"乙方（服务机构）：{agency.name}" in again and "编号：2021-130000-0001" in again


def test_a_letter_not_yet_issued_takes_the_new_name(letter, organizer_user):
    """Renamed before the letter was ever generated: it prints the new name."""
    organizer_rename(organizer_id=letter.organizer_id, department=RENAMED, actor=organizer_user)
    assert f"甲方（组织单位）：{RENAMED}" in _docx_text(_generate(letter, "docx", organizer_user))


def test_forms_print_the_new_name_after_a_rename(campaign, hebei, organizer_user):
    """附件1 of the organizer: 填报单位 line and row; a rename renders a new file."""
    plan(hebei, campaign)
    first = render(organizer_user, DocumentKind.FORM_PLAN, campaign=campaign, organizer=hebei)
    sheet = openpyxl.load_workbook(content(first)).active
    assert sheet["A3"].value == f"填报单位（盖章）：{HEBEI}"
    organizer_rename(organizer_id=hebei.pk, department=RENAMED, actor=organizer_user)
    again = render(organizer_user, DocumentKind.FORM_PLAN, campaign=campaign, organizer=hebei)
    assert (
        openpyxl.load_workbook(content(again)).active["A3"].value == f"填报单位（盖章）：{RENAMED}"
    )


def test_the_summary_prints_the_full_name(campaign, hebei, organizer_user):
    """附件4 in Word and PDF: 填报单位：河北省工业和信息化厅."""
    word = render(
        organizer_user, DocumentKind.FORM_SUMMARY_DOCX, campaign=campaign, organizer=hebei
    )
    assert f"填报单位：{HEBEI}" in _docx_text(word)
    pdf = render(organizer_user, DocumentKind.FORM_SUMMARY_PDF, campaign=campaign, organizer=hebei)
    assert HEBEI in _pdf_text(pdf)


@pytest.mark.parametrize("route", ["enterprises:task-template", "agencies:recommendation-template"])
def test_blank_forms_print_the_full_name(campaign, organizer_user, client_for, route):
    """The blank 附件2 and 附件3 an organizer downloads are headed with its full name."""
    response = client_for(organizer_user).get(reverse(route))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A3"].value == f"填报单位（盖章）：{HEBEI}"
