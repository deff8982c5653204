"""跟踪服务 rows link themselves to the enterprise's earlier diagnosis by credit code (notice
一(五)): by hand, from the picker, by import and by API; a never-diagnosed enterprise is refused."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.choices import DiagnosisType, TaskState
from enterprises.earlier import earlier_enterprises_for
from enterprises.models import DiagnosisTask, Enterprise, PublishedList
from enterprises.services import TaskInput, follow_up_task_add, task_save
from portal.choices import CampaignState
from portal.errors import DomainError
from portal.models import AuditLog, Campaign
from reports.models import FollowUp
from tests.enterprises.workflow_helpers import import_rows, recommend, rows
from tests.factories import (
    CampaignFactory,
    DiagnosisReportFactory,
    EnterpriseFactory,
    MeasureFactory,
    TaskFactory,
    UserFactory,
    province,
)
from tests.fixtures.sheets import intent_row

pytestmark = pytest.mark.django_db
FOLLOW_UP = DiagnosisType.FOLLOW_UP
HEBEI = "130000"


def _row(enterprise, agency, **changes) -> TaskInput:
    values = {
        "enterprise_name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "city": "唐山市",
        "industry_code": "C31",
        "energy_tce": Decimal(8000),
        "diagnosis_type": FOLLOW_UP,
        "is_sme": False,
        "agency": agency.name,
        **changes,
    }
    return TaskInput(**values)


@pytest.fixture
def hebei_list(campaign, hebei, agency):
    recommend(campaign, hebei, agency)
    return {"campaign": campaign, "organizer": hebei}


def _diagnosed(enterprise, year: int, organizer=None, **kwargs) -> DiagnosisTask:
    """An accepted diagnosis of `enterprise` in `year` (a campaign run in the portal), by Hebei
    unless said otherwise (a follow-up links only its own organizer's earlier diagnoses)."""
    campaign = CampaignFactory(year=year)
    organizer = organizer or province(HEBEI)
    return TaskFactory(
        campaign=campaign, enterprise=enterprise, accepted=True, organizer=organizer, **kwargs
    )


def _save(target, data, **kwargs) -> DiagnosisTask:
    return task_save(**target, data=data, actor=None, **kwargs)


def test_a_follow_up_row_links_to_the_most_recent_earlier_diagnosis(hebei_list, agency):
    """Diagnosed in 2019 and again in 2020: the 2021 跟踪服务 row follows up 2020."""
    enterprise = EnterpriseFactory()
    _diagnosed(enterprise, 2019)
    latest = _diagnosed(enterprise, 2020)
    task = _save(hebei_list, _row(enterprise, agency))
    assert task.previous_task_id == latest.pk
    assert "跟踪服务 of task" in AuditLog.objects.get(action="task.create").summary


def test_a_never_diagnosed_enterprise_is_refused_with_the_reason(hebei_list, agency):
    """No earlier diagnosis: refused on the diagnosis type, naming the code; nothing stored."""
    enterprise = EnterpriseFactory()
    with pytest.raises(DomainError) as refused:
        _save(hebei_list, _row(enterprise, agency))
    assert refused.value.field == "diagnosis_type"
    assert enterprise.credit_code in str(refused.value.message)
    assert not DiagnosisTask.objects.filter(campaign=hebei_list["campaign"]).exists()


def test_an_earlier_listing_that_was_never_diagnosed_does_not_count(hebei_list, agency):
    """In a year run in the portal (its list published), a task that never got past its letter
    was not diagnosed; neither is a later campaign's task nor an earlier follow-up."""
    enterprise = EnterpriseFactory()
    year = CampaignFactory(year=2020)
    PublishedList.objects.create(
        campaign=year, version=1, published_at=year.created_at, published_by=UserFactory()
    )
    TaskFactory(
        campaign=year,
        enterprise=enterprise,
        state=TaskState.LETTER_SIGNED,
        organizer=province(HEBEI),
    )
    with pytest.raises(DomainError):
        _save(hebei_list, _row(enterprise, agency))


def test_a_history_only_year_counts_as_diagnosed(hebei_list, agency):
    """A 2019 list imported as history (no national list published in the portal) is the
    record of who was diagnosed, whatever the state its rows were imported in."""
    enterprise = EnterpriseFactory()
    history = TaskFactory(
        campaign=CampaignFactory(year=2019), enterprise=enterprise, organizer=province(HEBEI)
    )
    assert _save(hebei_list, _row(enterprise, agency)).previous_task_id == history.pk


def test_an_earlier_report_on_file_counts_even_for_a_published_year(hebei_list, agency):
    """A task with its report (entered history) counts although its state stayed early."""
    enterprise = EnterpriseFactory()
    year = CampaignFactory(year=2020)
    PublishedList.objects.create(
        campaign=year, version=1, published_at=year.created_at, published_by=UserFactory()
    )
    earlier = TaskFactory(
        campaign=year, enterprise=enterprise, state=TaskState.PUBLISHED, organizer=province(HEBEI)
    )
    DiagnosisReportFactory(task=earlier, submitted=True)
    assert _save(hebei_list, _row(enterprise, agency)).previous_task_id == earlier.pk


def test_changing_the_type_away_unlinks(hebei_list, agency):
    """A row changed from 跟踪服务 to 重点行业 no longer follows anything up."""
    enterprise = EnterpriseFactory()
    _diagnosed(enterprise, 2019)
    task = _save(hebei_list, _row(enterprise, agency))
    task = _save(hebei_list, _row(enterprise, agency, diagnosis_type="key_industry"), task=task)
    assert DiagnosisTask.objects.get(pk=task.pk).previous_task_id is None


def test_a_follow_up_with_records_keeps_its_link(hebei_list, agency):
    """Once the agency recorded about earlier measures, the type cannot change: refused."""
    enterprise = EnterpriseFactory()
    earlier = _diagnosed(enterprise, 2019)
    measure = MeasureFactory(report=DiagnosisReportFactory(task=earlier, submitted=True))
    task = _save(hebei_list, _row(enterprise, agency))
    FollowUp.objects.create(task=task, measure=measure)
    with pytest.raises(DomainError) as refused:
        _save(hebei_list, _row(enterprise, agency, diagnosis_type="key_industry"), task=task)
    assert refused.value.field == "diagnosis_type"
    assert DiagnosisTask.objects.get(pk=task.pk).previous_task_id == earlier.pk


def test_the_picker_adds_the_earlier_listing_as_a_follow_up(hebei_list, hebei, agency):
    """follow_up_task_add: the earlier listing's values, this year's agency by default the
    earlier one, linked to the earlier diagnosis."""
    earlier = _diagnosed(EnterpriseFactory(), 2020, organizer=hebei, agency=agency)
    task = follow_up_task_add(
        **hebei_list, credit_code=earlier.enterprise.credit_code.lower(), actor=None
    )
    assert (task.diagnosis_type, task.previous_task_id, task.agency_id) == (
        FOLLOW_UP,
        earlier.pk,
        agency.pk,
    )
    assert (task.enterprise_name, task.city) == (earlier.enterprise_name, earlier.city)


def test_the_picker_lists_only_the_organizers_own_earlier_enterprises(campaign, hebei, shandong):
    """Hebei's 2019/2020 diagnoses, each enterprise once, not Shandong's, not one already
    listed this year, not a never-diagnosed listing of a published year."""
    mine = EnterpriseFactory(name="冀甲钢铁")
    _diagnosed(mine, 2019, organizer=hebei)
    _diagnosed(mine, 2020, organizer=hebei)
    listed = _diagnosed(EnterpriseFactory(name="冀乙钢铁"), 2020, organizer=hebei).enterprise
    TaskFactory(campaign=campaign, enterprise=listed, organizer=hebei)
    _diagnosed(EnterpriseFactory(name="鲁丙化工"), 2020, organizer=shandong)
    rows_ = earlier_enterprises_for(hebei, campaign)
    assert [(r.name, r.year) for r in rows_] == [("冀甲钢铁", 2020)]
    assert earlier_enterprises_for(hebei, campaign, q="鲁") == []
    assert earlier_enterprises_for(hebei, campaign, q=mine.credit_code[:10].lower())


@pytest.mark.django_db(transaction=True)  # versions move when a write commits
def test_the_picker_is_read_once_per_data_version(reference_data, campaign, hebei, settings):
    """The intent list shows the picker on every request: its list is kept until a task,
    enterprise or report changes, and a listing this year then removes the enterprise."""
    settings.DATAVERSION_LOCAL = True
    first = _diagnosed(EnterpriseFactory(name="冀甲钢铁"), 2020, organizer=hebei)
    second = _diagnosed(EnterpriseFactory(name="冀乙钢铁"), 2020, organizer=hebei)
    assert [r.name for r in earlier_enterprises_for(hebei, campaign)] == ["冀乙钢铁", "冀甲钢铁"]
    with CaptureQueriesContext(connection) as queries:
        kept = earlier_enterprises_for(hebei, campaign)
    assert len(queries) == 0 and [r.task_id for r in kept] == [second.pk, first.pk]
    kept.clear()  # a caller's list is its own copy
    TaskFactory(campaign=campaign, enterprise=first.enterprise, organizer=hebei)
    assert [r.name for r in earlier_enterprises_for(hebei, campaign)] == ["冀乙钢铁"]
    Enterprise.objects.filter(pk=second.enterprise_id).update(name="冀乙钢铁（更名）")
    DiagnosisTask.objects.filter(pk=second.pk).update(enterprise_name="冀乙钢铁（更名）")
    assert [r.name for r in earlier_enterprises_for(hebei, campaign)] == ["冀乙钢铁（更名）"]


# --- Import --------------------------------------------------------------------------------------


def test_import_links_follow_up_rows(campaign, shandong, other_agency):
    """An 附件3 row typed 跟踪服务 is linked by its credit code like one entered by hand."""
    recommend(campaign, shandong, other_agency)
    table = rows(2, other_agency.name)
    earlier = _diagnosed(
        EnterpriseFactory(credit_code=table[1]["组织机构代码"]), 2019, organizer=shandong
    )
    table[1]["节能诊断类型"] = "跟踪服务"
    outcome = import_rows(campaign, shandong, table)
    assert outcome.ok, outcome.errors
    linked = DiagnosisTask.objects.get(campaign=campaign, enterprise=earlier.enterprise)
    assert linked.previous_task_id == earlier.pk
    table[1]["节能诊断类型"] = "重点行业"  # re-imported as another type: unlinked
    assert import_rows(campaign, shandong, table).updated == 1
    linked.refresh_from_db()
    assert linked.previous_task_id is None


def test_import_refuses_a_never_diagnosed_follow_up_naming_row_and_column(
    campaign, shandong, other_agency
):
    """Row 3 is 跟踪服务 for an enterprise never diagnosed: row, column and reason; nothing
    of the file is stored, and what was stored before stays."""
    recommend(campaign, shandong, other_agency)
    import_rows(campaign, shandong, rows(1, other_agency.name))
    before = list(DiagnosisTask.objects.values_list("pk", "updated_at"))
    table = [*rows(2, other_agency.name), intent_row(3, 提供服务的机构=other_agency.name)]
    table[2]["节能诊断类型"] = "跟踪服务"
    outcome = import_rows(campaign, shandong, table)
    assert not outcome.ok
    [error] = outcome.errors
    assert (error.row, error.column) == (3, "节能诊断类型")
    assert "跟踪服务" in str(error.reason)
    assert list(DiagnosisTask.objects.values_list("pk", "updated_at")) == before


# --- API and page ---------------------------------------------------------------------------------


def _api_row(enterprise, agency, campaign) -> dict:
    return {
        "campaign": campaign.pk,
        "enterprise_name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "city": "唐山市",
        "industry": "C31",
        "energy_tce": "8000",
        "diagnosis_type": "follow_up",
        "agency": agency.pk,
        "is_sme": False,
    }


def test_api_create_links_and_refuses(api_for, organizer_user, hebei_list, agency):
    """POST /api/v1/tasks/ with 跟踪服务: linked (previous_task), or 4xx naming the field."""
    campaign = hebei_list["campaign"]
    api = api_for(organizer_user)
    earlier = _diagnosed(EnterpriseFactory(), 2020)
    response = api.post(
        "/api/v1/tasks/", _api_row(earlier.enterprise, agency, campaign), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["previous_task"] == earlier.pk
    never = EnterpriseFactory()
    response = api.post("/api/v1/tasks/", _api_row(never, agency, campaign), format="json")
    assert response.status_code in (400, 409, 422)
    assert "diagnosis_type" in response.content.decode()
    assert not DiagnosisTask.objects.filter(enterprise=never).exists()


def test_api_picker_and_follow_up_add(api_for, organizer_user, agency_user, hebei_list, hebei):
    """GET tasks/earlier-enterprises/ lists the organizer's own; POST tasks/follow-up/ adds."""
    campaign = hebei_list["campaign"]
    earlier = _diagnosed(EnterpriseFactory(name="冀丁钢铁"), 2019, organizer=hebei)
    api = api_for(organizer_user)
    listed = api.get("/api/v1/tasks/earlier-enterprises/", {"year": 2021}).json()
    assert [(r["name"], r["task_id"]) for r in listed] == [("冀丁钢铁", earlier.pk)]
    assert api_for(agency_user).get("/api/v1/tasks/earlier-enterprises/").status_code == 403
    response = api.post(
        "/api/v1/tasks/follow-up/",
        {"campaign": campaign.pk, "credit_code": earlier.enterprise.credit_code},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["previous_task"] == earlier.pk


def test_page_picker_shows_own_earlier_enterprises_and_adds_one(
    client_for, organizer_user, hebei_list, hebei, shandong
):
    """The intent-list page offers Hebei's earlier-diagnosed enterprises only; picking one
    adds the 跟踪服务 row, linked."""
    earlier = _diagnosed(EnterpriseFactory(name="冀戊钢铁"), 2020, organizer=hebei)
    _diagnosed(EnterpriseFactory(name="鲁己化工"), 2020, organizer=shandong)
    client = client_for(organizer_user)
    page = client.get(reverse("enterprises:task-list"), {"year": 2021})
    html = page.content.decode()
    assert "冀戊钢铁" in html and "鲁己化工" not in html
    response = client.post(
        reverse("enterprises:task-follow-up"),
        {"year": 2021, "credit_code": earlier.enterprise.credit_code},
    )
    assert response.status_code == 302
    task = DiagnosisTask.objects.get(campaign=hebei_list["campaign"], enterprise=earlier.enterprise)
    assert task.previous_task_id == earlier.pk


def test_page_picker_refuses_a_never_diagnosed_enterprise(client_for, organizer_user, hebei_list):
    """A code nobody diagnosed before: 422 with the reason on the form, nothing added."""
    never = EnterpriseFactory()
    response = client_for(organizer_user).post(
        reverse("enterprises:task-follow-up"), {"year": 2021, "credit_code": never.credit_code}
    )
    assert response.status_code == 422
    assert never.credit_code in response.content.decode()
    assert not DiagnosisTask.objects.filter(enterprise=never).exists()


def test_page_row_typed_follow_up_links_itself(client_for, organizer_user, hebei_list, agency):
    """The add row of the table with 跟踪服务 links the new task like every other path."""
    earlier = _diagnosed(EnterpriseFactory(), 2019)
    response = client_for(organizer_user).post(
        reverse("enterprises:task-create"),
        {
            "year": 2021,
            "enterprise_name": earlier.enterprise.name,
            "credit_code": earlier.enterprise.credit_code,
            "city": "唐山市",
            "industry": "C31",
            "energy_tce": "8000",
            "diagnosis_type": "follow_up",
            "agency": agency.name,
            "sme": "no",
        },
    )
    assert response.status_code == 302
    task = DiagnosisTask.objects.get(campaign=hebei_list["campaign"], enterprise=earlier.enterprise)
    assert task.previous_task_id == earlier.pk


def test_page_picker_in_a_closed_year_is_refused(client_for, organizer_user, hebei_list, hebei):
    """A closed campaign takes no follow-up row: 409 with the reason shown, nothing added."""
    earlier = _diagnosed(EnterpriseFactory(), 2020, organizer=hebei)
    Campaign.objects.filter(pk=hebei_list["campaign"].pk).update(state=CampaignState.CLOSED)
    response = client_for(organizer_user).post(
        reverse("enterprises:task-follow-up"),
        {"year": 2021, "credit_code": earlier.enterprise.credit_code},
    )
    assert response.status_code == 409
    assert "2021" in response.context["refusal"]
    assert not DiagnosisTask.objects.filter(campaign=hebei_list["campaign"]).exists()


def test_another_organizers_earlier_diagnosis_is_not_linked(hebei_list, agency, shandong):
    """A follow-up records its findings on the earlier report's measures: linking Shandong's
    diagnosis would let Hebei's row write what Shandong shows, so it is refused, by page and
    by the picker's API alike, and nothing is stored."""
    enterprise = EnterpriseFactory()
    _diagnosed(enterprise, 2020, organizer=shandong)
    with pytest.raises(DomainError) as refused:
        _save(hebei_list, _row(enterprise, agency))
    assert enterprise.credit_code in str(refused.value.message)
    with pytest.raises(DomainError):
        follow_up_task_add(**hebei_list, credit_code=enterprise.credit_code, actor=None)
    assert not DiagnosisTask.objects.filter(campaign=hebei_list["campaign"]).exists()
