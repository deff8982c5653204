"""The intent list (附件3) page in both languages: column names, types and figures."""

import pytest
from django.urls import reverse

from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words", "absent"),
    [
        (
            "zh-hans",
            ["节能诊断类型", "重点行业", "能耗（吨标准煤）", "是（小型）", "12,000,000"],
            ["Key industry", "(tce)"],
        ),
        (
            "en",
            [
                "Diagnosis type",
                "Key industry",
                "Energy consumption (tce)",
                "Yes (Small)",
                "12,000,000",
            ],
            ["节能诊断类型", "重点行业", "能耗"],
        ),
    ],
)
def test_intent_list_page_speaks_the_page_language(
    client_for, organizer_user, campaign, hebei, settings, language, words, absent
):
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        diagnosis_type="key_industry",
        is_sme=True,
        sme_class="small",
        energy_tce=12000000,
    )
    client = client_for(organizer_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("enterprises:task-list")).content.decode()
    table = page.split("<thead>", 1)[1].split("</table>", 1)[0]
    for word in words:
        assert word in table
    for word in absent:
        assert word not in table
