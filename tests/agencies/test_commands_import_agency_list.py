"""manage.py import_agency_list (SPEC §9): bad rows printed, exit 1; counts, exit 0."""

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Recommendation
from tests.enterprises.workflow_helpers import SAMPLES
from tests.fixtures.sheets import agency_row, agency_xlsx

pytestmark = pytest.mark.django_db


def test_sample_loads_and_reports_counts(campaign, hebei, capsys):
    """The clean sample: three created; again: three unchanged."""
    path = str(SAMPLES / "hebei-2021-clean" / "agencies.xlsx")
    call_command("import_agency_list", "--campaign", "2021", "--organizer", "130000", path)
    assert "3 recommendations were created, 0 updated" in capsys.readouterr().out
    call_command("import_agency_list", "--campaign", "2021", "--organizer", "130000", path)
    assert "0 recommendations were created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_bad_row_is_printed_and_nothing_imported(campaign, hebei, tmp_path, capsys):
    """`row N: column: reason` for each bad row, then exit 1 (CommandError)."""
    path = tmp_path / "bad.xlsx"
    path.write_bytes(agency_xlsx([agency_row(1), agency_row(2, 邮箱="not-an-email")]))
    with pytest.raises(CommandError):
        call_command("import_agency_list", "--campaign", "2021", "--organizer", "130000", str(path))
    assert capsys.readouterr().out.startswith("row 2: 邮箱: ")
    assert not Recommendation.objects.exists()


def test_unknown_organizer_or_campaign_is_an_error(campaign, tmp_path):
    """Wrong arguments exit 1 with the reason."""
    path = tmp_path / "a.xlsx"
    path.write_bytes(agency_xlsx([agency_row(1)]))
    with pytest.raises(CommandError, match="organizer"):
        call_command("import_agency_list", "--campaign", "2021", "--organizer", "999999", str(path))
    with pytest.raises(CommandError, match="campaign"):
        call_command("import_agency_list", "--campaign", "1999", "--organizer", "130000", str(path))
