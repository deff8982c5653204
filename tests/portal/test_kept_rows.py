"""A list page's rows kept per data version (portal/fragments.py, `{% keptrows %}`): the kept
HTML follows every write to the rows' tables, and is never shown to another tenant, another
role or in another language."""

import datetime
import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from enterprises.models import DiagnosisTask
from portal.fragments import KeptRows
from portal.models import CampaignExtension
from portal.templatetags import kept
from reports.models import DiagnosisReport
from tests.factories import AgencyFactory, TaskFactory

TASKS = reverse("enterprises:task-list")
REPORTS = reverse("reports:report-list")


@pytest.fixture
def versioned(settings):
    settings.DATAVERSION_LOCAL = True


def _without_tokens(page: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "CSRF", page)  # the masked CSRF token changes each time


def _task_statements(client, url: str, params: dict) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url, params).content.decode()
    return body, sum('"enterprises_diagnosistask"' in q["sql"] for q in queries)


@pytest.mark.django_db(transaction=True)
def test_kept_rows_are_shown_until_a_write_changes_them(
    reference_data, campaign, hebei, agency, ministry_user, client_for, versioned
):
    task = TaskFactory(
        campaign=campaign, organizer=hebei, agency=agency, enterprise_name="旧名企业"
    )
    client = client_for(ministry_user)
    first, _reads = _task_statements(client, TASKS, {"year": 2021})
    assert "旧名企业" in first
    again, reads = _task_statements(client, TASKS, {"year": 2021})
    assert _without_tokens(again) == _without_tokens(first)
    assert reads == 0  # count, keys and the rows' HTML all kept: the task table is not read
    DiagnosisTask.objects.filter(pk=task.pk).update(enterprise_name="新名企业")
    after, reads = _task_statements(client, TASKS, {"year": 2021})
    assert "新名企业" in after and "旧名企业" not in after
    assert reads >= 1
    # A write to a joined table (the agency's name) changes the rows too.
    type(agency).objects.filter(pk=agency.pk).update(name="改名后的机构")
    assert "改名后的机构" in client.get(TASKS, {"year": 2021}).content.decode()


@pytest.mark.django_db(transaction=True)
def test_kept_rows_stay_with_their_tenant_and_role(
    reference_data,
    campaign,
    hebei,
    shandong,
    organizer_user,
    other_organizer_user,
    ministry_user,
    client_for,
    versioned,
):
    TaskFactory(
        campaign=campaign, organizer=hebei, agency=AgencyFactory(), enterprise_name="冀企业"
    )
    TaskFactory(
        campaign=campaign, organizer=shandong, agency=AgencyFactory(), enterprise_name="鲁企业"
    )
    for _round in range(2):  # the second round reads what the first kept
        ours = client_for(organizer_user).get(TASKS, {"year": 2021}).content.decode()
        theirs = client_for(other_organizer_user).get(TASKS, {"year": 2021}).content.decode()
        national = client_for(ministry_user).get(TASKS, {"year": 2021}).content.decode()
        assert "冀企业" in ours and "鲁企业" not in ours
        assert "鲁企业" in theirs and "冀企业" not in theirs
        assert "冀企业" in national and "鲁企业" in national
        # The organizer sees its rows' contacts, the ministry each row's organizer instead.
        assert "task-contact" in ours and "task-contact" not in national
        assert f"<td>{shandong.name}</td>" in national


@pytest.mark.django_db(transaction=True)
def test_kept_rows_follow_the_language(
    reference_data, campaign, hebei, agency, ministry_user, client_for, versioned
):
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    client = client_for(ministry_user)
    pages = {}
    for language in ("zh-hans", "en", "zh-hans", "en"):
        client.cookies["django_language"] = language
        pages.setdefault(language, []).append(client.get(TASKS, {"year": 2021}).content.decode())
    assert ">已匹配机构</span>" in pages["zh-hans"][1]
    assert ">Matched to an agency</span>" in pages["en"][1]
    assert "已匹配机构</span>" not in pages["en"][1]


@pytest.mark.django_db(transaction=True)
def test_the_report_list_keeps_its_rows_per_version_and_tenant(
    reference_data,
    campaign,
    hebei,
    agency,
    other_agency,
    agency_user,
    other_agency_user,
    client_for,
    versioned,
):
    ours = TaskFactory(campaign=campaign, organizer=hebei, agency=agency, published=True)
    TaskFactory(campaign=campaign, organizer=hebei, agency=other_agency, published=True)
    for _round in range(2):
        page = client_for(agency_user).get(REPORTS, {"year": 2021}).content.decode()
        other = client_for(other_agency_user).get(REPORTS, {"year": 2021}).content.decode()
        assert ours.enterprise_name in page and ours.enterprise_name not in other
    assert "badge--late" not in page
    DiagnosisReport.objects.create(task=ours, is_late=True)
    page = client_for(agency_user).get(REPORTS, {"year": 2021}).content.decode()
    assert "badge--late" in page


@pytest.mark.django_db
def test_pages_without_kept_rows_render_them(rf, ministry_user):
    """Without a page read by VersionedPaginator (no rows query) the rows are rendered."""
    request = rf.get("/")
    request.user = ministry_user
    assert KeptRows(request, object()).render(lambda: "<tr></tr>") == "<tr></tr>"


@pytest.mark.django_db(transaction=True)
def test_a_report_row_shows_its_organizers_new_deadline_at_once(
    reference_data, campaign, hebei, agency, agency_user, ministry_user, client_for, versioned
):
    """The rows' deadline chips come from the extensions, read once per data version: the
    ministry's extension of an organizer's 附件4 shows in the next page."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, published=True)
    client = client_for(agency_user)
    before = client.get(REPORTS, {"year": 2021}).content.decode()
    assert 'datetime="2031-01-15"' not in before
    CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=4,
        due=datetime.date(2031, 1, 15),
        reason="延期",
        granted_by=ministry_user,
    )
    assert 'datetime="2031-01-15"' in client.get(REPORTS, {"year": 2021}).content.decode()


def _pagination(rf, query: str, number: int, language: str, **extra) -> str:
    request = rf.get("/list/", QueryDict(query))
    page = Paginator(range(1000), 25).page(number)
    with translation.override(language):
        return render_to_string(
            "components/pagination.html", {"page_obj": page, **extra}, request=request
        )


def test_the_kept_pagination_bar_follows_its_page_query_targets_and_language(rf):
    cases = [
        ("state=matched", 3, "zh-hans", {}),
        ("state=published", 3, "zh-hans", {}),
        ("state=matched&page=3", 4, "zh-hans", {}),
        ("state=matched", 3, "en", {}),
        ("state=matched", 3, "zh-hans", {"hx_target": "#task-results"}),
    ]
    kept._kept_for.clear()
    fresh = [_pagination(rf, *case[:3], **case[3]) for case in cases]
    assert len(set(fresh)) == len(cases)  # each case writes its own bar
    assert "?state=published&amp;page=4" in fresh[1] and "Next" in fresh[3]
    again = [_pagination(rf, *case[:3], **case[3]) for case in cases]  # from what was kept
    assert again == fresh
    assert len(kept._kept_for) == len(cases)


def test_the_kept_pagination_bar_is_bounded(rf):
    kept._kept_for.clear()
    for number in range(1, 41):
        for n in range(kept.KEPT_FOR_MAX // 40 + 1):
            _pagination(rf, f"q={n}", number, "en")
    assert len(kept._kept_for) == kept.KEPT_FOR_MAX
