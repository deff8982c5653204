"""The page header and the filter bar kept per process (`{% keptheader %}`, `{% keptform %}`
in portal/templatetags/kept.py): what is kept is what would be written for the same inputs,
and every input shows at once — the user, the unread count, the navigation, the path, the
form's values and choices; the CSRF token in a kept header is the request's own."""

import re

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from enterprises.forms import FollowUpPickForm, TaskFilterForm, TaskForm
from portal.imports.forms import SpreadsheetUploadForm
from portal.models import Notice
from portal.templatetags import kept

TASKS = reverse("enterprises:task-list")
HEADER = re.compile(r'<header class="site-header">.*?</header>', re.S)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _header(client, url: str, params: dict | None = None) -> str:
    match = HEADER.search(client.get(url, params or {}).content.decode())
    assert match is not None
    return match.group(0)


def _tokens_out(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="CSRF"', html)


@pytest.mark.django_db
def test_the_kept_header_is_the_one_written_for_each_user_path_and_count(
    campaign, organizer_user, other_organizer_user, client_for
):
    kept._kept_for.clear()
    client = client_for(organizer_user)
    fresh = _header(client, TASKS, {"year": 2021, "q": "钢<铁>"})
    again = _header(client, TASKS, {"year": 2021, "q": "钢<铁>"})  # from what was kept
    kept._kept_for.clear()
    assert _tokens_out(again) == _tokens_out(fresh)
    # The language form goes back to this very page, query string escaped.
    assert 'name="next" value="/enterprises/tasks/?year=2021&amp;q=%E9%92%A2%3C%E9%93%81%3E"' in (
        again
    )
    other_path = _header(client, TASKS, {"year": 2021})
    assert 'name="next" value="/enterprises/tasks/?year=2021"' in other_path
    assert organizer_user.organizer.name in again
    # Another organizer: its own name and tenant, never the first one's.
    other = _header(client_for(other_organizer_user), TASKS, {"year": 2021})
    assert other_organizer_user.organizer.name in other
    assert organizer_user.organizer.name not in other
    # A new notice shows in the next header.
    client = client_for(organizer_user)
    assert 'class="count"' not in _header(client, TASKS, {"year": 2021})
    Notice.objects.create(recipient=organizer_user, title="催办")
    assert '<span class="count">1</span>' in _header(client, TASKS, {"year": 2021})
    # The navigation marks the page's own entry.
    home = _header(client, reverse("home"))
    assert home != _header(client, TASKS, {"year": 2021})


@pytest.mark.django_db
def test_the_kept_headers_sign_out_form_carries_a_valid_token(organizer_user, campaign):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer_user, backend="portal.security.backends.TenantModelBackend")
    _header(client, TASKS, {"year": 2021})  # the header is kept now
    header = _header(client, TASKS, {"year": 2021})
    tokens = TOKEN.findall(header)
    assert tokens and "kept" not in header  # no marker left in the page
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[-1]})
    assert response.status_code == 302  # the token passed the CSRF check
    assert client.get(TASKS, {"year": 2021}).status_code == 302  # signed out: to the login


def _bar(rf, form, language: str = "zh-hans", **extra) -> str:
    request = rf.get(TASKS, form.data)
    with translation.override(language):
        return render_to_string(
            "components/filter_bar.html", {"form": form, **extra}, request=request
        )


def _form(query: str, agencies=((1, "甲机构"), (2, "乙机构"))) -> TaskFilterForm:
    options = {
        "agencies": list(agencies),
        "cities": ["石家庄市"],
        "industries": [("C", "C 制造业")],
    }
    return TaskFilterForm(QueryDict(query), options=options)


def test_the_kept_filter_bar_is_the_one_written_for_its_values_choices_and_language(rf):
    cases = [
        (_form("q=钢"), "zh-hans", {}),
        (_form("q=铁"), "zh-hans", {}),
        (_form("agency=2"), "zh-hans", {}),
        (_form("agency=2", agencies=((1, "甲机构"), (2, "丙机构"))), "zh-hans", {}),
        (_form("agency=2"), "en", {}),
        (_form("agency=2"), "zh-hans", {"count": 7}),
        (_form("agency=2"), "zh-hans", {"hx_target": "#task-results"}),
    ]
    kept._kept_for.clear()
    fresh = [_bar(rf, form, language, **extra) for form, language, extra in cases]
    assert len(set(fresh)) == len(cases)  # each writes its own bar
    assert 'value="钢"' in fresh[0] and 'value="2" selected>乙机构' in fresh[2]
    assert "丙机构" in fresh[3] and "7" in fresh[5] and 'hx-target="#task-results"' in fresh[6]
    again = [_bar(rf, form, language, **extra) for form, language, extra in cases]
    assert again == fresh
    assert len(kept._kept_for) == len(cases)


def test_a_filter_bar_with_errors_is_written_each_time(rf):
    kept._kept_for.clear()
    form = _form("agency=999")  # not one of the choices
    html = _bar(rf, form)
    assert "field__errors" in html
    assert len(kept._kept_for) == 0


NEW_ROW = re.compile(r'<tr id="task-new-row".*?</tr>', re.S)
FORMS = re.compile(r'<section class="panel" id="(?:import|follow-up-pick)">.*?</section>', re.S)


def _organizer_forms(client, **kwargs) -> str:
    response = client.get(TASKS, {"year": 2021}, **kwargs)
    page = response.content.decode()
    row = NEW_ROW.search(page)
    assert row is not None, "the add row is on the editable intent list"
    return _tokens_out("".join([row.group(0), *FORMS.findall(page)]))


@pytest.mark.django_db
def test_the_intent_lists_kept_forms_are_the_ones_written_and_errors_are_never_kept(
    campaign, organizer_user, client_for
):
    """The add row, the import form and the follow-up picker's form are kept per process (an
    organizer's page wrote them on every request, a third of its time); an add with errors
    shows its own values and errors, and the next page the blank row again."""
    kept._kept_for.clear()
    client = client_for(organizer_user)
    fresh = _organizer_forms(client)
    kept_forms = {part[0] for key in kept._kept_for for part in key if isinstance(part, tuple)}
    assert {TaskForm, SpreadsheetUploadForm, FollowUpPickForm} <= kept_forms
    assert _organizer_forms(client) == fresh
    kept._kept_for.clear()
    assert _organizer_forms(client) == fresh  # written again, the same
    refused = client.post(
        reverse("enterprises:task-create") + "?year=2021",
        {"year": 2021, "enterprise_name": "新增<企业>", "credit_code": "不是代码"},
        headers={"HX-Request": "true"},
    ).content.decode()
    row = NEW_ROW.search(refused)
    assert row is not None and 'value="新增&lt;企业&gt;"' in row.group(0)
    assert "errorlist" in row.group(0)
    assert _organizer_forms(client) == fresh
    with translation.override("en"):
        english = _organizer_forms(client, headers={"Accept-Language": "en"})
    assert english != fresh and "Import" in english
