"""task_save / task_remove: one intent-list row by hand, with every rule of SPEC §8."""

from decimal import Decimal

import pytest
from django.utils import translation

from enterprises.choices import DiagnosisType, LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from enterprises.services import TaskInput, task_remove, task_save
from portal.errors import DomainError
from portal.validators import credit_check_character
from tests.enterprises.workflow_helpers import recommend
from tests.factories import (
    AgencyFactory,
    EnterpriseFactory,
    SubmissionFactory,
    TaskFactory,
    credit_code,
)

pytestmark = pytest.mark.django_db


def row(agency_name: str, **changes) -> TaskInput:
    values = {
        "enterprise_name": "邯郸测试钢铁有限公司",
        "credit_code": credit_code("130400"),
        "city": "邯郸市",
        "industry_code": "C31",
        "energy_tce": Decimal("8000"),
        "diagnosis_type": DiagnosisType.KEY_INDUSTRY,
        "is_sme": False,
        "agency": agency_name,
        **changes,
    }
    return TaskInput(**values)


@pytest.fixture
def hebei_list(campaign, hebei, agency):
    recommend(campaign, hebei, agency)
    return {"campaign": campaign, "organizer": hebei}


def save(target, data, **kwargs):
    return task_save(**target, data=data, actor=None, **kwargs)


def test_adding_a_row_creates_enterprise_task_and_letter(hebei_list, agency):
    """A new row: the enterprise, its task (next 序号) and the agency's draft letter."""
    task = save(hebei_list, row(agency.name))
    assert task.seq == 1 and task.agency == agency and task.state == TaskState.MATCHED
    assert task.enterprise.name == "邯郸测试钢铁有限公司"
    assert TaskLetter.objects.get(agency=agency).state == LetterState.DRAFT


def test_credit_code_with_a_wrong_check_character_is_refused(hebei_list, agency):
    """GB 32100-2015: the check character is verified."""
    code = credit_code("130400")
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row(agency.name, credit_code=wrong))
    assert exc.value.field == "credit_code"


def test_regional_diagnosis_needs_the_park(hebei_list, agency):
    """区域集中式 names its industrial park in 备注."""
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row(agency.name, diagnosis_type=DiagnosisType.REGIONAL))
    assert exc.value.field == "remarks"
    task = save(
        hebei_list,
        row(agency.name, diagnosis_type=DiagnosisType.REGIONAL, remarks="邯郸经济技术开发区"),
    )
    assert task.remarks == "邯郸经济技术开发区"


def test_sme_class_must_match_the_sme_flag(hebei_list, agency):
    """An SME says which kind; a non-SME has no class."""
    with pytest.raises(DomainError):
        save(hebei_list, row(agency.name, is_sme=True, sme_class=None))
    with pytest.raises(DomainError):
        save(hebei_list, row(agency.name, is_sme=False, sme_class="small"))


def test_sme_diagnosis_needs_an_sme(hebei_list, agency):
    """A 中小企业 diagnosis is for an SME."""
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row(agency.name, diagnosis_type=DiagnosisType.SME))
    assert exc.value.field == "sme"


def test_energy_use_cannot_be_negative(hebei_list, agency):
    """Numbers are non-negative."""
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row(agency.name, energy_tce=Decimal("-1")))
    assert exc.value.field == "energy_tce"


def test_enterprise_on_another_organizers_list_is_refused(hebei_list, agency, campaign, shandong):
    """One enterprise in at most one intent list per campaign; the other organizer is named."""
    enterprise = EnterpriseFactory()
    TaskFactory(campaign=campaign, organizer=shandong, enterprise=enterprise)
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row(agency.name, credit_code=enterprise.credit_code))
    assert shandong.name in str(exc.value.message)


def test_same_enterprise_twice_on_ones_own_list_is_refused(hebei_list, agency):
    """Adding an enterprise already on the list points at its row."""
    data = row(agency.name)
    save(hebei_list, data)
    with translation.override("en"), pytest.raises(DomainError) as exc:
        save(hebei_list, data)
    assert "No. 1" in str(exc.value.message)


def test_agency_must_be_recommended_or_registered(hebei_list):
    """Exactly one agency, from the recommendations or the national registry."""
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row("没有登记的机构"))
    assert exc.value.field == "agency"
    other = AgencyFactory(name="外省登记节能公司")
    assert save(hebei_list, row("外省登记节能公司")).agency == other


def test_editing_keeps_the_row_and_moving_agency_is_refused_once_signed(hebei_list, agency):
    """A signed task keeps its agency; other fields may still change."""
    task = save(hebei_list, row(agency.name))
    task.state = TaskState.LETTER_SIGNED
    task.save()
    other = AgencyFactory(name="另一家节能公司")
    with pytest.raises(DomainError):
        save(hebei_list, row(other.name, credit_code=task.enterprise.credit_code), task=task)
    task = save(
        hebei_list,
        row(agency.name, credit_code=task.enterprise.credit_code, energy_tce=Decimal("9000")),
        task=task,
    )
    assert task.energy_tce == Decimal("9000") and DiagnosisTask.objects.count() == 1


def test_locked_list_cannot_change(hebei_list, agency, campaign, hebei):
    """An approved 附件3 is locked."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    with pytest.raises(DomainError):
        save(hebei_list, row(agency.name))


def test_removing_a_row_drops_its_empty_letter(hebei_list, agency):
    """The last enterprise of an agency removed: its unsigned letter goes too."""
    task = save(hebei_list, row(agency.name))
    task_remove(task=task, actor=None)
    assert not DiagnosisTask.objects.exists() and not TaskLetter.objects.exists()


def test_published_task_cannot_be_removed(hebei_list, campaign, hebei):
    """A published enterprise stays on the national list."""
    task = TaskFactory(campaign=campaign, organizer=hebei, published=True)
    with pytest.raises(DomainError):
        task_remove(task=task, actor=None)


def test_credit_code_of_an_unknown_division_is_refused(hebei_list, agency):
    """GB/T 2260: positions 3–8 name a real division (99 is no province)."""
    body = "91990000" + "A1B2C3D4E"
    with pytest.raises(DomainError) as exc:
        save(hebei_list, row(agency.name, credit_code=body + credit_check_character(body)))
    assert exc.value.field == "credit_code"
