"""A campaign's name on pages: the default name follows the page language, a typed one stays."""

import pytest
from django.utils import translation

from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_default_name_in_both_languages():
    campaign = CampaignFactory(year=2023, name="2023年工业节能诊断服务")
    with translation.override("zh-hans"):
        assert campaign.display_name == "2023年工业节能诊断服务"
    with translation.override("en"):
        assert campaign.display_name == "Industrial energy-saving diagnosis service 2023"


def test_a_name_the_ministry_typed_is_shown_as_typed():
    campaign = CampaignFactory(year=2024, name="2024年工业节能诊断服务（第二批）")
    with translation.override("en"):
        assert campaign.display_name == "2024年工业节能诊断服务（第二批）"
