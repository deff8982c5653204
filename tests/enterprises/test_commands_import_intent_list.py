"""manage.py import_intent_list (SPEC §9) on the samples and on files made here."""

import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from enterprises.models import DiagnosisTask
from tests.enterprises.workflow_helpers import SAMPLES, recommend, rows
from tests.fixtures.sheets import intent_xlsx, replace_member, table_rows, xlsx_bytes

pytestmark = pytest.mark.django_db
AGENCY = "山东测试节能技术服务有限公司"


def _agencies(year: str, code: str, sample: str) -> None:
    call_command(
        "import_agency_list",
        "--campaign",
        year,
        "--organizer",
        code,
        str(SAMPLES / sample / "agencies.xlsx"),
    )


def test_shandong_sample_prints_each_bad_row_and_imports_nothing(campaign, shandong, capsys):
    """Rows 5, 10 and 15 of the sample, by their 序号; exit 1; no task stored."""
    _agencies("2021", "370000", "shandong-2021")
    capsys.readouterr()
    with pytest.raises(CommandError):
        call_command(
            "import_intent_list",
            "--campaign",
            "2021",
            "--organizer",
            "370000",
            str(SAMPLES / "shandong-2021" / "intent.xlsx"),
        )
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0:2] for line in lines] == [
        ["row 5", " 组织机构代码"],
        ["row 10", " 节能诊断类型"],
        ["row 15", " 提供服务的机构"],
    ]
    assert not DiagnosisTask.objects.exists()


def test_hebei_sample_creates_sixty_then_changes_nothing(campaign, hebei, capsys):
    """Exit 0 with the counts; the second run creates and updates nothing."""
    _agencies("2021", "130000", "hebei-2021-clean")
    path = str(SAMPLES / "hebei-2021-clean" / "intent.xlsx")
    call_command("import_intent_list", "--campaign", "2021", "--organizer", "130000", path)
    assert "60 tasks were created, 0 updated" in capsys.readouterr().out
    call_command("import_intent_list", "--campaign", "2021", "--organizer", "130000", path)
    assert "0 tasks were created, 0 updated, 60 unchanged" in capsys.readouterr().out


def test_history_campaign_can_be_imported(campaign, shandong, other_agency, tmp_path, capsys):
    """2019/2020 lists load the same way (for the follow-up diagnoses)."""
    from tests.factories import CampaignFactory

    old = CampaignFactory(year=2019)
    recommend(old, shandong, other_agency)
    path = tmp_path / "2019.xlsx"
    path.write_bytes(intent_xlsx(rows(3, AGENCY)))
    call_command("import_intent_list", "--campaign", "2019", "--organizer", "370000", str(path))
    assert DiagnosisTask.objects.filter(campaign=old).count() == 3


def test_dry_run_stores_nothing(campaign, shandong, other_agency, tmp_path, capsys):
    """--dry-run reports what would be created."""
    recommend(campaign, shandong, other_agency)
    path = tmp_path / "a.xlsx"
    path.write_bytes(intent_xlsx(rows(2, AGENCY)))
    call_command(
        "import_intent_list", "--campaign", "2021", "--organizer", "370000", "--dry-run", str(path)
    )
    assert "2 tasks would be created" in capsys.readouterr().out
    assert not DiagnosisTask.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(campaign, shandong, tmp_path):
    """A damaged file is refused as a whole, with the reason, exit 1."""
    path = tmp_path / "broken.xlsx"
    path.write_bytes(replace_member(intent_xlsx(rows(1, AGENCY)), "xl/workbook.xml", b"<oops"))
    with pytest.raises(CommandError, match=r"broken\.xlsx"):
        call_command("import_intent_list", "--campaign", "2021", "--organizer", "370000", str(path))


def test_exit_status_of_the_real_command(tmp_path):
    """Run through manage.py: a missing file exits 1 with the reason on stderr."""
    path = tmp_path / "missing.xlsx"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_intent_list",
            "--campaign",
            "2021",
            "--organizer",
            "370000",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "no such file" in result.stderr


def test_plain_sheet_with_real_world_cells(campaign, shandong, other_agency, tmp_path, capsys):
    """Header in the first row, columns reordered, full-width and lower-case codes, numbers as
    text with thousands separators, sector words: all imported."""
    recommend(campaign, shandong, other_agency)
    table = rows(3, AGENCY)
    table[0]["组织机构代码"] = table[0]["组织机构代码"].lower()
    table[1]["上年度综合能源消费量（吨标准煤）"] = "９８,７６５.４"
    table[2]["所属行业"] = "有色"
    headers = (
        "企业名称",
        "组织机构代码",
        "所在地市",
        "所属行业",
        "上年度综合能源消费量（吨标准煤）",
        "节能诊断类型",
        "提供服务的机构",
        "是否中小企业",
    )
    path = tmp_path / "plain.xlsx"
    path.write_bytes(xlsx_bytes(table_rows(table, headers)))
    call_command("import_intent_list", "--campaign", "2021", "--organizer", "370000", str(path))
    assert "3 tasks were created" in capsys.readouterr().out
    assert DiagnosisTask.objects.get(energy_tce=Decimal("98765.4")).industry_id == "C31"
    assert DiagnosisTask.objects.filter(industry_id="C32").count() == 1
