"""Hostile uploads through every page and API that takes a file (issue 11 item 8).

Report file, task letter scan and follow-up evidence, each through its page and its API: a PDF
that could act (JavaScript, launch, attachments, XFA), a PDF/HTML polyglot, a truncated or
unreadable PDF, and (where Word/Excel files are accepted) hostile zips are refused with the
reason in zh-hans, and nothing is stored: no new file under MEDIA_ROOT, the rows as they were.
"""

import functools
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.choices import LetterState, TaskState
from enterprises.models import TaskLetter
from enterprises.services import letters_sync
from reports.diagnosis.services import editing
from reports.follow_up import services as follow_up
from reports.models import DiagnosisReport, FollowUp, Measure
from tests.factories import TaskFactory
from tests.fixtures import pdfs
from tests.reports.reporting import follow_up_pair, published_task

pytestmark = pytest.mark.django_db

# name → (file, what the zh-hans reason says)
PDF_CASES = {
    "open_action_js": (pdfs.open_action_js_pdf, "含有 JavaScript 脚本（/OpenAction → /JS）"),
    "names_js": (pdfs.js_names_pdf, "含有 JavaScript 脚本"),
    "escaped_page_js": (pdfs.page_aa_js_pdf, "含有 JavaScript 脚本"),
    "launch": (pdfs.launch_pdf, "启动操作"),
    "attachment": (pdfs.attachment_pdf, "内嵌了文件或附件"),
    "file_annotation": (pdfs.file_annotation_pdf, "内嵌了文件或附件"),
    "xfa": (pdfs.xfa_pdf, "XFA 表单"),
    "html_polyglot": (pdfs.html_polyglot_pdf, "网页标记"),
    "html_after_eof": (pdfs.html_after_eof_pdf, "PDF 结束之后还有其他数据"),
    "html_before": (pdfs.html_before_pdf, "PDF 文件头之前还有其他数据"),
    "truncated": (pdfs.truncated_pdf, "该 PDF 不完整"),
    "unreadable": (
        lambda: b"%PDF-1.7\n" + random.Random(3).randbytes(4000) + b"\n%%EOF\n",
        "无法作为 PDF 读取",
    ),
}
ZIP_CASES = {
    "zip_bomb": (pdfs.zip_bomb_docx, "解压后的大小远超允许范围"),
    "traversal": (pdfs.traversal_docx, "名称不安全的条目（../../etc/cron.d/evil）"),
    "nested_zip": (pdfs.nested_zip_docx, "另一个压缩包（word/media/archive.zip）"),
    "lying_sizes": (pdfs.lying_sizes_docx, "实际大小与文件声明的大小不符"),
    "js_pdf_inside": (
        lambda: pdfs.pdf_inside_docx(pdfs.open_action_js_pdf()),
        "文件内的 word/media/attachment.pdf：该 PDF 含有 JavaScript 脚本",
    ),
}
LABELS = {"report": "诊断报告文件：", "letter": "任务书签署扫描件：", "evidence": "佐证材料文件："}


@functools.cache
def _content(case: str) -> bytes:
    return {**PDF_CASES, **ZIP_CASES}[case][0]()


def _files(root) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- the three places a file is uploaded: (page url, API call, state re-read from the DB) ------


def _report_target(agency_user, enterprise, campaign):
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    editing.report_upload_file(
        task_id=task.pk, actor=agency_user, upload=SimpleUploadedFile("a.pdf", pdfs.clean_pdf())
    )
    report = DiagnosisReport.objects.get(task=task)

    def state():
        return DiagnosisReport.objects.filter(pk=report.pk).values_list(
            "file", "file_type", "file_name", "file_size", "file_sha256", "file_uploaded_at"
        )[0]

    return {
        "page": (reverse("reports:report-file", args=[task.pk]), "file"),
        "api": (f"/api/v1/reports/{report.pk}/file/", "file", {}),
        "state": state,
    }


def _letter_target(campaign, hebei, agency):
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, agency=agency)
    letters_sync(campaign=campaign, organizer=hebei)
    letter = TaskLetter.objects.get(agency=agency)

    def state():
        row = TaskLetter.objects.filter(pk=letter.pk).values_list(
            "state", "signed_scan", "signed_at", "signed_by"
        )[0]
        tasks = sorted(letter.agency.tasks.values_list("pk", "state"))
        return row, tasks

    assert state()[0][:2] == (LetterState.DRAFT, "")
    assert {s for _pk, s in state()[1]} == {TaskState.MATCHED}
    return {
        "page": (reverse("enterprises:letter-sign", args=[letter.pk]), "scan"),
        "api": (f"/api/v1/letters/{letter.pk}/sign/", "scan", {}),
        "state": state,
    }


