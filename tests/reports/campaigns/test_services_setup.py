"""Setting up a year: copy, edit each piece (checked, nothing stored when refused), extensions."""

import copy
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from portal.campaign_data import CampaignDataError, default_obligations
from portal.campaigns import CampaignClosed, campaign_move
from portal.errors import DomainError, InvalidMove
from portal.models import AuditLog, Campaign, CampaignExtension
from reports.campaigns import services
from reports.documents.render.layouts import default_layouts_dict
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The reasons are asserted in their msgid wording."""
    with translation.override("en"):
        yield


def _copy(source, year=2022, **changes):
    values = {**services.copy_defaults(source, year), **changes}
    values.pop("source")
    return values


def test_copy_takes_every_piece_and_shifts_the_deadlines(campaign, ministry_user):
    """2021 → 2022: deadlines a year on, settings and data the same, one audit row."""
    campaign.obligations = {**default_obligations()}
    campaign.obligations["group"]["forms"]["1"] = "required"
    campaign.min_enterprises_per_province = 180
    campaign.save()
    new = services.campaign_create_by_copy(
        source_id=campaign.pk, actor=ministry_user, **_copy(campaign)
    )
    assert (new.year, new.plan_due, new.intent_due, new.summary_due) == (
        2022,
        dt.date(2022, 5, 31),
        dt.date(2022, 6, 15),
        dt.date(2022, 11, 15),
    )
    assert new.min_enterprises_per_province == 180
    assert new.obligations["group"]["forms"]["1"] == "required"
    assert new.summary_outline == campaign.summary_outline
    assert new.is_open
    assert AuditLog.objects.filter(action="campaign.create", object_id=str(new.pk)).exists()


def test_copy_into_an_existing_year_is_refused(campaign, ministry_user):
    """The year names the campaign: a second 2021 is refused with the reason."""
    with pytest.raises(DomainError, match="2021"):
        services.campaign_create_by_copy(
            source_id=campaign.pk, actor=ministry_user, **_copy(campaign, year=2021)
        )


def test_copy_refuses_deadlines_out_of_order(campaign, ministry_user):
    """附件3 before 附件1 is refused and no campaign is created."""
    values = _copy(campaign, intent_due=dt.date(2022, 5, 1))
    with pytest.raises(DomainError, match="Attachment 3"):
        services.campaign_create_by_copy(source_id=campaign.pk, actor=ministry_user, **values)
    assert not Campaign.objects.filter(year=2022).exists()


def test_only_the_ministry_sets_up(campaign, organizer_user):
    with pytest.raises(PermissionDenied):
        services.campaign_create_by_copy(
            source_id=campaign.pk, actor=organizer_user, **_copy(campaign)
        )
    with pytest.raises(PermissionDenied):
        services.campaign_settings_update(
            campaign_id=campaign.pk, data={"name": "x"}, actor=organizer_user
        )


def _layouts():
    return copy.deepcopy(default_layouts_dict(2021))


def test_a_layout_that_renders_is_stored(campaign, ministry_user):
    layouts = _layouts()
    layouts["forms"]["3"]["notes"] = ["注：2022年新增说明。"]
    services.campaign_layouts_update(campaign_id=campaign.pk, layouts=layouts, actor=ministry_user)
    campaign.refresh_from_db()
    assert campaign.form_layouts["forms"]["3"]["notes"] == ["注：2022年新增说明。"]


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [
        (lambda f: f["3"].update(title="{year}年度名单{unknown}"), "uses {unknown}"),
        (lambda f: f["3"].update(title="{year}年度名单{"), "附件3"),
        (lambda f: f["2"]["columns"][1].update(width="wide"), "附件2 cannot be rendered"),
        (lambda f: f["1"]["columns"].append({"key": "x"}), "'key' and 'header'"),
        (lambda f: f["3"]["columns"].pop(), "must keep the columns"),
        (lambda f: f.update({"5": f["1"]}), "unknown form: 5"),
        (lambda f: f["2"]["columns"][2].update(align="middle"), "align must be one of"),
    ],
)
def test_a_layout_that_would_break_rendering_is_refused_and_nothing_stored(
    campaign, ministry_user, breakage, reason
):
    """The reason names the form and what is wrong; the stored layouts stay as they were."""
    layouts = _layouts()
    breakage(layouts["forms"])
    with pytest.raises(CampaignDataError, match=reason):
        services.campaign_layouts_update(
            campaign_id=campaign.pk, layouts=layouts, actor=ministry_user
        )
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}
    assert not AuditLog.objects.filter(action="campaign.edit").exists()


@pytest.mark.parametrize(
    ("piece", "value", "reason"),
    [
        ("obligations", {"province": {}}, "forms"),
        ("obligations", {"martian": {}}, "Unknown organizer kind"),
        ("summary_outline", [{"key": "work_done", "title": ""}], "title"),
        ("acceptance_criteria", [{"key": "quantity", "label": "数量"}], "all four"),
        ("diagnosis_types", ["sme", "lottery"], "each once"),
        ("diagnosis_types", [], "at least one"),
    ],
)
def test_campaign_data_is_checked_before_it_is_stored(
    campaign, ministry_user, piece, value, reason
):
    before = getattr(campaign, piece)
    with pytest.raises(CampaignDataError, match=reason):
        services.campaign_data_update(
            campaign_id=campaign.pk, piece=piece, value=value, actor=ministry_user
        )
    campaign.refresh_from_db()
    assert getattr(campaign, piece) == before


def test_obligations_are_stored_normalised(campaign, ministry_user):
    value = default_obligations()
    value["association"]["forms"]["4"] = "required"
    services.campaign_data_update(
        campaign_id=campaign.pk, piece="obligations", value=value, actor=ministry_user
    )
    campaign.refresh_from_db()
    assert campaign.duty("association", 4) == "required"
    assert campaign.duty("association", 2) == "none"


def test_a_closed_year_takes_no_set_up_change(campaign, ministry_user, hebei):
    """Closed (or archived): settings, data, layouts and extensions are all refused."""
    campaign_move(campaign_id=campaign.pk, move="close", actor=ministry_user)
    with pytest.raises(CampaignClosed):
        services.campaign_settings_update(
            campaign_id=campaign.pk, data={"min_enterprises_per_province": 1}, actor=ministry_user
        )
    with pytest.raises(CampaignClosed):
        services.extension_grant(
            campaign_id=campaign.pk,
            organizer_id=hebei.pk,
            form=1,
            due=dt.date(2021, 6, 30),
            reason="洪灾",
            actor=ministry_user,
        )
    campaign_move(campaign_id=campaign.pk, move="archive", actor=ministry_user)
    with pytest.raises(CampaignClosed):
        services.campaign_data_update(
            campaign_id=campaign.pk, piece="diagnosis_types", value=["sme"], actor=ministry_user
        )
    campaign.refresh_from_db()
    assert campaign.min_enterprises_per_province == 200
    assert not CampaignExtension.objects.exists()


def test_an_extension_needs_a_reason_and_a_later_date(campaign, ministry_user, hebei):
    base = {"campaign_id": campaign.pk, "organizer_id": hebei.pk, "form": 1, "actor": ministry_user}
    with pytest.raises(DomainError, match="reason"):
        services.extension_grant(**base, due=dt.date(2021, 6, 30), reason=" ")
    with pytest.raises(DomainError, match="2021-05-31"):
        services.extension_grant(**base, due=dt.date(2021, 5, 1), reason="洪灾")
    extension = services.extension_grant(**base, due=dt.date(2021, 6, 30), reason="洪灾")
    again = services.extension_grant(**base, due=dt.date(2021, 7, 15), reason="洪灾延续")
    assert extension.pk == again.pk
    assert CampaignExtension.objects.get().due == dt.date(2021, 7, 15)
    services.extension_revoke(extension_id=again.pk, actor=ministry_user)
    assert not CampaignExtension.objects.exists()
    actions = list(AuditLog.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["campaign.extend", "campaign.extend", "campaign.unextend"]


def test_reopen_needs_its_reason_and_archive_only_follows_close(campaign, ministry_user):
    with pytest.raises(InvalidMove):
        campaign_move(campaign_id=campaign.pk, move="archive", actor=ministry_user)
    campaign_move(campaign_id=campaign.pk, move="close", actor=ministry_user)
    campaign_move(campaign_id=campaign.pk, move="archive", actor=ministry_user)
    with pytest.raises(InvalidMove, match="comment"):
        campaign_move(campaign_id=campaign.pk, move="open", actor=ministry_user)
    campaign_move(campaign_id=campaign.pk, move="open", actor=ministry_user, comment="补录")
    assert Campaign.objects.get(pk=campaign.pk).is_open


def test_factory_campaigns_default_to_the_notice():
    c = CampaignFactory(year=2023)
    assert c.duty("province", 2) == "required"
    assert c.duty("association", 2) == "none"
    assert c.duty("group", 1) == "optional"
