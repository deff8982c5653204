"""`/api/schema/` is made once per process, language and format: junk `lang` and `version`
values get the same document without generating it again (an anonymous visitor cannot keep a
worker busy by varying the query string), and a real language still gets its own."""

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator

from portal.api import schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def generations(monkeypatch):
    """A fresh cache and a count of the generator's runs (the real generator runs)."""
    monkeypatch.setattr(schema, "_KEPT", {})
    runs = []
    original = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        runs.append(self.api_version)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    return runs


def test_junk_lang_and_version_get_the_same_document_once(client, generations):
    first = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert first.status_code == 200
    assert first["Content-Type"].startswith("application/vnd.oai.openapi")
    for query in ({"lang": "abc"}, {"lang": "-1"}, {"version": "99999"}, {"version": "v2"}):
        again = client.get("/api/schema/", query, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert again.status_code == 200
        assert again.content == first.content, query
    assert generations == [None]  # generated once, with no version
    document = yaml.safe_load(first.content)
    assert any(path.startswith("/api/v1/") for path in document["paths"])
    assert "/api/schema/" not in document["paths"]


def test_each_language_and_format_has_its_own_document(client, generations):
    chinese = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    english = client.get("/api/schema/", {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert english != chinese
    as_json = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert as_json["Content-Type"] == "application/vnd.oai.openapi+json"
    assert as_json.json()["openapi"].startswith("3.")
    assert len(generations) == 3
    client.get("/api/schema/", {"lang": "en"})
    assert len(generations) == 3
