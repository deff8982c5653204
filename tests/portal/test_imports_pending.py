"""Confirming the import of another organizer's file keeps the uploaded file on the server
(portal/imports/pending.py): the confirmation sends its token, not the file again. The token is
the uploader's and its page's only, and is forgotten once the file is imported."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from agencies.models import Recommendation
from enterprises.models import DiagnosisTask
from portal.imports.pending import CACHE_PREFIX
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.factories import UserFactory
from tests.fixtures.sheets import agency_row, agency_xlsx, intent_xlsx

JIANGSU = "江苏省工业和信息化厅"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _asked(client, url, data, **extra):
    response = client.post(
        url, {"year": "2021", "import": "1", "file": upload("江苏附件.xlsx", data), **extra}
    )
    assert response.status_code == 409
    return response, response.context["pending"]


def test_confirmation_imports_the_kept_file_without_choosing_it_again(
    campaign, organizer_user, client_for
):
    """409 names 江苏 and shows the kept file's name and no required file input; confirming
    with the token alone imports the file; the token is then forgotten."""
    client = client_for(organizer_user)
    url = reverse("agencies:recommendation-import")
    asked, token = _asked(client, url, agency_xlsx([agency_row(1)], organizer=JIANGSU))
    page = asked.content.decode()
    assert f'name="pending" value="{token}"' in page and "江苏附件.xlsx" in page
    assert 'type="file" name="file" required' not in page
    assert not Recommendation.objects.exists()
    done = client.post(
        url, {"year": "2021", "import": "1", "other_organizer_ok": "1", "pending": token}
    )
    assert done.status_code == 200 and done.context["outcome"].created == 1
    assert Recommendation.objects.get().organizer == organizer_user.organizer
    assert cache.get(CACHE_PREFIX + token) is None


def test_a_check_keeps_the_file_for_the_import_after_it(
    campaign, hebei, agency, organizer_user, client_for
):
    """附件3: check the kept file first (nothing stored, still kept), then import it."""
    recommend(campaign, hebei, agency)
    client = client_for(organizer_user)
    url = reverse("enterprises:task-import")
    _response, token = _asked(client, url, intent_xlsx(rows(2, agency.name), organizer="江苏省"))
    confirm = {"year": "2021", "other_organizer_ok": "1", "pending": token}
    checked = client.post(url, {**confirm, "check": "1"})
    assert checked.status_code == 200 and checked.context["outcome"].dry_run
    assert not DiagnosisTask.objects.exists()
    done = client.post(url, {**confirm, "import": "1"})
    assert done.status_code == 200 and DiagnosisTask.objects.count() == 2


def test_the_token_is_the_uploaders_and_its_pages_only(campaign, hebei, organizer_user, client_for):
    """A colleague with the token, or the token sent to the other import page, names no file:
    400 asking for the file, nothing imported."""
    client = client_for(organizer_user)
    url = reverse("agencies:recommendation-import")
    _response, token = _asked(client, url, agency_xlsx([agency_row(1)], organizer=JIANGSU))
    colleague = UserFactory(role="organizer", organizer=hebei)
    body = {"year": "2021", "import": "1", "other_organizer_ok": "1", "pending": token}
    refused = client_for(colleague).post(url, body)
    assert refused.status_code == 400
    assert refused.context["upload_form"].errors["file"]
    client = client_for(organizer_user)
    assert client.post(reverse("enterprises:task-import"), body).status_code == 400
    assert not Recommendation.objects.exists() and not DiagnosisTask.objects.exists()


def test_an_expired_token_asks_for_the_file_again(campaign, organizer_user, client_for):
    """Once the kept file has expired the page says so and asks for the file (400)."""
    client = client_for(organizer_user)
    url = reverse("agencies:recommendation-import")
    _response, token = _asked(client, url, agency_xlsx([agency_row(1)], organizer=JIANGSU))
    cache.delete(CACHE_PREFIX + token)
    response = client.post(
        url, {"year": "2021", "import": "1", "other_organizer_ok": "1", "pending": token}
    )
    assert response.status_code == 400
    assert not Recommendation.objects.exists()
