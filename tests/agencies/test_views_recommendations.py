"""The recommendation page: registry search, a new agency, row edits, the 附件2 import."""

import io

import pytest
from django.urls import reverse

from agencies.imports import parse_agency_list
from agencies.models import Agency, Recommendation
from tests.enterprises.workflow_helpers import upload
from tests.factories import AgencyFactory, credit_code
from tests.fixtures.sheets import agency_row, agency_xlsx

pytestmark = pytest.mark.django_db
URL = reverse("agencies:recommendation-list")


def new_agency(**changes) -> dict:
    return {
        "year": "2021",
        "name": "河北页面新增节能服务有限公司",
        "credit_code": credit_code("130100"),
        "nature": "节能服务公司",
        "location": "保定市",
        "technical_staff": "20",
        "contact_name": "刘工",
        "phone": "0312-1",
        "email": "x@example.cn",
        "planned_enterprises": "15",
        **changes,
    }


def test_search_by_name_and_credit_code_prefix(campaign, agency, organizer_user, client_for):
    """The registry search finds an agency by part of its name or the start of its code."""
    client = client_for(organizer_user)
    url = reverse("agencies:registry-search")
    add_url = reverse("agencies:recommendation-add", args=[agency.pk])
    by_name = client.get(url, {"q": "河北测试"}, HTTP_HX_REQUEST="true").content.decode()
    assert add_url in by_name and "<html" not in by_name
    by_code = client.get(url, {"q": agency.credit_code[:10].lower()}).content.decode()
    assert add_url in by_code
    assert add_url not in client.get(url, {"q": "山东"}).content.decode()


def test_recommend_from_the_registry(campaign, agency, organizer_user, client_for):
    """The “Recommend” button adds the registry agency to the list."""
    client_for(organizer_user).post(
        reverse("agencies:recommendation-add", args=[agency.pk]), {"year": "2021"}
    )
    assert Recommendation.objects.get().agency == agency


def test_new_agency_with_a_bad_code_shows_the_error(campaign, organizer_user, client_for):
    """A wrong check character: 400, the message on the field, nothing stored."""
    code = credit_code("130100")
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    response = client_for(organizer_user).post(
        reverse("agencies:agency-create"), new_agency(credit_code=wrong)
    )
    assert response.status_code == 400 and "credit_code" in response.context["agency_form"].errors
    assert not Agency.objects.filter(name="河北页面新增节能服务有限公司").exists()


def test_new_agency_already_registered_is_reused(campaign, organizer_user, client_for):
    """The same credit code typed again recommends the registered agency, no duplicate."""
    existing = AgencyFactory(name="已登记节能服务有限公司")
    client_for(organizer_user).post(
        reverse("agencies:agency-create"), new_agency(credit_code=existing.credit_code)
    )
    assert Agency.objects.filter(credit_code=existing.credit_code).count() == 1
    assert Recommendation.objects.get().agency == existing


def test_import_with_bad_rows_lists_them(campaign, organizer_user, client_for):
    """A bad 附件2: 422 with every bad row; nothing recommended."""
    table = [agency_row(1), agency_row(2, 专职技术人员数="很多")]
    response = client_for(organizer_user).post(
        reverse("agencies:recommendation-import"),
        {"year": "2021", "file": upload("附件2.xlsx", agency_xlsx(table))},
    )
    assert response.status_code == 422
    assert [(e.row, e.column) for e in response.context["outcome"].errors] == [
        (2, "专职技术人员数")
    ]
    assert not Recommendation.objects.exists()


def test_template_round_trips_through_the_importer(campaign, organizer_user, client_for):
    """The blank 附件2 has the headers the importer reads."""
    response = client_for(organizer_user).get(reverse("agencies:recommendation-template"))
    assert parse_agency_list(io.BytesIO(response.content)).ok


def test_update_and_remove_a_row(campaign, hebei, agency, organizer_user, client_for):
    """The row's planned number and remarks are saved; “Remove” takes it off."""
    rec = Recommendation.objects.create(campaign=campaign, organizer=hebei, agency=agency)
    client = client_for(organizer_user)
    client.post(
        reverse("agencies:recommendation-update", args=[rec.pk]),
        {"planned_enterprises": "12", "remarks": "钢铁"},
    )
    rec.refresh_from_db()
    assert (rec.planned_enterprises, rec.remarks) == (12, "钢铁")
    client.post(reverse("agencies:recommendation-remove", args=[rec.pk]))
    assert not Recommendation.objects.exists()


def test_other_organizers_recommendation_is_404(
    campaign, shandong, agency, organizer_user, client_for
):
    """Another tenant's row cannot be changed."""
    rec = Recommendation.objects.create(campaign=campaign, organizer=shandong, agency=agency)
    response = client_for(organizer_user).post(
        reverse("agencies:recommendation-remove", args=[rec.pk])
    )
    assert response.status_code == 404 and Recommendation.objects.exists()


def test_page_renders_with_the_list(campaign, hebei, agency, organizer_user, client_for):
    """The page lists the recommendations of the organizer."""
    Recommendation.objects.create(campaign=campaign, organizer=hebei, agency=agency)
    response = client_for(organizer_user).get(URL)
    assert response.status_code == 200 and agency.name in response.content.decode()
