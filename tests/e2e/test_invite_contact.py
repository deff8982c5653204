"""An organizer invites an agency contact from its 附件2; the contact sets a password and signs in."""

import os
import re

import pytest
from django.core import mail

from portal.choices import Role
from tests.conftest import PASSWORD
from tests.factories import AgencyFactory, RecommendationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "Agency-chosen-2021!"
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")  # a folder to keep the pages' screenshots in


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_organizer_invites_agency_contact_who_signs_in(
    campaign, hebei, login, page, browser, live_server
):
    UserFactory(username="hebei", role=Role.ORGANIZER, organizer=hebei, tenant_admin=True)
    agency = AgencyFactory(name="冀北能效诊断技术有限公司")
    RecommendationFactory(
        campaign=campaign,
        organizer=hebei,
        agency=agency,
        contact_name="孙工",
        phone="13912345678",
        email="sun@jibei-energy.cn",
    )
    login("hebei", PASSWORD)
    page.click("nav >> text=账号管理")
    _shot(page, "accounts-people")
    with page.expect_navigation():
        page.click("text=邀请服务机构和企业联系人")
    assert "冀北能效诊断技术有限公司" in page.inner_text("main")
    page.check("input[name=rows]")
    _shot(page, "accounts-invite-contacts")
    with page.expect_navigation():
        page.click("text=邀请所选联系人")
    assert "已创建 1 个邀请" in page.inner_text("body")
    assert mail.outbox[0].to == ["sun@jibei-energy.cn"]

    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    invitee = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    invitee.goto(path)
    _shot(invitee, "accounts-invitation-accept")
    assert "sun@jibei-energy.cn" in invitee.inner_text("main")
    invitee.fill("input[name=password1]", NEW_PASSWORD)
    invitee.fill("input[name=password2]", NEW_PASSWORD)
    with invitee.expect_navigation():
        invitee.click("text=设置密码并登录")
    assert "冀北能效诊断技术有限公司" in invitee.inner_text("body")
    _shot(invitee, "accounts-invitee-home")

    # The link is dead now; the password signs in through the ordinary form.
    invitee.goto(path)
    assert "已使用过" in invitee.inner_text("main")
    fresh = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    fresh.goto("/accounts/login/")
    fresh.fill("input[name=username]", "sun@jibei-energy.cn")
    fresh.fill("input[name=password]", NEW_PASSWORD)
    with fresh.expect_navigation():  # the sign-in form posts: a new page, not a swap
        fresh.press("input[name=password]", "Enter")
    assert "/accounts/login/" not in fresh.url
    assert "冀北能效诊断技术有限公司" in fresh.inner_text("body")
