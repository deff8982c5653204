"""No organizer changes what another organizer shows (issue 11, item 1, enterprises).

Hebei diagnosed an enterprise in 2020: its 附件3 row was approved, the task published, the
letter signed, the report accepted. Then another organizer lists the same credit code under
another name, city, industry, SME class and energy — in 2019 where it is not listed yet (the
reproduction of the issue), and in an open campaign (2021) — through the API, the page form,
the import page, the import API and the import service. Hebei's tasks, 附件3, letters, report
pages, packages, exports and published lists, and the enterprise's own user, show exactly what
they showed before: re-read from the database and rendered again.
"""

import importlib
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask, Enterprise, PublishedEntry, TaskLetter
from enterprises.services import enterprise_describe, published_list_publish
from portal.choices import DocumentKind, Duty
from portal.models import AuditLog
from provinces.choices import Form
from reports.dashboard.exports.rows_status import status_rows
from reports.documents.selectors.package import package_report_files
from tests.enterprises.workflow_helpers import import_rows, recommend, upload
from tests.factories import (
    CampaignFactory,
    DiagnosisReportFactory,
    OrganizerFactory,
    SubmissionFactory,
    TaskFactory,
    TaskLetterFactory,
    UserFactory,
)
from tests.fixtures.sheets import intent_row, intent_xlsx
from tests.reports.documents_data import content, render

pytestmark = pytest.mark.django_db

ORIGINAL = "唐山测试钢铁有限公司"  # the `enterprise` fixture's name, as Hebei listed it
RENAMED = "山东冒名化工有限公司"
RECORD = ("name", "city", "county", "industry_id", "is_sme", "sme_class", "energy_tce")
LISTING = ("enterprise_name", "city", "county", "industry_id", "energy_tce", "is_sme", "sme_class")


@pytest.fixture
def diagnosed(hebei, agency, enterprise, ministry_user):
    """Hebei's 2020 task of `enterprise`: approved, published, letter signed, report accepted."""
    year = CampaignFactory(year=2020)
    task = TaskFactory(
        campaign=year,
        organizer=hebei,
        agency=agency,
        enterprise=enterprise,
        seq=1,
        state=TaskState.LETTER_SIGNED,
    )
    SubmissionFactory(organizer=hebei, campaign=year, form=Form.INTENT, approved=True)
    TaskLetterFactory(campaign=year, organizer=hebei, agency=agency, signed=True).signed_scan.save(
        "scan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n")
    )
    published_list_publish(campaign=year, actor=ministry_user)
    report = DiagnosisReportFactory(
        task=task, savings_tce=Decimal("100"), file_type="pdf", file_size=15
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    DiagnosisTask.objects.filter(pk=task.pk).update(state=TaskState.ACCEPTED)
    task.refresh_from_db()
    return task


def attack_body(campaign, agency, code: str) -> dict:
    return {
        "campaign": campaign.pk,
        "enterprise_name": RENAMED,
        "credit_code": code,
        "city": "济南市",
        "county": "历城区",
        "industry": "C26",
        "energy_tce": "1",
        "diagnosis_type": DiagnosisType.SME,
        "agency": agency.pk,
        "is_sme": True,
        "sme_class": "micro",
    }


def attack_rows(agency, code: str) -> list[dict]:
    return [
        intent_row(
            1,
            **{
                "企业名称": RENAMED,
                "所在地市": "济南市",
                "所在区县": "历城区",
                "所属行业": "化学原料和化学制品制造业",
                "组织机构代码": code,
                "上年度综合能源消费量（吨标准煤）": 1,
                "节能诊断类型": "中小企业",
                "提供服务的机构": agency.name,
                "是否中小企业": "是（微型）",
            },
        )
    ]


def _letter_names(user, task) -> dict[str, list[str]]:
    letter = TaskLetter.objects.get(
        campaign=task.campaign, organizer=task.organizer, agency=task.agency
    )
    word = docx.Document(
        content(render(user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk}))
    )
    rows = [[c.text for c in row.cells] for row in word.tables[0].rows[1:]]
    return {"word": [r[1] for r in rows], "location": [r[3] for r in rows]}


