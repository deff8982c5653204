"""The page shell: login page, error page and the htmx/CSP wiring of base.html."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory


def _anonymous_page(template: str) -> str:
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    return render_to_string(template, {}, request=request)


def test_base_configures_htmx_for_the_csp():
    """htmx is told not to inject its <style> and to send the CSRF token on every request."""
    html = _anonymous_page("404.html")
    assert '"includeIndicatorStyles":false' in html
    assert '"allowEval":false' in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


def test_base_loads_only_local_scripts():
    """Scripts come from /static/ (no CDN)."""
    html = _anonymous_page("404.html")
    assert 'src="/static/vendor/htmx/htmx.min.js"' in html
    assert 'src="/static/js/portal.js"' in html
    assert "http://" not in html.split("<body")[0].replace("http://www.w3.org", "")


def test_server_error_page_renders_without_a_request():
    """500.html renders from an empty context, as Django's handler does."""
    html = render_to_string("500.html", {})
    assert "500" in html
    assert "portal.css" in html


@pytest.mark.django_db
def test_login_page_is_chinese_by_default(client):
    """The login page greets in Chinese and offers the language switch."""
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-hans"' in html
    assert 'name="username"' in html
    assert 'name="password"' in html
    assert 'name="language" value="en"' in html


@pytest.mark.django_db
def test_login_error_is_shown_as_an_alert(client):
    """A wrong password shows the error in an alert above the fields."""
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong-password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="alert alert--error form__errors" role="alert"' in html
