"""The pages of a closed campaign are read-only (issue 11, item 2, the pages' half).

A closed year (2020) shows no write control — no import panel, no add row, no edit or remove
button, no submit/approve move, no sign form — and a banner saying the year is closed; its
deadlines are not counted as overdue; and opening its pages writes nothing (no draft Submission
is created on GET). The open year (2021) keeps every control, as the contrast.
"""

import pytest
from django.urls import reverse

from enterprises.models import TaskLetter
from enterprises.services import letters_sync
from portal.campaigns import campaign_move
from portal.models import Campaign
from provinces.choices import Form
from provinces.models import Submission
from tests.factories import CampaignFactory, SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db

BANNER = "该年度工作已关闭，仅供查看"
OVERDUE = "deadline--overdue"


@pytest.fixture
def years(hebei, organizer_user, agency, ministry_user):
    """2020 (closed, one draft 附件1 opened before it closed, a matched task with its letter)
    and 2021 (open, the same)."""
    out = {}
    for year in (2020, 2021):
        campaign = CampaignFactory(year=year)
        plan = SubmissionFactory(campaign=campaign, organizer=hebei, form=Form.PLAN)
        task = TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
        letters_sync(campaign=campaign, organizer=hebei)
        out[year] = {
            "campaign": campaign,
            "plan": plan,
            "task": task,
            "letter": TaskLetter.objects.get(campaign=campaign, agency=agency),
        }
    campaign_move(campaign_id=out[2020]["campaign"].pk, move="close", actor=ministry_user)
    return out


def page(client, user, url):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, url
    return response.content.decode()


def write_urls(w) -> dict[str, list[str]]:
    """Per page (URL), the form actions / links that only an open year may offer."""
    year = w["campaign"].year
    task, letter, plan = w["task"], w["letter"], w["plan"]
    return {
        f"{reverse('enterprises:task-list')}?year={year}": [
            reverse("enterprises:task-import"),
            reverse("enterprises:task-create"),
            reverse("enterprises:task-edit", args=[task.pk]),
            "Review and submit",
        ],
        f"{reverse('provinces:submission-list')}?year={year}": ["icon--pencil"],
        reverse("provinces:submission-detail", args=[plan.pk]): [
            reverse("provinces:submission-move", args=[plan.pk, "submit"]),
        ],
        f"{reverse('provinces:plan-edit')}?year={year}": ['id="plan-form"'],
        f"{reverse('agencies:recommendation-list')}?year={year}": [
            reverse("agencies:agency-create"),
            reverse("agencies:recommendation-import"),
        ],
        f"{reverse('reports:summary-edit')}?year={year}": ['id="summary-form"'],
        f"{reverse('enterprises:letter-list')}?year={year}": ["Generate and sign", "生成并签署"],
        reverse("enterprises:letter-detail", args=[letter.pk]): [
            reverse("enterprises:letter-sign", args=[letter.pk]),
        ],
        f"{reverse('reports:report-list')}?year={year}": [],
    }


def test_closed_year_pages_show_no_write_control_and_the_banner(client, years, organizer_user):
    for url, needles in write_urls(years[2020]).items():
        html = page(client, organizer_user, url)
        assert BANNER in html, url
        for needle in needles:
            assert needle not in html, (url, needle)


def test_open_year_pages_keep_their_write_controls(client, years, organizer_user):
    letter_list = f"{reverse('enterprises:letter-list')}?year=2021"
    for url, needles in write_urls(years[2021]).items():
        html = page(client, organizer_user, url)
        assert BANNER not in html, url
        if url == letter_list:  # the button reads in the page's language
            assert "生成并签署" in html
            continue
        for needle in needles:
            if needle != "Review and submit":
                assert needle in html, (url, needle)


def test_get_of_a_closed_year_creates_no_submission(client, years, organizer_user):
    before = list(Submission.objects.order_by("pk").values())
    for url in write_urls(years[2020]):
        html = page(client, organizer_user, url)
        assert "Traceback" not in html
    assert list(Submission.objects.order_by("pk").values()) == before
    # Forms never opened show as not submitted instead.
    html = page(client, organizer_user, f"{reverse('enterprises:task-list')}?year=2020")
    assert "未报送" in html
    assert 'datetime="2020-06-15"' in html  # its deadline, as a date
    # The open year still opens its drafts on GET, as before.
    page(client, organizer_user, f"{reverse('enterprises:task-list')}?year=2021")
    assert Submission.objects.filter(campaign__year=2021, form=Form.INTENT).count() == 1


def test_closed_year_deadlines_are_not_overdue(client, years, organizer_user):
    for url in (
        f"{reverse('enterprises:task-list')}?year=2020",
        f"{reverse('provinces:submission-list')}?year=2020",
        reverse("provinces:submission-detail", args=[years[2020]["plan"].pk]),
        f"{reverse('reports:report-list')}?year=2020",
    ):
        html = page(client, organizer_user, url)
        assert OVERDUE not in html, url
        assert "已逾期" not in html, url
    # 2021's deadlines passed too and, the year being open, they are overdue.
    html = page(client, organizer_user, f"{reverse('provinces:submission-list')}?year=2021")
    assert OVERDUE in html


def test_the_ministry_gets_the_way_to_reopen(client, years, ministry_user):
    html = page(client, ministry_user, f"{reverse('enterprises:task-list')}?year=2020")
    assert BANNER in html
    assert f'href="{reverse("campaigns")}"' in html
    assert Campaign.objects.get(year=2020).state == "closed"


@pytest.mark.parametrize(("year", "offered"), [(2020, False), (2021, True)])
def test_the_agencys_report_page_offers_its_edit_forms_only_in_an_open_year(
    client, years, hebei, agency, agency_user, year, offered
):
    """A published task's report: the agency edits it in 2021; in the closed 2020 the page
    shows it without the file, general, energy, equipment and measure forms."""
    task = TaskFactory(
        campaign=years[year]["campaign"], organizer=hebei, agency=agency, published=True
    )
    html = page(client, agency_user, reverse("reports:report-detail", args=[task.pk]))
    for name in ("report-file", "report-general"):
        assert (reverse(f"reports:{name}", args=[task.pk]) in html) is offered, name
