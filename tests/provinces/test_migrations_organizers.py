"""Reference data loaded by migrations exists in every database, demo or not."""

from enterprises.models import Industry
from provinces.choices import OrganizerKind
from provinces.models import Organizer
from reports.models import EnergyFactor


def test_thirty_seven_provincial_level_organizers(db):
    """31 provinces, 5 planning cities and the corps: the notice's 37 addressees."""
    regional = Organizer.objects.filter(
        kind__in=[OrganizerKind.PROVINCE, OrganizerKind.PLANNING_CITY, OrganizerKind.CORPS]
    )
    assert regional.count() == 37
    assert regional.filter(kind=OrganizerKind.PROVINCE).count() == 31
    assert set(
        regional.filter(kind=OrganizerKind.PLANNING_CITY).values_list("name", flat=True)
    ) == {"大连市", "青岛市", "宁波市", "厦门市", "深圳市"}


def test_codes_are_gb2260_and_corps_uses_xpcc(db):
    """Regions carry their GB/T 2260 code; the corps has the project's XPCC convention."""
    assert Organizer.objects.get(code="130000").name == "河北省"
    assert Organizer.objects.get(code="XPCC").kind == OrganizerKind.CORPS
    assert Organizer.objects.get(code="370200").parent.code == "370000"


def test_industries_and_energy_factors_loaded(db):
    """GB/T 4754-2017 divisions with the five key sectors; GB/T 2589-2020 factors."""
    assert Industry.objects.get(pk="C31").key_sector == "钢铁"
    assert Industry.objects.exclude(key_sector="").count() == 5
    electricity = EnergyFactor.objects.get(carrier_code="electricity", edition="2020")
    assert str(electricity.kgce_per_unit) == "0.12290"
