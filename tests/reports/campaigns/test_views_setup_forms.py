"""The set-up pages edit the year's data with real fields, not JSON (issue 13): due dates as
date inputs beside the obligations, the 附件4 outline as rows to add and remove, the acceptance
criteria's wording; a wrong value is refused on its field and nothing is stored."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal import campaign_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _initial(form) -> dict:
    return {name: field.initial for name, field in form.fields.items() if field.initial}


def _outline_body(rows: list[dict], total: int = 5) -> dict:
    body = {
        "sections-TOTAL_FORMS": str(total),
        "sections-INITIAL_FORMS": "5",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "5",
    }
    for i, row in enumerate(rows):
        body.update({f"sections-{i}-{k}": v for k, v in row.items()})
    return body


def test_a_due_date_is_set_beside_the_obligations(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "obligations"])
    page = client.get(url)
    assert 'type="date"' in page.content.decode() and 'value="2021-06-15"' in page.content.decode()
    data = {**_initial(page.context["form"]), "intent_due": "2021-06-20"}
    assert client.post(url, data).status_code == 303
    campaign.refresh_from_db()
    assert campaign.intent_due.isoformat() == "2021-06-20"
    setup = client.get(reverse("reports:campaign-setup", args=[campaign.pk])).content.decode()
    assert 'data-due="3">2021-06-20' in setup


def test_a_due_date_out_of_order_is_refused_on_its_field(campaign, ministry_user, client_for):
    """The summary before the intent list: 400, the reason on 附件4's date, nothing stored."""
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "obligations"])
    form = client.get(url).context["form"]
    data = {**_initial(form), "summary_due": "2021-06-01", "group_4": "required"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "cannot be due before the intent list" in str(
        response.context["form"]["summary_due"].errors
    )
    campaign.refresh_from_db()
    assert campaign.summary_due.isoformat() == "2021-11-15"
    assert campaign.duty("group", 4) != "required"  # the grid was not stored either


def test_outline_rows_are_removed_and_added(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "summary_outline"])
    page = client.get(url)
    assert page.status_code == 200 and "sections-0-title" in page.content.decode()
    rows = [dict(s, required="on" if s["required"] else "") for s in campaign.summary_outline]
    rows[2]["DELETE"] = "on"  # 三、典型做法 goes
    rows[1]["title"] = "二、工作成效与亮点"
    response = client.post(url, _outline_body(rows))
    assert response.status_code == 303
    campaign.refresh_from_db()
    assert [s["key"] for s in campaign.summary_outline] == [
        "work_done",
        "results_commentary",
        "problems",
        "next_steps",
    ]
    assert campaign.summary_outline[1]["title"] == "二、工作成效与亮点"
    again = [dict(s, required="on" if s["required"] else "") for s in campaign.summary_outline]
    again.append({"key": "good_practices", "title": "五、典型案例", "required": "on"})
    body = _outline_body(again)
    body["sections-INITIAL_FORMS"] = "4"
    assert client.post(url, body).status_code == 303
    campaign.refresh_from_db()
    assert campaign.summary_outline[-1] == {
        "key": "good_practices",
        "title": "五、典型案例",
        "required": True,
    }


def test_an_outline_with_a_section_twice_is_refused(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "summary_outline"])
    rows = [dict(s, required="") for s in campaign.summary_outline]
    rows[1]["key"] = "work_done"
    response = client.post(url, _outline_body(rows))
    assert response.status_code == 400
    assert "Row 1 has this section already." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.summary_outline == campaign_data.default_summary_outline()


def test_an_outline_row_without_title_is_refused_on_the_row(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "summary_outline"])
    rows = [dict(s, required="") for s in campaign.summary_outline]
    rows[0]["title"] = ""
    response = client.post(url, _outline_body(rows))
    assert response.status_code == 400
    assert response.context["formset"].forms[0].errors["title"]


def test_acceptance_criteria_wording_is_edited(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "acceptance_criteria"])
    form = client.get(url).context["form"]
    response = client.post(url, {**_initial(form), "quality": "报告质量"})
    assert response.status_code == 303
    campaign.refresh_from_db()
    assert campaign.acceptance_criteria[1] == {"key": "quality", "label": "报告质量"}
    assert client.post(url, {**_initial(form), "quality": ""}).status_code == 400


def _layout_fields(client, url) -> dict:
    form = client.get(url).context["layout_form"]
    return {name: field.initial for name, field in form.fields.items()}


def test_a_layout_is_edited_in_fields_previewed_and_saved(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-layouts", args=[campaign.pk])
    data = _layout_fields(client, url)
    data["f2_title"] = "{year}年度节能诊断服务机构推荐名单（修订）"
    data["f3_c1_header"] = "企业名称（全称）"
    data["f3_c1_aliases"] = "企业名称、单位名称"
    preview = client.post(url, {**data, "action": "preview"})
    assert preview.status_code == 200
    assert "2021年度节能诊断服务机构推荐名单（修订）" in preview.content.decode()
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}
    assert client.post(url, {**data, "action": "save"}).status_code == 303
    campaign.refresh_from_db()
    column = campaign.form_layouts["forms"]["3"]["columns"][1]
    assert (column["key"], column["header"], column["aliases"]) == (
        "name",
        "企业名称（全称）",
        ["企业名称", "单位名称"],
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("f3_title", "{year}年度意向企业名单{批次}", "not {批次}"),
        ("f3_title", "意向企业名单", "must contain {year}"),
        ("f1_organizer_line", "填报单位：{organizer", "lone brace"),
        ("f2_c0_width", "500", "less than or equal to 100"),
    ],
)
def test_a_wrong_layout_field_is_refused_on_it(
    campaign, ministry_user, client_for, field, value, message
):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-layouts", args=[campaign.pk])
    data = {**_layout_fields(client, url), field: value, "action": "save"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in " ".join(response.context["layout_form"].errors[field])
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}


def test_split_group_is_refused_with_the_reason(campaign, ministry_user, client_for):
    """A group whose columns are not adjacent cannot print: refused by the render check."""
    client = client_for(ministry_user)
    url = reverse("reports:campaign-layouts", args=[campaign.pk])
    data = {**_layout_fields(client, url), "f3_c1_group": "甲", "f3_c3_group": "甲"}
    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 400
    assert "must be adjacent" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}
