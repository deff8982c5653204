"""A file whose 填报单位 names another organizer: the page asks, the command and the API refuse
unless told to go on, and each says which organizer the file names (issue 15, Imports)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from agencies.models import Recommendation
from agencies.services import agency_list_import
from enterprises.models import DiagnosisTask
from portal.imports import OtherOrganizerFile
from provinces.file_organizer import organizer_named
from provinces.models import Organizer
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.fixtures.sheets import agency_row, agency_xlsx, intent_xlsx

pytestmark = pytest.mark.django_db
JIANGSU = "江苏省工业和信息化厅"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("江苏省工业和信息化厅", "320000"),
        ("江苏省", "320000"),
        (" 江苏省 工业和信息化厅（盖章）", "320000"),
        ("江苏省工信厅", "320000"),
        ("江苏", "320000"),
        ("江苏省工业和信息化厅    填报日期：2021年5月20日", "320000"),
        ("深圳市工业和信息化局", "440300"),
        ("新疆生产建设兵团工业和信息化局", "XPCC"),
        ("新疆维吾尔自治区工业和信息化厅", "650000"),
        ("河北省工业和信息化厅", "130000"),
    ],
)
def test_the_organizer_a_filing_line_names(text, code):
    """By name or official name, with spaces, a seal mark, a shortened name or a date after it."""
    named = organizer_named(text)
    assert named is not None and named.code == code


@pytest.mark.parametrize("text", [None, "", "（盖章）", "某某节能技术有限公司", "新疆"])
def test_a_line_naming_no_organizer_clearly_names_none(text):
    """Blank, a company, or an ambiguous short name (新疆: the region or the corps) name none."""
    assert organizer_named(text) is None


def test_service_refuses_another_organizers_file_naming_it(campaign, hebei):
    """附件2 of 江苏 imported by 河北: refused, naming 江苏; nothing stored."""
    data = agency_xlsx([agency_row(1)], organizer=JIANGSU)
    with pytest.raises(OtherOrganizerFile) as info:
        agency_list_import(campaign=campaign, organizer=hebei, file=data, actor=None)
    assert info.value.named == JIANGSU and info.value.importer == "河北省工业和信息化厅"
    assert JIANGSU in str(info.value.message)
    assert not Recommendation.objects.exists()


def test_service_imports_it_when_told_to_go_on(campaign, hebei):
    """other_organizer_ok=True: the rows are imported as the importer's."""
    data = agency_xlsx([agency_row(1)], organizer=JIANGSU)
    outcome = agency_list_import(
        campaign=campaign, organizer=hebei, file=data, actor=None, other_organizer_ok=True
    )
    assert outcome.created == 1 and Recommendation.objects.get().organizer == hebei


def test_own_file_by_its_official_name_imports_without_a_question(campaign, hebei):
    """河北's own 填报单位 (official or short name) is no question."""
    for line in ("河北省工业和信息化厅", "河北省"):
        data = agency_xlsx([agency_row(1)], organizer=line)
        assert agency_list_import(campaign=campaign, organizer=hebei, file=data, actor=None).ok


def test_command_refuses_without_the_flag_and_imports_with_it(campaign, hebei, agency, tmp_path):
    """import_intent_list names the organizer and the flag; with --other-organizer-ok it runs."""
    recommend(campaign, hebei, agency)
    path = tmp_path / "附件3.xlsx"
    path.write_bytes(intent_xlsx(rows(2, agency.name), organizer=JIANGSU))
    args = ["import_intent_list", "--campaign", "2021", "--organizer", "130000", str(path)]
    with pytest.raises(CommandError) as info:
        call_command(*args)
    assert JIANGSU in str(info.value) and "--other-organizer-ok" in str(info.value)
    assert not DiagnosisTask.objects.exists()
    call_command(*args, "--other-organizer-ok")
    assert DiagnosisTask.objects.filter(organizer=hebei).count() == 2


def test_agency_command_refuses_too(campaign, hebei, tmp_path):
    """import_agency_list refuses the same way."""
    path = tmp_path / "附件2.xlsx"
    path.write_bytes(agency_xlsx([agency_row(1)], organizer="江苏省"))
    with pytest.raises(CommandError, match="--other-organizer-ok"):
        call_command("import_agency_list", "--campaign", "2021", "--organizer", "130000", path)
    assert not Recommendation.objects.exists()


def test_api_answers_409_naming_the_organizer_then_imports_with_the_parameter(
    campaign, hebei, agency, organizer_user, api_for
):
    """POST /tasks/import/: 409 with file_organizer and the parameter; 200 with it set."""
    recommend(campaign, hebei, agency)
    data = intent_xlsx(rows(2, agency.name), organizer=JIANGSU)
    api = api_for(organizer_user)
    refused = api.post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", data)},
        format="multipart",
    )
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "other_organizer" and body["file_organizer"] == JIANGSU
    assert body["parameter"] == "other_organizer_ok" and JIANGSU in body["detail"]
    assert not DiagnosisTask.objects.exists()
    done = api.post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", data), "other_organizer_ok": True},
        format="multipart",
    )
    assert done.status_code == 200 and done.json()["created"] == 2


def test_recommendations_api_refuses_too(campaign, organizer_user, api_for):
    """POST /recommendations/import/ refuses the same way."""
    response = api_for(organizer_user).post(
        "/api/v1/recommendations/import/",
        {
            "campaign": campaign.pk,
            "file": upload("a.xlsx", agency_xlsx([agency_row(1)], organizer=JIANGSU)),
        },
        format="multipart",
    )
    assert response.status_code == 409 and response.json()["file_organizer"] == JIANGSU


def test_page_asks_then_imports_on_confirmation(campaign, organizer_user, client_for):
    """The 附件2 page answers 409 with the question (naming 江苏) and a form that re-sends
    the file with other_organizer_ok; that import goes through."""
    client = client_for(organizer_user)
    data = agency_xlsx([agency_row(1)], organizer=JIANGSU)
    url = reverse("agencies:recommendation-import")
    asked = client.post(url, {"year": "2021", "import": "1", "file": upload("a.xlsx", data)})
    assert asked.status_code == 409
    page = asked.content.decode()
    assert 'id="other-organizer-form"' in page and JIANGSU in page
    assert 'name="other_organizer_ok"' in page
    assert not Recommendation.objects.exists()
    done = client.post(
        url,
        {"year": "2021", "import": "1", "other_organizer_ok": "1", "file": upload("a.xlsx", data)},
    )
    assert done.status_code == 200 and done.context["outcome"].created == 1
    assert Recommendation.objects.get().organizer == organizer_user.organizer


def test_task_page_asks_too(campaign, hebei, agency, organizer_user, client_for):
    """The 附件3 page asks the same way, for a check as for an import."""
    recommend(campaign, hebei, agency)
    data = intent_xlsx(rows(1, agency.name), organizer="江苏省")
    response = client_for(organizer_user).post(
        reverse("enterprises:task-import"),
        {"year": "2021", "check": "1", "file": upload("a.xlsx", data)},
    )
    assert response.status_code == 409 and JIANGSU in response.content.decode()


def test_organizers_are_loaded():
    """The 37 regional organizers the matching relies on come with the migrations."""
    assert Organizer.objects.filter(code="320000", department=JIANGSU).exists()
