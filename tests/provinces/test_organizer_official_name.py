"""An organizer's official name (填报单位, 甲方): loaded by migration, edited by its own staff or
the ministry on a page and through the API, audited; another organizer's is a 404."""

import csv
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.choices import CampaignState, Role
from portal.errors import DomainError
from portal.models import AuditLog
from provinces.choices import OrganizerKind
from provinces.models import Organizer
from provinces.services import organizer_rename
from tests.factories import OrganizerFactory, UserFactory

pytestmark = pytest.mark.django_db
CSV = Path(__file__).resolve().parents[2] / "provinces" / "data" / "organizers_provincial.csv"
NEW = "河北省工业和信息化厅（测试）"


def test_every_provincial_level_organizer_has_its_departments_name(db):
    """All 37 regional organizers carry the CSV's department_zh, e.g. 河北省工业和信息化厅."""
    with CSV.open(encoding="utf-8") as f:
        expected = {row["code"]: row["department_zh"] for row in csv.DictReader(f)}
    loaded = dict(Organizer.objects.filter(code__in=expected).values_list("code", "department"))
    assert len(expected) == 37 and loaded == expected
    assert Organizer.objects.get(code="130000").official_name == "河北省工业和信息化厅"
    assert Organizer.objects.get(code="XPCC").official_name == "新疆生产建设兵团工业和信息化局"


def test_the_migration_fills_blank_names_and_keeps_entered_ones(hebei, shandong):
    """Run again: a blank name is filled from the CSV, a name an organizer entered stays."""
    load = importlib.import_module("provinces.migrations.0004_load_official_names").load
    Organizer.objects.filter(pk=hebei.pk).update(department="")
    Organizer.objects.filter(pk=shandong.pk).update(department="山东省工信厅")
    load(django_apps, None)
    assert Organizer.objects.get(pk=hebei.pk).department == "河北省工业和信息化厅"
    assert Organizer.objects.get(pk=shandong.pk).department == "山东省工信厅"


def test_an_association_prints_its_own_name(db):
    """No department name: the organizer's own name is its official name."""
    association = OrganizerFactory(name="中国钢铁工业协会")
    assert association.official_name == "中国钢铁工业协会"


def test_organizer_staff_rename_their_own_and_it_is_audited(hebei, organizer_user):
    """The new name is stored (spaces tidied) with an audit row old → new."""
    organizer_rename(organizer_id=hebei.pk, department=f"  {NEW}\u3000", actor=organizer_user)
    assert Organizer.objects.get(pk=hebei.pk).department == NEW
    record = AuditLog.objects.get(action="organizer.rename")
    assert record.organizer_id == hebei.pk and record.actor == organizer_user
    assert record.summary == f"河北省工业和信息化厅 → {NEW}"


def test_another_organizers_name_is_a_404(hebei, shandong, organizer_user, agency_user):
    """Hebei's staff cannot rename Shandong (nor an agency anyone): 404, nothing changes."""
    for actor, target in ((organizer_user, shandong), (agency_user, hebei)):
        with pytest.raises(Http404):
            organizer_rename(organizer_id=target.pk, department=NEW, actor=actor)
    assert Organizer.objects.get(pk=shandong.pk).department == "山东省工业和信息化厅"
    assert not AuditLog.objects.filter(action="organizer.rename").exists()


def test_the_ministry_renames_any_organizer(shandong, ministry_user):
    organizer_rename(organizer_id=shandong.pk, department="山东省工信厅", actor=ministry_user)
    assert Organizer.objects.get(pk=shandong.pk).official_name == "山东省工信厅"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "cannot be left empty"),
        ("厅" * 129, "at most 128 characters"),
        ("河北省\n工业和信息化厅", "one line"),
        ('=HYPERLINK("http://x")', "cannot start with"),
    ],
)
def test_bad_names_are_refused_with_the_reason(hebei, organizer_user, value, reason):
    """A province's name cannot be blank, too long or several lines; the stored one stays."""
    with pytest.raises(DomainError) as exc, translation.override("en"):
        organizer_rename(organizer_id=hebei.pk, department=value, actor=organizer_user)
    assert reason in str(exc.value.message) and exc.value.field == "department"
    assert Organizer.objects.get(pk=hebei.pk).department == "河北省工业和信息化厅"


