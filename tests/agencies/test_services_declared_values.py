"""What an organizer declares about an agency in its 附件2 belongs to its recommendation.

Hebei recommends an agency first (the registry row is created from its values, with the optional
columns left empty); Shandong then recommends the same agency (same credit code) with other
values through every path — the page's "new agency" form, the page import, the command, the API
import, `POST /api/v1/agencies/` + `POST /api/v1/recommendations/` and a PATCH of its own row.
Hebei's recommendation, the registry row and Hebei's rendered 附件2 stay exactly as they were
(re-read from the database); Shandong's 附件2 shows Shandong's values.
"""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import DECLARED_FIELDS, Agency, Recommendation
from agencies.services import agency_list_import
from portal.choices import DocumentKind
from reports.documents.selectors.forms import recommendation_rows
from reports.documents.selectors.letters import task_letter_data
from tests.enterprises.workflow_helpers import upload
from tests.factories import TaskLetterFactory, credit_code
from tests.fixtures.sheets import agency_row, agency_xlsx
from tests.reports.documents_data import content, render

pytestmark = pytest.mark.django_db
CODE = credit_code("130100")
NAME = "冀鲁共享节能技术服务有限公司"
ROW_FIELDS = ("seq", *DECLARED_FIELDS, "planned_enterprises", "remarks")
# Shandong's declaration of the same agency: every column different, the optional ones filled.
SHANDONG = {
    "nature": "科研院所",
    "location": "济南市",
    "specialties": "化工、建材",
    "technical_staff": 99,
    "track_record": "山东填报的业绩",
    "contact_name": "山东联系人",
    "contact_title": "山东总工",
    "phone": "0531-77776666",
    "email": "shandong-declared@example.cn",
    "planned_enterprises": 77,
    "remarks": "山东备注",
}
SHANDONG_CELLS = {
    "机构名称": "山东写的另一个名字",
    "统一社会信用代码": CODE,
    "机构性质": SHANDONG["nature"],
    "所在地": SHANDONG["location"],
    "擅长行业/诊断领域": SHANDONG["specialties"],
    "专职技术人员数": SHANDONG["technical_staff"],
    "近年节能诊断/能源审计业绩": SHANDONG["track_record"],
    "拟服务企业数量": SHANDONG["planned_enterprises"],
    "联系人": SHANDONG["contact_name"],
    "职务": SHANDONG["contact_title"],
    "电话": SHANDONG["phone"],
    "邮箱": SHANDONG["email"],
    "备注": SHANDONG["remarks"],
}


def hebei_form(**changes) -> dict:
    """Hebei's "new agency" form: the optional columns (title, specialties, 业绩) left empty."""
    return {
        "year": "2021",
        "name": NAME,
        "credit_code": CODE,
        "nature": "节能服务公司",
        "location": "石家庄市",
        "technical_staff": "20",
        "contact_name": "河北联系人",
        "phone": "0311-55554444",
        "email": "hebei-declared@example.cn",
        "planned_enterprises": "15",
        **changes,
    }