def _intent_form(user, task) -> list[tuple]:
    ws = openpyxl.load_workbook(
        content(
            render(user, DocumentKind.FORM_INTENT, campaign=task.campaign, organizer=task.organizer)
        )
    ).active
    return [
        row[1:5]
        for row in ws.iter_rows(min_row=5, values_only=True)
        if row[5] == task.enterprise.credit_code
    ]


def hebei_view(task, *, hebei_user, ministry_user, enterprise_user, client_for) -> dict:
    """Everything Hebei and the enterprise's user see of the task, read and rendered afresh."""
    task = DiagnosisTask.objects.get(pk=task.pk)
    enterprise = Enterprise.objects.get(pk=task.enterprise_id)
    report_page = client_for(hebei_user).get(reverse("reports:report-detail", args=[task.pk]))
    own_page = client_for(enterprise_user).get(reverse("reports:report-detail", args=[task.pk]))
    home = client_for(enterprise_user).get(reverse("home"))
    list_page = client_for(hebei_user).get(reverse("enterprises:task-list"), {"year": 2020})
    api_task = client_for(hebei_user).get(f"/api/v1/tasks/{task.pk}/").json()
    published = list(
        PublishedEntry.objects.filter(task=task).values_list("enterprise_name", "city")
    )
    return {
        "record": {name: getattr(enterprise, name) for name in RECORD},
        "listing": {name: getattr(task, name) for name in LISTING},
        "updated_at": (task.updated_at, enterprise.updated_at),
        "report page": ORIGINAL in report_page.content.decode(),
        "enterprise's report page": ORIGINAL in own_page.content.decode(),
        "enterprise's home": (home.context["request"].user.tenant_name, RENAMED in home.text),
        "list page": [t.enterprise_name for t in list_page.context["page_obj"]],
        "api": (api_task["enterprise_name"], api_task["city"], api_task["sme_class"]),
        "letter": _letter_names(hebei_user, task),
        "附件3": _intent_form(hebei_user, task),
        "published": published,
        "package": [f.arcname for f in package_report_files(task.campaign, task.organizer)],
        "export": [r["name"] for r in status_rows(ministry_user, task.campaign)[1]],
        "renamed anywhere": RENAMED in report_page.text + own_page.text + list_page.text,
    }


@pytest.fixture
def view_of(organizer_user, ministry_user, enterprise_user, client_for):
    def read(task):
        return hebei_view(
            task,
            hebei_user=organizer_user,
            ministry_user=ministry_user,
            enterprise_user=enterprise_user,
            client_for=client_for,
        )

    return read


def test_the_view_shows_what_hebei_listed(diagnosed, view_of):
    """The baseline the attacks compare against shows Hebei's own listing everywhere."""
    view = view_of(diagnosed)
    assert view["record"]["name"] == ORIGINAL and view["listing"]["enterprise_name"] == ORIGINAL
    assert view["report page"] and view["enterprise's report page"]
    assert view["enterprise's home"] == (ORIGINAL, False)
    assert view["list page"] == [ORIGINAL] and view["api"][0] == ORIGINAL
    assert view["letter"] == {"word": [ORIGINAL], "location": ["河北省唐山市路北区"]}
    assert view["附件3"] == [(ORIGINAL, "唐山市", "路北区", "黑色金属冶炼和压延加工业")]
    assert view["published"] == [(ORIGINAL, "唐山市")]
    assert view["package"] == [f"诊断报告/1-{ORIGINAL}.pdf"]
    assert view["export"] == [ORIGINAL] and not view["renamed anywhere"]


# ------------------------------------------------------------------ the attacks