def test_an_association_may_clear_its_name(db):
    """Associations and groups may leave it blank: their own name is printed."""
    association = OrganizerFactory(name="中国钢铁工业协会", department="钢协")
    staff = UserFactory(username="cisa-x", role=Role.ORGANIZER, organizer=association)
    organizer_rename(organizer_id=association.pk, department="", actor=staff)
    association.refresh_from_db()
    assert association.kind == OrganizerKind.ASSOCIATION
    assert association.official_name == "中国钢铁工业协会"


def test_a_closed_year_does_not_stop_a_rename(campaign, hebei, organizer_user):
    """The name belongs to the organizer, not to a campaign: closing the year is irrelevant."""
    type(campaign).objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)
    organizer_rename(organizer_id=hebei.pk, department=NEW, actor=organizer_user)
    assert Organizer.objects.get(pk=hebei.pk).department == NEW


# ------------------------------------------------------------------ the page


def test_the_page_shows_and_saves_the_name(client_for, hebei, organizer_user):
    """The organizer's nav entry leads to its own page; saving shows the new name."""
    client = client_for(organizer_user)
    mine = client.get(reverse("provinces:organizer-list"))
    url = reverse("provinces:organizer-edit", args=[hebei.pk])
    assert mine.status_code == 302 and mine["Location"] == url
    assert "河北省工业和信息化厅" in client.get(url).content.decode()
    response = client.post(url, {"department": NEW}, follow=True)
    assert response.status_code == 200 and NEW in response.content.decode()
    assert Organizer.objects.get(pk=hebei.pk).department == NEW


def test_the_page_refuses_a_blank_provincial_name(client_for, hebei, organizer_user):
    response = client_for(organizer_user).post(
        reverse("provinces:organizer-edit", args=[hebei.pk]),
        {"department": " "},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400 and "cannot be left empty" in response.content.decode()
    assert Organizer.objects.get(pk=hebei.pk).department == "河北省工业和信息化厅"


def test_another_organizers_page_is_a_404(client_for, shandong, organizer_user):
    client = client_for(organizer_user)
    url = reverse("provinces:organizer-edit", args=[shandong.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"department": NEW}).status_code == 404
    assert Organizer.objects.get(pk=shandong.pk).department == "山东省工业和信息化厅"


def test_the_ministry_lists_every_organizer_and_edits_one(client_for, shandong, ministry_user):
    client = client_for(ministry_user)
    listing = client.get(reverse("provinces:organizer-list"), {"per_page": 100})
    assert listing.status_code == 200 and "山东省工业和信息化厅" in listing.content.decode()
    url = reverse("provinces:organizer-edit", args=[shandong.pk])
    assert client.post(url, {"department": "山东省工信厅"}).status_code == 302
    assert Organizer.objects.get(pk=shandong.pk).department == "山东省工信厅"


# ------------------------------------------------------------------ the API


def test_the_api_reads_and_patches_the_official_name(api_for, hebei, organizer_user):
    api = api_for(organizer_user)
    url = f"/api/v1/organizers/{hebei.pk}/"
    assert api.get(url).json()["official_name"] == "河北省工业和信息化厅"
    response = api.patch(url, {"department": NEW}, format="json")
    assert response.status_code == 200 and response.json()["official_name"] == NEW


def test_the_api_answers_404_for_another_organizer_and_400_for_a_blank_name(
    api_for, hebei, shandong, organizer_user
):
    api = api_for(organizer_user)
    other = api.patch(f"/api/v1/organizers/{shandong.pk}/", {"department": NEW}, format="json")
    assert other.status_code == 404
    blank = api.patch(
        f"/api/v1/organizers/{hebei.pk}/",
        {"department": ""},
        format="json",
        headers={"accept-language": "en"},
    )
    assert blank.status_code == 400 and blank.json()["field"] == "department"
    assert "cannot be left empty" in blank.json()["detail"]


def test_the_organizer_list_costs_the_same_queries_at_any_length(client_for, ministry_user):
    """Session, user, count and one page of organizers (parents joined): flat in N."""
    client = client_for(ministry_user)
    url = reverse("provinces:organizer-list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"per_page": 100}).status_code == 200
        return len(captured)

    OrganizerFactory.create_batch(3)
    queries()  # warms what every page reads once per data version (notices, current campaign)
    few = queries()
    OrganizerFactory.create_batch(30)
    assert queries() == few
