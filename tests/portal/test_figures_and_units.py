"""Figures and units on pages: one unit filter, thousands separators in both languages."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from portal.units import UNITS, unit_label, with_unit
from tests.factories import DiagnosisReportFactory
from tests.reports.reporting import published_task


def render(text: str, **context) -> str:
    return Template("{% load figures %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "12,000,000 千瓦时/年"), ("en", "12,000,000 kWh/yr")],
)
def test_large_figure_has_separators_and_the_unit_in_the_page_language(language, expected):
    """12000000 kWh reads 12,000,000 in both languages; the unit in the page's language."""
    with translation.override(language):
        assert render('{{ v|number }} {{ "kWh/yr"|unit }}', v=Decimal("12000000")) == expected


def test_number_keeps_the_asked_decimals_and_leaves_none_blank():
    """Decimals as asked (rounded), no decimals for a whole number with "-n", None → ""."""
    with translation.override("zh-hans"):
        assert render("{{ v|number:2 }}", v=Decimal("1234567.891")) == "1,234,567.89"
        assert render('{{ v|number:"-2" }}', v=Decimal("1500.00")) == "1,500"
        assert render('{{ v|number:"-2" }}', v=Decimal("1500.50")) == "1,500.50"
        assert render('{{ v|number:2|default:"—" }}', v=None) == "—"
        assert render("{{ v|number }}", v=999) == "999"


def test_plain_numbers_stay_ungrouped():
    """Only the filter groups: years, ids and counts printed plainly keep no separator."""
    with translation.override("zh-hans"):
        assert render("{{ year }} {{ pk }}", year=2021, pk=123456) == "2021 123456"


@pytest.mark.parametrize(
    ("language", "tce", "co2"),
    [("zh-hans", "吨标准煤/年", "二氧化碳（吨/年）"), ("en", "tce/yr", "CO₂ (t/yr)")],
)
def test_units_and_headings_follow_the_language(language, tce, co2):
    with translation.override(language):
        assert unit_label("tce/yr") == tce
        assert render('{{ _("CO₂")|with_unit:"t/yr" }}') == co2
        assert with_unit(translation.gettext("CO₂"), "t/yr") == co2


def test_every_unit_has_chinese_words():
    """No unit is left in its English abbreviation on a Chinese page."""
    with translation.override("zh-hans"):
        untranslated = [key for key in UNITS if unit_label(key) == str(key)]
    assert untranslated == []


def test_unknown_unit_is_an_error():
    """A misspelt unit key fails loudly instead of printing nothing."""
    with pytest.raises(KeyError):
        unit_label("kwh/yr")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh-hans", ["12,000,000 千瓦时/年", "1,474.80</span>", "吨标准煤/年", "吨/年", "万元"]),
        ("en", ["12,000,000 kWh/yr", "1,474.80</span>", "tce/yr", "t/yr", "10k yuan"]),
    ],
)
def test_report_page_shows_units_and_grouped_figures(
    client_for, agency_user, enterprise, campaign, settings, language, words
):
    """The report page's totals in both languages: separators and the language's units."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    DiagnosisReportFactory(
        task=task,
        savings_kwh=Decimal("12000000"),
        savings_tce=Decimal("1474.80"),
        co2_t=Decimal("3864.00"),
        investment_wan=Decimal("2500.00"),
        savings_wan=Decimal("720.00"),
    )
    client = client_for(agency_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("reports:report-detail", args=[task.pk])).content.decode()
    for word in words:
        assert word in page
    assert "3,864.00" in page and "2,500.00" in page
    if language == "zh-hans":  # no English unit left in the totals panel
        totals = page.split('id="totals"')[1].split("</section>")[0]
        assert "kWh" not in totals and "tce" not in totals.replace("_tce", "")
