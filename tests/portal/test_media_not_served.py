"""/media/ is never served, not even under DEBUG: files go out only through the scoped download
views (issue 11, item 7)."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches

from tests.factories import DocumentJobFactory


@pytest.fixture
def debug_urls(settings):
    """The URLconf as it is built when the portal runs with DEBUG=true (`make run`)."""
    import portal.urls

    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def stored_file(organizer_user, campaign, hebei):
    job = DocumentJobFactory(
        requested_by=organizer_user,
        kind="form1",
        campaign=campaign,
        organizer=hebei,
        done=True,
        output_name="附件1.xlsx",
    )
    job.output.save("secret-plan.xlsx", ContentFile(b"PK hebei plan"), save=True)
    return job


def test_anonymous_gets_404_for_a_media_path(debug_urls, client, stored_file):
    assert client.get(f"/media/{stored_file.output.name}").status_code == 404


def test_another_tenant_gets_404_for_a_media_path(
    debug_urls, client_for, other_organizer_user, stored_file
):
    response = client_for(other_organizer_user).get(f"/media/{stored_file.output.name}")
    assert response.status_code == 404


def test_owner_downloads_only_through_the_scoped_view(
    debug_urls, client_for, organizer_user, stored_file
):
    """Even the owner gets 404 at /media/; the audited download view serves the file."""
    client = client_for(organizer_user)
    assert client.get(f"/media/{stored_file.output.name}").status_code == 404
    response = client.get(f"/documents/{stored_file.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK hebei plan"
