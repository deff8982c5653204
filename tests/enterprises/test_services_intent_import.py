"""intent_list_import: database rules, all-or-nothing writes, idempotent re-imports (SPEC §8-9)."""

import pytest
from django.utils import translation

from agencies.services import agency_list_import
from enterprises.choices import DiagnosisType, LetterState, TaskState
from enterprises.models import DiagnosisTask, Enterprise, TaskLetter
from enterprises.services import intent_list_import
from portal.errors import DomainError
from portal.models import AuditLog
from tests.enterprises.workflow_helpers import SAMPLES, import_rows, recommend, rows
from tests.factories import AgencyFactory, SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db
AGENCY = "山东测试节能技术服务有限公司"


@pytest.fixture
def shandong_list(campaign, shandong, other_agency):
    recommend(campaign, shandong, other_agency)
    return campaign, shandong


def test_clean_file_creates_every_task_with_counts(shandong_list, other_organizer_user):
    """A clean file adds its rows as tasks of the organizer, matched to the agency."""
    campaign, shandong = shandong_list
    outcome = import_rows(campaign, shandong, rows(5, AGENCY), actor=other_organizer_user)
    assert outcome.ok and (outcome.created, outcome.updated, outcome.unchanged) == (5, 0, 0)
    tasks = DiagnosisTask.objects.filter(campaign=campaign, organizer=shandong)
    assert tasks.count() == 5
    assert set(tasks.values_list("state", flat=True)) == {TaskState.MATCHED}
    assert AuditLog.objects.filter(action="task.import").count() == 1


def test_same_file_twice_changes_nothing(shandong_list):
    """Importing the same file again reports everything unchanged and writes nothing new."""
    campaign, shandong = shandong_list
    import_rows(campaign, shandong, rows(4, AGENCY))
    before = list(DiagnosisTask.objects.values_list("pk", "updated_at"))
    outcome = import_rows(campaign, shandong, rows(4, AGENCY))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 4)
    assert list(DiagnosisTask.objects.values_list("pk", "updated_at")) == before


def test_changed_row_updates_by_credit_code(shandong_list):
    """A row with the same credit code and a new value updates the task and the enterprise."""
    campaign, shandong = shandong_list
    import_rows(campaign, shandong, rows(3, AGENCY))
    table = rows(3, AGENCY)
    table[1]["上年度综合能源消费量（吨标准煤）"] = 999
    table[1]["企业名称"] = "改名后的钢铁有限公司"
    outcome = import_rows(campaign, shandong, table)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    task = DiagnosisTask.objects.get(seq=2)
    assert task.energy_tce == 999 and task.enterprise.name == "改名后的钢铁有限公司"


def test_enterprise_of_another_organizer_is_refused_naming_it(shandong_list, hebei):
    """One enterprise per campaign across all organizers; the message names the other one."""
    campaign, shandong = shandong_list
    import_rows(campaign, shandong, rows(2, AGENCY))
    recommend(campaign, hebei, AgencyFactory(name=AGENCY + "河北"))
    outcome = import_rows(campaign, hebei, rows(2, AGENCY))
    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [(1, "组织机构代码"), (2, "组织机构代码")]
    assert shandong.name in outcome.errors[0].reason
    assert DiagnosisTask.objects.filter(organizer=hebei).count() == 0


def test_registered_but_not_recommended_agency_is_accepted(campaign, shandong):
    """The agency may come from the national registry without being recommended."""
    AgencyFactory(name="全国登记节能服务有限公司")
    outcome = import_rows(campaign, shandong, rows(2, "全国登记节能服务有限公司"))
    assert outcome.ok and outcome.created == 2


def test_unknown_agency_is_a_row_error_and_nothing_is_stored(shandong_list):
    """An agency neither recommended nor registered fails its row; no row is imported."""
    campaign, shandong = shandong_list
    table = rows(3, AGENCY)
    table[2]["提供服务的机构"] = "不存在的节能公司"
    outcome = import_rows(campaign, shandong, table)
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "提供服务的机构")]
    assert "不存在的节能公司" in outcome.errors[0].reason
    assert not DiagnosisTask.objects.exists() and not Enterprise.objects.exists()


def test_ambiguous_registry_name_asks_for_the_credit_code(campaign, shandong):
    """Two registered agencies of one name: the cell must give the credit code too."""
    first, _second = AgencyFactory(name="同名节能公司"), AgencyFactory(name="同名节能公司")
    with translation.override("en"):
        outcome = import_rows(campaign, shandong, rows(1, "同名节能公司"))
    assert "credit code" in outcome.errors[0].reason
    outcome = import_rows(campaign, shandong, rows(1, f"同名节能公司（{first.credit_code}）"))
    assert outcome.ok and DiagnosisTask.objects.get().agency == first


