"""The summary report package: a zip of 附件1–4, accepted reports, excellent cases, manifest."""

import csv
import hashlib
import io
import zipfile

import pytest
from openpyxl import load_workbook

from portal.choices import DocumentKind
from tests.factories import EnterpriseFactory, TaskFactory
from tests.reports.documents_data import PDF, accepted_report, content, plan, render

pytestmark = pytest.mark.django_db
FORMS = [
    "附件1 2021年度节能诊断服务工作计划表.xlsx",
    "附件2 2021年度节能诊断服务机构推荐名单.xlsx",
    "附件3 2021年度节能诊断服务意向企业名单.xlsx",
    "附件4 2021年度节能诊断服务工作总结.docx",
    "附件4 2021年度节能诊断服务工作总结.pdf",
    "2021年度典型案例汇总.xlsx",
]


@pytest.fixture
def reports(campaign, hebei, shandong):
    """Two accepted Hebei reports (one excellent), one without a file, Shandong's, a draft."""
    plan(hebei, campaign)
    accepted_report(seq=3, enterprise=EnterpriseFactory(name="甲钢铁有限公司"))
    accepted_report(seq=7, enterprise=EnterpriseFactory(name="乙水泥有限公司"), excellent=True)
    accepted_report(seq=9, with_file=False)
    accepted_report(seq=1, organizer=shandong, enterprise=EnterpriseFactory(name="丙化工有限公司"))
    TaskFactory(state="reported")
    return hebei


def zip_of(job) -> zipfile.ZipFile:
    return zipfile.ZipFile(content(job))


def test_organizer_package_holds_forms_reports_cases_and_manifest(
    organizer_user, campaign, reports
):
    """序号-企业名称.pdf for each accepted report with a file; the excellent one again."""
    job = render(organizer_user, DocumentKind.PACKAGE, campaign=campaign, organizer=reports)
    assert zip_of(job).namelist() == [
        *FORMS,
        "诊断报告/3-甲钢铁有限公司.pdf",
        "诊断报告/7-乙水泥有限公司.pdf",
        "优秀案例/7-乙水泥有限公司.pdf",
        "manifest.csv",
    ]
    assert job.output_name == "2021年度节能诊断服务工作总结材料-河北省.zip"


def test_manifest_checksums_match_the_files(organizer_user, campaign, reports):
    """Every file is listed with its size and SHA-256, which match what the zip holds."""
    archive = zip_of(
        render(organizer_user, DocumentKind.PACKAGE, campaign=campaign, organizer=reports)
    )
    lines = list(csv.reader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert lines[0] == ["文件", "大小（字节）", "SHA-256"]
    listed = {name: (int(size), digest) for name, size, digest in lines[1:]}
    assert set(listed) == set(archive.namelist()) - {"manifest.csv"}
    for name, (size, digest) in listed.items():
        data = archive.read(name)
        assert (len(data), hashlib.sha256(data).hexdigest()) == (size, digest)
    assert archive.read("诊断报告/3-甲钢铁有限公司.pdf") == PDF


def test_compressed_files_are_stored_not_deflated(organizer_user, campaign, reports):
    """PDF, xlsx and docx go in as they are; only the manifest is deflated."""
    archive = zip_of(
        render(organizer_user, DocumentKind.PACKAGE, campaign=campaign, organizer=reports)
    )
    methods = {info.filename: info.compress_type for info in archive.infolist()}
    assert methods.pop("manifest.csv") == zipfile.ZIP_DEFLATED
    assert set(methods.values()) == {zipfile.ZIP_STORED}


def test_national_package_keeps_each_organizers_reports_apart(ministry_user, campaign, reports):
    """序号 restarts per organizer, so the national package has a folder per organizer."""
    names = zip_of(render(ministry_user, DocumentKind.PACKAGE, campaign=campaign)).namelist()
    assert "诊断报告/河北省/3-甲钢铁有限公司.pdf" in names
    assert "诊断报告/山东省/1-丙化工有限公司.pdf" in names
    assert "优秀案例/河北省-7-乙水泥有限公司.pdf" in names


def test_the_package_carries_the_case_list(ministry_user, campaign, reports):
    """The case library's list of the campaign's excellent cases: one row per case."""
    archive = zip_of(render(ministry_user, DocumentKind.PACKAGE, campaign=campaign))
    sheet = load_workbook(io.BytesIO(archive.read("2021年度典型案例汇总.xlsx"))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[4]) for row in rows] == [
        (1, "乙水泥有限公司节能诊断", "乙水泥有限公司")
    ]


def test_accepting_another_report_renders_a_new_package(organizer_user, campaign, reports):
    """The package's version follows the accepted reports: a new one means a new file."""
    first = render(organizer_user, DocumentKind.PACKAGE, campaign=campaign, organizer=reports)
    same = render(organizer_user, DocumentKind.PACKAGE, campaign=campaign, organizer=reports)
    accepted_report(seq=11)
    changed = render(organizer_user, DocumentKind.PACKAGE, campaign=campaign, organizer=reports)
    assert same.output.name == first.output.name != changed.output.name
    assert len(zip_of(changed).namelist()) == len(zip_of(first).namelist()) + 1


@pytest.mark.parametrize("count", [10, 100])
def test_package_files_take_one_query(campaign, hebei, count, django_assert_num_queries):
    """The report files of a package: one query (reports with task, enterprise, organizer)."""
    for seq in range(count):
        accepted_report(seq=seq + 1)
    from reports.documents.selectors.package import package_report_files

    with django_assert_num_queries(1):
        assert len(list(package_report_files(campaign, hebei))) == count