def _evidence_target(agency_user):
    earlier, later = follow_up_pair(agency_user.agency)
    measure = Measure.objects.filter(report__task=earlier).order_by("id").first()
    follow_up.follow_up_save(
        task_id=later.pk,
        measure_id=measure.pk,
        actor=agency_user,
        data={"note": "发票"},
        evidence=SimpleUploadedFile("invoice.pdf", pdfs.clean_pdf()),
    )

    def state():
        return list(
            FollowUp.objects.filter(task=later).values_list(
                "pk", "evidence", "evidence_type", "evidence_name", "evidence_sha256", "note"
            )
        )

    return {
        "page": (reverse("reports:follow-up-record", args=[later.pk, measure.pk]), "evidence"),
        "api": ("/api/v1/follow-ups/", "evidence", {"task": later.pk, "measure": measure.pk}),
        "state": state,
    }


@pytest.fixture
def targets(agency_user, enterprise, campaign, hebei, agency, media):
    assert agency_user.agency == agency
    return {
        "report": lambda: _report_target(agency_user, enterprise, campaign),
        "letter": lambda: _letter_target(campaign, hebei, agency),
        "evidence": lambda: _evidence_target(agency_user),
    }


def _post(path, target, client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    if path == "page":
        url, field = target["page"]
        return client.post(url, {field: upload, "note": "改"})
    url, field, extra = target["api"]
    return client.post(url, {**extra, field: upload, "note": "改"}, format="multipart")


def _assert_refused_and_nothing_stored(kind, case, path, targets, media, client):
    target = targets[kind]()
    before_files, before_state = _files(media), target["state"]()
    name = "报告.docx" if case in ZIP_CASES else "扫描件.pdf"
    response = _post(path, target, client, name, _content(case))
    body = response.content.decode()
    assert response.status_code == 400, body[:500]
    assert LABELS[kind] in body
    assert {**PDF_CASES, **ZIP_CASES}[case][1] in body
    assert _files(media) == before_files
    assert target["state"]() == before_state


@pytest.mark.parametrize("case", sorted(PDF_CASES))
@pytest.mark.parametrize("kind", ["report", "letter", "evidence"])
def test_page_refuses_an_active_or_polyglot_pdf_and_stores_nothing(
    kind, case, targets, media, client_for, agency_user
):
    """Through the page: 400, the field and the reason in Chinese, no file, rows unchanged."""
    client = client_for(agency_user)
    _assert_refused_and_nothing_stored(kind, case, "page", targets, media, client)


@pytest.mark.parametrize("case", sorted(PDF_CASES))
@pytest.mark.parametrize("kind", ["report", "letter", "evidence"])
def test_api_refuses_an_active_or_polyglot_pdf_and_stores_nothing(
    kind, case, targets, media, api_for, agency_user
):
    """Through the API: 400 with the reason, no file, rows unchanged."""
    api = api_for(agency_user)
    api.credentials(HTTP_ACCEPT_LANGUAGE="zh-hans")
    _assert_refused_and_nothing_stored(kind, case, "api", targets, media, api)


@pytest.mark.parametrize("path", ["page", "api"])
@pytest.mark.parametrize("case", sorted(ZIP_CASES))
@pytest.mark.parametrize("kind", ["report", "evidence"])
def test_hostile_word_files_are_refused_and_nothing_stored(
    kind, case, path, targets, media, client_for, api_for, agency_user
):
    """Where Word/Excel files are accepted: bombs, ../ names, nested zips, lying sizes and an
    active PDF inside are refused on both paths."""
    if path == "page":
        client = client_for(agency_user)
    else:
        client = api_for(agency_user)
        client.credentials(HTTP_ACCEPT_LANGUAGE="zh-hans")
    _assert_refused_and_nothing_stored(kind, case, path, targets, media, client)


@pytest.mark.parametrize("path", ["page", "api"])
@pytest.mark.parametrize("kind", ["report", "letter", "evidence"])
def test_a_clean_pdf_with_text_and_an_image_is_accepted(
    kind, path, targets, media, client_for, api_for, agency_user
):
    """A WeasyPrint PDF (Chinese text and an image) is stored on both paths."""
    target = targets[kind]()
    before_files = _files(media)
    client = client_for(agency_user) if path == "page" else api_for(agency_user)
    response = _post(path, target, client, "报告.pdf", pdfs.weasyprint_pdf())
    assert response.status_code in (200, 201, 302), response.content.decode()[:500]
    assert _files(media) != before_files
