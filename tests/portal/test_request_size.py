"""Request bodies are capped, and an oversized upload is refused before it is read
(issue 11, item 7)."""

import pytest

from enterprises.models import DiagnosisTask
from portal.security.body_size import body_limit
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.fixtures.sheets import intent_xlsx


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


def test_settings_cap_every_kind_of_body(settings):
    """Form and JSON bodies by DATA_UPLOAD_MAX_MEMORY_SIZE, uploads by REQUEST_MAX_BYTES (the
    largest upload allowed plus room for the other fields)."""
    assert 0 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert (
        max(settings.UPLOAD_MAX_BYTES, settings.SPREADSHEET_MAX_BYTES) < settings.REQUEST_MAX_BYTES
    )
    assert body_limit("multipart/form-data; boundary=x") == settings.REQUEST_MAX_BYTES
    assert body_limit("application/json") == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_declared_oversize_upload_gets_413_without_reading(client_for, organizer_user, settings):
    """A multipart request declaring more than the cap is answered 413 with the body unread."""
    response = client_for(organizer_user).generic(
        "POST",
        "/api/v1/tasks/import/",
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BYTES + 1),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "MiB" in response.json()["detail"]


def test_declared_oversize_form_gets_413_without_reading(client, settings):
    """Even the sign-in page refuses a form body above DATA_UPLOAD_MAX_MEMORY_SIZE unread."""
    response = client.generic(
        "POST",
        "/accounts/login/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413


@pytest.fixture
def small_cap(settings, campaign, hebei, agency):
    recommend(campaign, hebei, agency)
    settings.REQUEST_MAX_BYTES = 2048
    return intent_xlsx(rows(2, agency.name))


def test_upload_over_the_cap_stores_nothing_through_the_api(
    small_cap, campaign, hebei, organizer_user, api_for
):
    """A real 附件3 import larger than the cap: 413 and no task is created."""
    assert len(small_cap) > 2048
    response = api_for(organizer_user).post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", small_cap)},
        format="multipart",
    )
    assert response.status_code == 413
    assert not DiagnosisTask.objects.filter(organizer=hebei).exists()


def test_upload_over_the_cap_stores_nothing_through_the_page(
    small_cap, campaign, hebei, organizer_user, client_for
):
    """The browser import of the same file: 413 and no task is created."""
    response = client_for(organizer_user).post(
        f"/enterprises/tasks/import/?year={campaign.year}",
        {"file": upload("a.xlsx", small_cap)},
    )
    assert response.status_code == 413
    assert not DiagnosisTask.objects.filter(organizer=hebei).exists()


def test_upload_under_the_cap_goes_through(
    small_cap, settings, campaign, hebei, organizer_user, api_for
):
    """The cap refuses only what is above it."""
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    response = api_for(organizer_user).post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", small_cap)},
        format="multipart",
    )
    assert response.status_code == 200
    assert DiagnosisTask.objects.filter(organizer=hebei).count() == 2
