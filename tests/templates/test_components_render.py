"""The shared components render what their documented parameters promise."""

import datetime as dt

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def render(template: str, path: str = "/list/", **context) -> str:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return render_to_string(f"components/{template}", context, request=request)


class SampleForm(forms.Form):
    code = forms.CharField(label="Code", help_text="18 characters")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )


def test_status_badge_shows_text_and_a_status_class():
    """The badge carries the words and a per-status class (for the icon shape)."""
    html = render("status_badge.html", status="returned", label="Returned")
    assert 'class="badge badge--returned"' in html
    assert ">Returned<" in html


def test_pagination_keeps_the_query_string():
    """Page links keep the current filters and only change the page."""
    page = Paginator(list(range(100)), 10).get_page(5)
    html = render("pagination.html", path="/list/?status=draft&page=5", page_obj=page)
    assert 'href="?status=draft&amp;page=6"' in html
    assert 'aria-current="page"' in html


def test_pagination_elides_far_pages():
    """Far pages collapse into a gap; the first and last page stay reachable."""
    page = Paginator(list(range(500)), 10).get_page(25)
    html = render("pagination.html", path="/list/?page=25", page_obj=page)
    assert 'href="?page=1"' in html
    assert 'href="?page=50"' in html
    assert 'href="?page=10"' not in html
    assert html.count("pagination__gap") == 2


def test_pagination_adds_htmx_attributes_when_targeted():
    """With hx_target the links also load through htmx into that element."""
    page = Paginator(list(range(30)), 10).get_page(1)
    html = render("pagination.html", page_obj=page, hx_target="#rows")
    assert 'hx-get="?page=2"' in html
    assert 'hx-target="#rows"' in html


def test_pagination_renders_nothing_for_one_page():
    """A single page needs no page links."""
    page = Paginator(list(range(5)), 10).get_page(1)
    assert render("pagination.html", page_obj=page).strip() == ""


def test_field_error_and_help_ids_match_aria_describedby():
    """The error list and help text have the ids Django puts in the widget's aria-describedby."""
    form = SampleForm(data={"code": "", "kind": "a"})
    form.is_valid()
    html = render("field.html", field=form["code"])
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    assert 'id="id_code_helptext"' in html
    assert 'id="id_code_error"' in html
    assert 'aria-invalid="true"' in html


def test_radio_group_is_a_fieldset_with_legend():
    """Choice groups are a fieldset named by a legend."""
    html = render("field.html", field=SampleForm()["kind"])
    assert "<fieldset" in html
    assert '<legend class="field__label">Kind' in html


def test_form_shows_non_field_errors_in_the_summary():
    """A non-field error heads the error summary, which links to each bad field."""
    form = SampleForm(data={"code": "", "kind": "a"})
    form.is_valid()
    form.add_error(None, "Listed twice")
    html = render("form_fields.html", form=form)
    assert 'role="alert"' in html
    assert "Listed twice" in html
    assert 'href="#id_code"' in html


def test_job_progress_polls_while_running():
    """A running job re-requests its fragment every 2 s and shows a <progress>."""
    html = render("job_progress.html", state="running", percent=40, poll_url="/jobs/7/")
    assert 'hx-get="/jobs/7/"' in html
    assert 'hx-trigger="every 2s"' in html
    assert '<progress max="100" value="40"' in html


def test_job_progress_stops_polling_when_done():
    """A finished job no longer polls and offers the download."""
    html = render(
        "job_progress.html", state="done", poll_url="/jobs/7/", download_url="/jobs/7/file"
    )
    assert "hx-trigger" not in html
    assert 'href="/jobs/7/file"' in html


def test_meter_rounds_width_to_five_percent_steps():
    """The bar width is a w-N class in 5 % steps (no inline style)."""
    assert "w-80" in render("meter.html", value=163, max=200, label="x")
    assert "w-100" in render("meter.html", value=250, max=200, label="x")
    assert "w-0" in render("meter.html", value=0, max=0, label="x")


def test_deadline_chip_counts_overdue_days():
    """A negative days_left reads as days overdue, without the minus sign."""
    html = render("deadline_chip.html", due=dt.date(2021, 5, 31), days_left=-12)
    assert "deadline--overdue" in html
    assert "12" in html
    assert "-12" not in html
    assert 'datetime="2021-05-31"' in html


def test_table_shows_the_empty_state_across_all_columns():
    """An empty table shows one row spanning every column with the empty-state text."""
    html = render("table.html", columns=["A", "B", "C"], rows=[], empty_title="No agencies yet")
    assert 'colspan="3"' in html
    assert "No agencies yet" in html


def test_tabs_without_urls_are_aria_tabs():
    """In-page tabs are buttons with role=tab controlling panel-<id>."""
    tabs = [{"id": "plan", "label": "Plan", "active": True}, {"id": "list", "label": "List"}]
    html = render("tabs.html", tabs=tabs, label="Sections")
    assert 'role="tablist"' in html
    assert 'aria-controls="panel-list"' in html
    assert 'aria-selected="true"' in html
