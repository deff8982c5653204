"""The spreadsheet size limit: one number (SPREADSHEET_MAX_BYTES, as documented) everywhere, and a
message that says the file is larger than the limit, in MB, in the user's language."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from enterprises.imports import parse_intent_list
from enterprises.models import DiagnosisTask
from portal.errors import DomainError
from portal.filesize import larger_mb_text, too_large_message
from portal.imports.outcome import import_limits, read_spreadsheet
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.fixtures.sheets import intent_xlsx

MiB = 1024 * 1024
README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_documented_limit_is_the_setting_and_the_readers_limit():
    """README's SPREADSHEET_MAX_BYTES default is the setting's, and the import reader uses it."""
    documented = re.search(r"`SPREADSHEET_MAX_BYTES` \| [^|]*?, (\d+) MiB", README.read_text())
    assert documented, "README lists SPREADSHEET_MAX_BYTES with its default"
    assert int(documented[1]) * MiB == django_settings.SPREADSHEET_MAX_BYTES
    assert import_limits().max_bytes == django_settings.SPREADSHEET_MAX_BYTES


def test_the_setting_is_the_readers_limit(settings):
    """The reader has no smaller limit of its own (it had 10 MiB): what the setting allows is
    read, a byte more is refused."""
    data = intent_xlsx(rows(1, "某机构"))
    settings.SPREADSHEET_MAX_BYTES = len(data)
    assert read_spreadsheet(parse_intent_list, data).ok
    settings.SPREADSHEET_MAX_BYTES = len(data) - 1
    with translation.override("en"), pytest.raises(DomainError, match="larger than the limit"):
        read_spreadsheet(parse_intent_list, data)


@pytest.mark.parametrize(
    ("size", "limit", "shown"),
    [
        (25 * MiB, 20 * MiB, "25.0"),
        (20 * MiB + 1, 20 * MiB, "20.1"),
        (int(20.04 * MiB), 20 * MiB, "20.1"),
    ],
)
def test_the_file_size_always_reads_larger_than_the_limit(size, limit, shown):
    """Rounded up, so a file just over 20 MB never reads "20.0 MB; the limit is 20 MB"."""
    assert larger_mb_text(size, limit) == shown
    assert float(shown) > limit / MiB


def test_the_message_is_translated():
    """In Chinese the message says 大于 with both sizes in MB."""
    with translation.override("zh-hans"):
        message = too_large_message(25 * MiB, 20 * MiB)
    assert "25.0" in message and "20" in message and "大于" in message


@pytest.mark.django_db
def test_api_too_large_is_translated_with_both_sizes(
    settings, campaign, hebei, agency, organizer_user, api_for
):
    """POST /tasks/import/ above the limit: 400 on `file`, in the request's language."""
    recommend(campaign, hebei, agency)
    data = intent_xlsx(rows(1, agency.name))
    settings.SPREADSHEET_MAX_BYTES = 1000
    response = api_for(organizer_user).post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", data)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    message = response.json()["file"][0]
    assert "大于" in message and "MB" in message
    assert not DiagnosisTask.objects.exists()


@pytest.mark.django_db
def test_page_says_the_file_is_larger_than_the_limit(
    settings, campaign, organizer_user, client_for
):
    """The import page's field error names both sizes."""
    settings.SPREADSHEET_MAX_BYTES = 1000
    response = client_for(organizer_user).post(
        reverse("agencies:recommendation-import"),
        {"year": "2021", "check": "1", "file": upload("a.xlsx", b"x" * 3000)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "larger than the limit of 0.000954 MB" in response.content.decode()
