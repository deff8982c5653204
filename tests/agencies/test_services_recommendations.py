"""The national registry and an organizer's recommendations (附件2)."""

import io

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, Recommendation
from agencies.services import (
    agency_list_import,
    agency_register,
    recommendation_add,
    recommendation_remove,
    recommendation_update,
)
from portal.errors import DomainError
from tests.enterprises.workflow_helpers import SAMPLES
from tests.factories import SubmissionFactory, credit_code
from tests.fixtures.sheets import agency_row, agency_xlsx

pytestmark = pytest.mark.django_db


def registry_data(**changes) -> dict:
    return {
        "credit_code": credit_code("130100"),
        "name": "河北新登记节能技术服务有限公司",
        "nature": "节能服务公司",
        "location": "石家庄市",
        "technical_staff": 12,
        "contact_name": "张工",
        "phone": "0311-1234567",
        "email": "a@example.cn",
        **changes,
    }


def test_registering_an_existing_code_reuses_the_agency_unchanged():
    """One agency nationally per credit code; a second registration changes nothing, not even
    the registry's empty fields (what it declares belongs to its recommendation)."""
    first, created = agency_register(data=registry_data(contact_title=""), actor=None)
    again, created_again = agency_register(
        data=registry_data(
            credit_code=first.credit_code.lower(), name="别的名字", contact_title="总工"
        ),
        actor=None,
    )
    assert created and not created_again and again.pk == first.pk
    again.refresh_from_db()
    assert again.name == "河北新登记节能技术服务有限公司" and again.contact_title == ""


def test_invalid_credit_code_is_refused():
    """The GB 32100 check character is verified."""
    code = credit_code("130100")
    with pytest.raises(ValidationError):
        agency_register(
            data=registry_data(credit_code=code[:17] + ("0" if code[17] != "0" else "1")),
            actor=None,
        )


def test_recommending_twice_is_refused_and_seq_grows(campaign, hebei, agency, other_agency):
    """Each agency once per list; new rows are numbered after the last one."""
    first = recommendation_add(campaign=campaign, organizer=hebei, agency=agency, actor=None)
    second = recommendation_add(
        campaign=campaign, organizer=hebei, agency=other_agency, actor=None, planned_enterprises=20
    )
    assert (first.seq, second.seq, second.planned_enterprises) == (1, 2, 20)
    with pytest.raises(DomainError):
        recommendation_add(campaign=campaign, organizer=hebei, agency=agency, actor=None)


def test_two_provinces_recommend_the_same_agency(campaign, hebei, shandong, agency):
    """The same agency on two lists is one registry row."""
    recommendation_add(campaign=campaign, organizer=hebei, agency=agency, actor=None)
    recommendation_add(campaign=campaign, organizer=shandong, agency=agency, actor=None)
    assert Agency.objects.count() == 1 and Recommendation.objects.count() == 2


def test_update_and_remove_keep_the_registry(campaign, hebei, agency):
    """Removing a recommendation leaves the agency in the registry."""
    rec = recommendation_add(campaign=campaign, organizer=hebei, agency=agency, actor=None)
    recommendation_update(recommendation=rec, actor=None, planned_enterprises=5, remarks="新增")
    rec.refresh_from_db()
    assert (rec.planned_enterprises, rec.remarks) == (5, "新增")
    recommendation_remove(recommendation=rec, actor=None)
    assert not Recommendation.objects.exists() and Agency.objects.filter(pk=agency.pk).exists()


def test_submitted_list_is_locked(campaign, hebei, agency):
    """A submitted 附件2 cannot change."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=2, submitted=True)
    with pytest.raises(DomainError):
        recommendation_add(campaign=campaign, organizer=hebei, agency=agency, actor=None)


def test_sample_import_creates_agencies_and_is_idempotent(campaign, hebei):
    """The Hebei sample: three agencies recommended; the second import changes nothing."""
    path = SAMPLES / "hebei-2021-clean" / "agencies.xlsx"
    with path.open("rb") as fh:
        outcome = agency_list_import(campaign=campaign, organizer=hebei, file=fh, actor=None)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    with path.open("rb") as fh:
        again = agency_list_import(campaign=campaign, organizer=hebei, file=fh, actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Agency.objects.count() == 3 and Recommendation.objects.count() == 3


def test_import_matches_agencies_of_the_registry_by_code(campaign, hebei, shandong):
    """An agency another province already registered is reused, not duplicated."""
    row = agency_row(1)
    agency_list_import(
        campaign=campaign, organizer=shandong, file=io.BytesIO(agency_xlsx([row])), actor=None
    )
    agency_list_import(
        campaign=campaign, organizer=hebei, file=io.BytesIO(agency_xlsx([row])), actor=None
    )
    assert Agency.objects.count() == 1 and Recommendation.objects.count() == 2


def test_a_bad_row_imports_nothing(campaign, hebei):
    """Every bad row reported; no agency and no recommendation stored."""
    table = [agency_row(1), agency_row(2, 统一社会信用代码="123")]
    outcome = agency_list_import(
        campaign=campaign, organizer=hebei, file=io.BytesIO(agency_xlsx(table)), actor=None
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "统一社会信用代码")]
    assert not Agency.objects.exists() and not Recommendation.objects.exists()


def test_changed_planned_number_updates_the_recommendation(campaign, hebei):
    """Re-importing with another 拟服务企业数量 updates that row only."""
    agency_list_import(
        campaign=campaign,
        organizer=hebei,
        file=io.BytesIO(agency_xlsx([agency_row(1), agency_row(2)])),
        actor=None,
    )
    table = [agency_row(1), agency_row(2, 拟服务企业数量=99)]
    outcome = agency_list_import(
        campaign=campaign, organizer=hebei, file=io.BytesIO(agency_xlsx(table)), actor=None
    )
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 1)
    assert Recommendation.objects.get(seq=2).planned_enterprises == 99
