"""Builders of the Word and PDF documents: 附件4 工作总结 and the task letters (任务书)."""

from pathlib import Path

from portal.choices import DocumentKind
from portal.jobs.registry import Builder, Progress
from portal.models import Campaign, DocumentJob
from provinces.models import Organizer
from reports.documents.builders.base import job_campaign, stamp
from reports.documents.render.data import ORGANIZER_HEADERS
from reports.documents.render.docx import render_summary_docx, render_task_letter_docx
from reports.documents.render.pdf import render_pdf
from reports.documents.selectors.letters import letter_get, task_letter_data, task_letter_version
from reports.summary.dimensions import acceptance_outcomes, outcomes_context
from reports.summary.selectors import summary_data, summary_version

SUMMARY_TEMPLATE = "documents/summary.html"
LETTER_TEMPLATE = "documents/task_letter.html"


def summary_file_name(campaign: Campaign, organizer: Organizer | None, fmt: str) -> str:
    """e.g. 2021年度节能诊断服务工作总结-河北省.docx."""
    return (
        f"{campaign.year}年度节能诊断服务工作总结-{organizer.name if organizer else '全国'}.{fmt}"
    )


def write_summary(fmt: str, campaign: Campaign, organizer: Organizer | None, out: Path) -> None:
    """附件4 as "docx" or "pdf": figures from the accepted reports, the organizer's narrative."""
    summary = summary_data(campaign, organizer)
    outcomes = acceptance_outcomes(campaign, organizer)
    if fmt == "docx":
        render_summary_docx(summary, str(out), outcomes)
    else:
        render_pdf(
            SUMMARY_TEMPLATE,
            {
                "summary": summary,
                "organizer_headers": ORGANIZER_HEADERS,
                **outcomes_context(summary, outcomes),
            },
            str(out),
        )


def _summary_builder(fmt: str) -> Builder:
    def build(job: DocumentJob, path: Path, progress: Progress) -> str:
        progress(1, 4)
        campaign = job_campaign(job)
        write_summary(fmt, campaign, job.organizer, path)
        return summary_file_name(campaign, job.organizer, fmt)

    def version(job: DocumentJob) -> str:
        return stamp(job, summary_version(job_campaign(job), job.organizer))

    return Builder(build=build, version=version)


def _letter_builder(fmt: str) -> Builder:
    def build(job: DocumentJob, path: Path, progress: Progress) -> str:
        letter = letter_get(job.params["letter_id"])
        data = task_letter_data(letter)
        progress(1, 4)
        if fmt == "docx":
            render_task_letter_docx(data, str(path))
        else:
            render_pdf(LETTER_TEMPLATE, {"letter": data}, str(path))
        return f"{data.year}年度节能诊断服务任务书-{letter.organizer.name}-{data.agency_name}.{fmt}"

    def version(job: DocumentJob) -> str:
        return stamp(job, task_letter_version(letter_get(job.params["letter_id"])))

    return Builder(build=build, version=version)


BUILDERS = {
    DocumentKind.FORM_SUMMARY_DOCX: _summary_builder("docx"),
    DocumentKind.FORM_SUMMARY_PDF: _summary_builder("pdf"),
    DocumentKind.TASK_LETTER_DOCX: _letter_builder("docx"),
    DocumentKind.TASK_LETTER_PDF: _letter_builder("pdf"),
}
