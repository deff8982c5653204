"""Each role logs in through the browser and lands on its own home page, in Chinese."""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("ministry_user", "待审核"),
        ("organizer_user", "河北省"),
        ("agency_user", "河北测试节能技术服务有限公司"),
        ("enterprise_user", "唐山测试钢铁有限公司"),
    ],
)
def test_each_role_sees_its_home_page_in_chinese(request, who, expected, campaign, login, page):
    """Login form → home page naming the tenant, with Chinese navigation and no CSP errors."""
    user = request.getfixturevalue(who)
    login(user.username, PASSWORD)
    assert page.url.rstrip("/").endswith(page.url.split("/", 3)[2]) or page.url.endswith("/")
    body = page.inner_text("body")
    assert expected in body
    assert "首页" in body  # the navigation is in Chinese
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_wrong_password_shows_a_chinese_error(organizer_user, login, page):
    """A wrong password keeps the user on the login page with a clear message."""
    login(organizer_user.username, "wrong-password")
    assert "/accounts/login/" in page.url
    assert "用户名" in page.inner_text("body")