def _shandong_lists_it_by_api(year, shandong_user, api_for, enterprise, agency):
    response = api_for(shandong_user).post(
        "/api/v1/tasks/", attack_body(year, agency, enterprise.credit_code), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["enterprise_name"] == RENAMED


def _own_client(user) -> Client:
    """The attacker's own browser: its flash messages never reach Hebei's pages."""
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    return client


def _shandong_lists_it_on_the_page(year, shandong_user, enterprise, agency):
    body = attack_body(year, agency, enterprise.credit_code)
    response = _own_client(shandong_user).post(
        reverse("enterprises:task-create"),
        {
            **body,
            "year": year.year,
            "agency": agency.name,
            "sme": "micro",
            "remarks": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.content.decode()[:2000]


def _shandong_imports_it_on_the_page(year, shandong_user, enterprise, agency):
    response = _own_client(shandong_user).post(
        reverse("enterprises:task-import"),
        {
            "year": year.year,
            "import": "1",
            "file": upload("附件3.xlsx", intent_xlsx(attack_rows(agency, enterprise.credit_code))),
        },
    )
    assert response.context["outcome"].created == 1, response.context["outcome"].errors


def _shandong_imports_it_by_api(year, shandong_user, api_for, enterprise, agency):
    response = api_for(shandong_user).post(
        "/api/v1/tasks/import/",
        {
            "campaign": year.pk,
            "file": upload("附件3.xlsx", intent_xlsx(attack_rows(agency, enterprise.credit_code))),
        },
        format="multipart",
    )
    assert response.status_code == 200 and response.json()["created"] == 1, response.json()


def _shandong_imports_it_by_service(year, shandong_user, enterprise, agency):
    outcome = import_rows(
        year,
        shandong_user.organizer,
        attack_rows(agency, enterprise.credit_code),
        actor=shandong_user,
    )
    assert outcome.ok and outcome.created == 1


PATHS = ("api", "page", "import page", "import api", "import service")


def _attack(path, year, shandong_user, enterprise, agency, *, api_for) -> None:
    if path == "api":
        _shandong_lists_it_by_api(year, shandong_user, api_for, enterprise, agency)
    elif path == "page":
        _shandong_lists_it_on_the_page(year, shandong_user, enterprise, agency)
    elif path == "import page":
        _shandong_imports_it_on_the_page(year, shandong_user, enterprise, agency)
    elif path == "import api":
        _shandong_imports_it_by_api(year, shandong_user, api_for, enterprise, agency)
    else:
        _shandong_imports_it_by_service(year, shandong_user, enterprise, agency)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("year", [2019, 2021], ids=["earlier year", "open campaign"])
def test_another_organizer_listing_the_enterprise_changes_nothing_of_hebeis(
    path,
    year,
    diagnosed,
    view_of,
    shandong,
    other_organizer_user,
    other_agency,
    enterprise,
    api_for,
):
    """Shandong lists Hebei's enterprise under another name, place, industry, SME class and
    energy; Hebei's 2020 task, 附件3, letter, report pages, package, export and published list
    and the enterprise user's view are exactly as they were; Shandong's task shows its own."""
    before = view_of(diagnosed)
    campaign = CampaignFactory(year=year)
    recommend(campaign, shandong, other_agency)
    _attack(
        path,
        campaign,
        other_organizer_user,
        enterprise,
        other_agency,
        api_for=api_for,
    )
    theirs = DiagnosisTask.objects.get(campaign=campaign, enterprise=enterprise)
    assert theirs.organizer == shandong
    assert (theirs.enterprise_name, theirs.city, theirs.sme_class, theirs.energy_tce) == (
        RENAMED,
        "济南市",
        "micro",
        Decimal(1),
    )
    assert view_of(diagnosed) == before


@pytest.mark.parametrize("year", [2019, 2021], ids=["earlier year", "open campaign"])
def test_an_association_importing_one_row_changes_nothing_of_hebeis(
    year, diagnosed, view_of, enterprise, other_agency
):
    """The issue's cisa case: an association's one-row 附件3 leaves Hebei's views alone."""
    cisa = OrganizerFactory(code="ASSOC-CISA-T", name="中国钢铁工业协会（测试）")
    cisa_user = UserFactory(username="cisa-staff", role="organizer", organizer=cisa)
    before = view_of(diagnosed)
    campaign = CampaignFactory(year=year)
    recommend(campaign, cisa, other_agency)
    _shandong_imports_it_by_service(campaign, cisa_user, enterprise, other_agency)
    assert view_of(diagnosed) == before


def test_publishing_again_after_the_attack_keeps_hebeis_names(
    diagnosed, view_of, shandong, other_organizer_user, other_agency, enterprise, ministry_user
):
    """The next version of Hebei's published 2020 list still carries Hebei's listing."""
    campaign = CampaignFactory(year=2019)
    recommend(campaign, shandong, other_agency)
    _shandong_imports_it_by_service(campaign, other_organizer_user, enterprise, other_agency)
    TaskFactory(
        campaign=diagnosed.campaign,
        organizer=diagnosed.organizer,
        agency=diagnosed.agency,
        seq=2,
        state=TaskState.LETTER_SIGNED,
    )
    again = published_list_publish(campaign=diagnosed.campaign, actor=ministry_user)
    names = list(again.entries.order_by("seq").values_list("enterprise_name", "city"))
    assert names[0] == (ORIGINAL, "唐山市") and again.version == 2


# ------------------------------------------------------------------ who describes the record


def test_a_new_credit_code_creates_the_record_from_the_listing(
    campaign, shandong, other_organizer_user, other_agency, api_for
):
    """The first listing of a credit code fills the national record."""
    recommend(campaign, shandong, other_agency)
    code = intent_row(7)["组织机构代码"]
    response = api_for(other_organizer_user).post(
        "/api/v1/tasks/", attack_body(campaign, other_agency, code), format="json"
    )
    assert response.status_code == 201
    record = Enterprise.objects.get(credit_code=code)
    assert (record.name, record.city, record.sme_class, record.province_code) == (
        RENAMED,
        "济南市",
        "micro",
        "370000",
    )


def test_the_only_organizer_listing_it_keeps_the_record_described(
    campaign, hebei, agency, enterprise, organizer_user, api_for
):
    """Hebei renames its own enterprise in its current listing: the record follows."""
    recommend(campaign, hebei, agency)
    task = TaskFactory(campaign=campaign, organizer=hebei, agency=agency, enterprise=enterprise)
    body = {**attack_body(campaign, agency, enterprise.credit_code), "enterprise_name": "新名"}
    response = api_for(organizer_user).put(f"/api/v1/tasks/{task.pk}/", body, format="json")
    assert response.status_code == 200
    assert Enterprise.objects.get(pk=enterprise.pk).name == "新名"


def test_once_shared_no_listing_redescribes_the_record(
    campaign, diagnosed, hebei, agency, shandong, other_agency, enterprise, organizer_user, api_for
):
    """Listed by two organizers, the record keeps its description; Hebei's own later listing
    only changes Hebei's task."""
    earlier = CampaignFactory(year=2019)
    recommend(earlier, shandong, other_agency)
    TaskFactory(campaign=earlier, organizer=shandong, agency=other_agency, enterprise=enterprise)
    recommend(campaign, hebei, agency)
    body = {**attack_body(campaign, agency, enterprise.credit_code), "enterprise_name": "新名"}
    response = api_for(organizer_user).post("/api/v1/tasks/", body, format="json")
    assert response.status_code == 201 and response.json()["enterprise_name"] == "新名"
    assert Enterprise.objects.get(pk=enterprise.pk).name == ORIGINAL


def test_an_earlier_campaigns_listing_does_not_redescribe_the_record(
    hebei, agency, enterprise, organizer_user
):
    """Hebei re-importing its 2019 list leaves the record as its 2021 listing described it."""
    current = CampaignFactory(year=2021)
    TaskFactory(campaign=current, organizer=hebei, agency=agency, enterprise=enterprise)
    earlier = CampaignFactory(year=2019)
    recommend(earlier, hebei, agency)
    outcome = import_rows(
        earlier, hebei, attack_rows(agency, enterprise.credit_code), actor=organizer_user
    )
    assert outcome.ok and outcome.created == 1
    assert Enterprise.objects.get(pk=enterprise.pk).name == ORIGINAL


def test_the_ministry_corrects_the_record_in_the_admin_and_it_is_audited(
    diagnosed, enterprise, client, view_of
):
    """The ministry's system administrator (the only one the admin opens for) corrects the
    record through the registry service: audited under their name; Hebei's listing stays."""
    admin = UserFactory(username="sysadmin", duty=Duty.SYSTEM, is_staff=True, is_superuser=True)
    client.force_login(admin, backend="portal.security.backends.TenantModelBackend")
    url = reverse("admin:enterprises_enterprise_change", args=[enterprise.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"name": "唐山更正钢铁有限公司", "is_sme": ""})
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Enterprise.objects.get(pk=enterprise.pk).name == "唐山更正钢铁有限公司"
    audit = AuditLog.objects.get(action="enterprise.describe", object_id=str(enterprise.pk))
    assert audit.actor_id == admin.pk
    assert DiagnosisTask.objects.get(pk=diagnosed.pk).enterprise_name == ORIGINAL


@pytest.mark.parametrize("duty", [Duty.SECURITY, Duty.AUDIT])
def test_the_ministrys_daily_staff_cannot_open_the_admin_to_correct_the_record(
    enterprise, client, duty
):
    """Daily staff and the security and audit administrators are sent to the admin's sign-in;
    the record stays."""
    for user in (
        UserFactory(username="ministry-daily"),
        UserFactory(username=f"ministry-{duty}", duty=duty),
    ):
        client.force_login(user, backend="portal.security.backends.TenantModelBackend")
        url = reverse("admin:enterprises_enterprise_change", args=[enterprise.pk])
        response = client.post(url, {"name": "改名", "credit_code": enterprise.credit_code})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Enterprise.objects.get(pk=enterprise.pk).name == ORIGINAL


@pytest.mark.parametrize("duty", [Duty.SECURITY, Duty.AUDIT])
def test_security_and_audit_administrators_cannot_use_the_correction(enterprise, duty):
    """Separation of duties: the security and audit administrators change no business data."""
    user = UserFactory(username=f"ministry-{duty}", duty=duty)
    with pytest.raises(PermissionDenied):
        enterprise_describe(enterprise=enterprise, values={"name": "x"}, actor=user)
    assert Enterprise.objects.get(pk=enterprise.pk).name == ORIGINAL


def test_an_organizer_cannot_use_the_ministrys_correction(enterprise, organizer_user):
    """enterprise_describe refuses anyone but the ministry."""
    with pytest.raises(PermissionDenied):
        enterprise_describe(enterprise=enterprise, values={"name": "x"}, actor=organizer_user)
    assert Enterprise.objects.get(pk=enterprise.pk).name == ORIGINAL


# ------------------------------------------------------------------ the data migration


def test_migration_gives_every_task_its_enterprise_as_shown_today(hebei, enterprise):
    """Tasks take the record's name, and its city and county where they had none."""
    migration = importlib.import_module("enterprises.migrations.0005_task_enterprise_name")
    task = TaskFactory(organizer=hebei, enterprise=enterprise, enterprise_name="", city="")
    other = TaskFactory(organizer=hebei, city="保定市", county="")
    DiagnosisTask.objects.filter(pk=other.pk).update(enterprise_name="")
    migration.fill_listed_names(apps, None)
    task.refresh_from_db()
    other.refresh_from_db()
    assert (task.enterprise_name, task.city, task.county) == (ORIGINAL, "唐山市", "路北区")
    assert (other.enterprise_name, other.city, other.county) == (
        other.enterprise.name,
        "保定市",
        "路北区",
    )
