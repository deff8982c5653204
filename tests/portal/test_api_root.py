"""/api/v1/ is a root page listing the API's resources, for signed-in users and tokens only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_root_lists_every_resource_with_a_working_link(api_for, organizer_user):
    api = api_for(organizer_user)
    response = api.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    links = response.json()
    for resource in ("campaigns", "submissions", "tasks", "letters", "reports", "me"):
        assert resource in links, resource
    assert links["schema"].endswith(reverse("api-schema"))
    assert links["docs"].endswith(reverse("api-docs"))
    for resource in ("campaigns", "tasks", "reports", "published-lists"):
        assert api.get(links[resource]).status_code == 200, resource


def test_the_root_is_a_browsable_page(client_for, ministry_user):
    response = client_for(ministry_user).get("/api/v1/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/campaigns/" in html
    assert "/api/schema/" in html


def test_the_root_needs_a_signed_in_user(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code in (401, 403)