def test_parser_and_database_errors_are_reported_together(shandong_list, hebei):
    """The preview lists every bad row at once: cell errors and database rules alike."""
    campaign, shandong = shandong_list
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        enterprise=Enterprise.objects.create(
            credit_code=rows(1, AGENCY)[0]["组织机构代码"], name="已在河北"
        ),
    )
    table = rows(3, AGENCY)
    table[2]["节能诊断类型"] = "清洁生产审核"
    outcome = import_rows(campaign, shandong, table)
    assert {(e.row, e.column) for e in outcome.errors} == {(1, "组织机构代码"), (3, "节能诊断类型")}


def test_dry_run_counts_without_writing(shandong_list):
    """A check reports what would happen and stores nothing."""
    campaign, shandong = shandong_list
    outcome = import_rows(campaign, shandong, rows(3, AGENCY), dry_run=True)
    assert outcome.ok and outcome.dry_run and outcome.created == 3
    assert not DiagnosisTask.objects.exists()


def test_locked_list_refuses_the_import(shandong_list):
    """A submitted or approved 附件3 cannot be changed by an import."""
    campaign, shandong = shandong_list
    SubmissionFactory(campaign=campaign, organizer=shandong, form=3, submitted=True)
    with pytest.raises(DomainError):
        import_rows(campaign, shandong, rows(1, AGENCY))


def test_import_creates_one_draft_letter_per_agency(shandong_list, agency):
    """Each agency on the list gets a task letter to sign."""
    campaign, shandong = shandong_list
    table = rows(2, AGENCY)
    table[1]["提供服务的机构"] = agency.name
    import_rows(campaign, shandong, table)
    letters = TaskLetter.objects.filter(campaign=campaign, organizer=shandong)
    assert sorted(letters.values_list("agency__name", flat=True)) == sorted([AGENCY, agency.name])
    assert set(letters.values_list("state", flat=True)) == {LetterState.DRAFT}


def test_new_enterprise_for_a_signed_letter_needs_a_new_signature(shandong_list, other_agency):
    """Adding enterprises to an agency whose letter is signed returns the letter to unsigned."""
    campaign, shandong = shandong_list
    import_rows(campaign, shandong, rows(1, AGENCY))
    TaskLetter.objects.update(state=LetterState.SIGNED)
    outcome = import_rows(campaign, shandong, rows(2, AGENCY))
    assert outcome.created == 1 and outcome.notes
    assert TaskLetter.objects.get(agency=other_agency).state == LetterState.DRAFT


def test_agency_of_a_signed_task_cannot_change_by_import(shandong_list, agency):
    """Once its letter is signed a task keeps its agency; the row says how to change it."""
    campaign, shandong = shandong_list
    import_rows(campaign, shandong, rows(1, AGENCY))
    DiagnosisTask.objects.update(state=TaskState.LETTER_SIGNED)
    outcome = import_rows(campaign, shandong, rows(1, agency.name))
    assert [(e.row, e.column) for e in outcome.errors] == [(1, "提供服务的机构")]


def test_shandong_sample_reports_the_three_bad_rows(campaign, shandong):
    """The sample's rows 5, 10 and 15 are bad; nothing of the 120 rows is imported."""
    with (SAMPLES / "shandong-2021" / "agencies.xlsx").open("rb") as fh:
        agency_list_import(campaign=campaign, organizer=shandong, file=fh, actor=None)
    with (SAMPLES / "shandong-2021" / "intent.xlsx").open("rb") as fh:
        outcome = intent_list_import(campaign=campaign, organizer=shandong, file=fh, actor=None)
    assert {e.row: e.column for e in outcome.errors} == {
        5: "组织机构代码",
        10: "节能诊断类型",
        15: "提供服务的机构",
    }
    assert not DiagnosisTask.objects.exists()


def test_hebei_sample_imports_sixty_tasks(campaign, hebei):
    """The clean sample: 60 tasks, their agencies from the sample's 附件2, types as written."""
    with (SAMPLES / "hebei-2021-clean" / "agencies.xlsx").open("rb") as fh:
        agency_list_import(campaign=campaign, organizer=hebei, file=fh, actor=None)
    with (SAMPLES / "hebei-2021-clean" / "intent.xlsx").open("rb") as fh:
        outcome = intent_list_import(campaign=campaign, organizer=hebei, file=fh, actor=None)
    assert outcome.ok and outcome.created == 60
    assert DiagnosisTask.objects.filter(enterprise__name="唐山盛泰鼎盛钢铁有限公司").exists()
    assert DiagnosisTask.objects.filter(diagnosis_type=DiagnosisType.KEY_INDUSTRY).exists()