def rendered_rows(user, campaign, organizer) -> list[tuple]:
    """The organizer's 附件2 as the xlsx job renders it: the data rows under the header."""
    job = render(user, DocumentKind.FORM_RECOMMENDATION, campaign=campaign, organizer=organizer)
    ws = openpyxl.load_workbook(content(job)).active
    rows = []
    for row in ws.iter_rows(min_row=5, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(row)
    return rows


def db_state(hebei) -> tuple:
    """Hebei's recommendations and the registry row, re-read from the database."""
    recommendations = list(
        Recommendation.objects.filter(organizer=hebei).order_by("pk").values(*ROW_FIELDS)
    )
    registry = Agency.objects.filter(credit_code=CODE).values("name", *DECLARED_FIELDS).get()
    return recommendations, registry


@pytest.fixture
def hebei_recommends(campaign, hebei, organizer_user, client_for):
    """Hebei recommends the agency through its page; returns the state and the rendered 附件2."""
    response = client_for(organizer_user).post(reverse("agencies:agency-create"), hebei_form())
    assert response.status_code == 302
    before = (db_state(hebei), rendered_rows(organizer_user, campaign, hebei))
    assert before[0][0][0]["phone"] == "0311-55554444"
    return before


def assert_hebei_unchanged(before, campaign, hebei, organizer_user):
    (recommendations, registry), rendered = before
    assert db_state(hebei) == (recommendations, registry)
    assert rendered_rows(organizer_user, campaign, hebei) == rendered
    assert [r["phone"] for r in recommendation_rows(campaign, hebei)] == ["0311-55554444"]


def assert_shandong_declared(campaign, shandong):
    """Shandong's own row holds what Shandong declared; its 附件2 shows it."""
    mine = Recommendation.objects.filter(organizer=shandong, agency__credit_code=CODE)
    assert mine.values(*SHANDONG).get() == SHANDONG
    (row,) = recommendation_rows(campaign, shandong)
    assert (row["phone"], row["contact"], row["technical_staff"]) == (
        "0531-77776666",
        "山东联系人",
        99,
    )
    assert row["name"] == NAME  # the identity stays the registry's


def test_page_new_agency_form_of_another_organizer_keeps_hebeis_values(
    hebei_recommends, campaign, hebei, shandong, organizer_user, other_organizer_user, client_for
):
    """Shandong types the same credit code with its own values in "Add a new agency"."""
    form = {
        **hebei_form(),
        **{k: str(v) for k, v in SHANDONG.items()},
        "name": "山东写的另一个名字",
    }
    response = client_for(other_organizer_user).post(reverse("agencies:agency-create"), form)
    assert response.status_code == 302
    assert_hebei_unchanged(hebei_recommends, campaign, hebei, organizer_user)
    assert_shandong_declared(campaign, shandong)
    page = client_for(other_organizer_user).get(reverse("agencies:recommendation-list")).content
    assert b"0531-77776666" in page and b"0311-55554444" not in page


def test_page_import_of_another_organizer_keeps_hebeis_values(
    hebei_recommends, campaign, hebei, shandong, organizer_user, other_organizer_user, client_for
):
    """Shandong imports a one-row 附件2 naming the same agency with other values, twice."""
    sheet = agency_xlsx([agency_row(1, **SHANDONG_CELLS)])
    client = client_for(other_organizer_user)
    for _ in range(2):
        response = client.post(
            reverse("agencies:recommendation-import"),
            {"year": "2021", "file": upload("附件2.xlsx", sheet)},
        )
        assert response.status_code == 200
    assert_hebei_unchanged(hebei_recommends, campaign, hebei, organizer_user)
    assert_shandong_declared(campaign, shandong)


def test_command_import_of_another_organizer_keeps_hebeis_values(
    hebei_recommends, campaign, hebei, shandong, organizer_user, tmp_path
):
    """import_agency_list for Shandong with the same agency."""
    path = tmp_path / "shandong.xlsx"
    path.write_bytes(agency_xlsx([agency_row(1, **SHANDONG_CELLS)]))
    call_command("import_agency_list", "--campaign", "2021", "--organizer", "370000", str(path))
    assert_hebei_unchanged(hebei_recommends, campaign, hebei, organizer_user)
    assert_shandong_declared(campaign, shandong)


def test_api_import_of_another_organizer_keeps_hebeis_values(
    hebei_recommends, campaign, hebei, shandong, organizer_user, other_organizer_user, api_for
):
    """POST /api/v1/recommendations/import/ as Shandong."""
    sheet = agency_xlsx([agency_row(1, **SHANDONG_CELLS)])
    response = api_for(other_organizer_user).post(
        "/api/v1/recommendations/import/",
        {"campaign": campaign.pk, "file": upload("附件2.xlsx", sheet)},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert_hebei_unchanged(hebei_recommends, campaign, hebei, organizer_user)
    assert_shandong_declared(campaign, shandong)


def test_api_register_recommend_and_patch_keep_hebeis_values(
    hebei_recommends, campaign, hebei, shandong, organizer_user, other_organizer_user, api_for
):
    """POST /api/v1/agencies/ with the known code and other values, then Shandong's own row."""
    api = api_for(other_organizer_user)
    registry = {k: v for k, v in SHANDONG.items() if k not in ("planned_enterprises", "remarks")}
    known = api.post("/api/v1/agencies/", {**registry, "credit_code": CODE, "name": "别名"})
    assert known.status_code == 200 and known.json()["name"] == NAME
    agency_id = known.json()["id"]
    created = api.post(
        "/api/v1/recommendations/",
        {"campaign": campaign.pk, "agency": agency_id, **SHANDONG},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["phone"] == "0531-77776666"
    assert_hebei_unchanged(hebei_recommends, campaign, hebei, organizer_user)
    assert_shandong_declared(campaign, shandong)
    patched = api.patch(
        f"/api/v1/recommendations/{created.json()['id']}/",
        {"phone": "0531-11112222", "track_record": "改过的业绩"},
        format="json",
    )
    assert patched.status_code == 200 and patched.json()["phone"] == "0531-11112222"
    assert_hebei_unchanged(hebei_recommends, campaign, hebei, organizer_user)


def test_recommending_from_the_registry_adopts_the_registry_profile(
    hebei_recommends, campaign, shandong, other_organizer_user, client_for
):
    """ "Recommend" on a search result copies the registry's profile into Shandong's own row."""
    agency = Agency.objects.get(credit_code=CODE)
    client_for(other_organizer_user).post(
        reverse("agencies:recommendation-add", args=[agency.pk]), {"year": "2021"}
    )
    mine = Recommendation.objects.get(organizer=shandong)
    assert [getattr(mine, f) for f in DECLARED_FIELDS] == [
        getattr(agency, f) for f in DECLARED_FIELDS
    ]


def test_an_organizers_reimport_updates_its_own_declared_values(campaign, hebei):
    """A changed phone in Hebei's own file updates Hebei's row (it only filled blanks before)."""
    first = agency_xlsx([agency_row(1)])
    agency_list_import(campaign=campaign, organizer=hebei, file=io.BytesIO(first), actor=None)
    changed = agency_xlsx([agency_row(1, 电话="0311-00001111")])
    outcome = agency_list_import(
        campaign=campaign, organizer=hebei, file=io.BytesIO(changed), actor=None
    )
    assert (outcome.updated, Recommendation.objects.get().phone) == (1, "0311-00001111")
    assert Agency.objects.get().phone == "13800000000"  # the registry row keeps its profile


def test_each_organizers_task_letter_prints_the_contact_it_declared(
    hebei_recommends, campaign, hebei, shandong, other_organizer_user, client_for
):
    """Hebei's letter keeps Hebei's agency contact after Shandong declares another one."""
    form = {**hebei_form(), **{k: str(v) for k, v in SHANDONG.items()}}
    client_for(other_organizer_user).post(reverse("agencies:agency-create"), form)
    agency = Agency.objects.get(credit_code=CODE)
    letters = {
        o.code: TaskLetterFactory(campaign=campaign, organizer=o, agency=agency)
        for o in (hebei, shandong)
    }
    printed = {code: task_letter_data(letter) for code, letter in letters.items()}
    assert (printed["130000"].agency_contact, printed["130000"].agency_phone) == (
        "河北联系人",
        "0311-55554444",
    )
    assert (printed["370000"].agency_contact, printed["370000"].agency_phone) == (
        "山东联系人",
        "0531-77776666",
    )
