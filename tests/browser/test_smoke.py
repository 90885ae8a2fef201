import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_loads_only_our_own_assets_without_csp_violations(live_server, page, watch, screenshot):
    seen = watch(page)

    response = page.goto(f"{live_server.url}/accounts/login/")

    assert response is not None and response.status == 200
    assert page.locator("input[name=login]").is_visible()
    stylesheet = f"{live_server.url}/static/vendor/bootstrap/bootstrap.min.css"
    assert stylesheet in seen.requests
    # Bootstrap really applied: .container gets its max-width only from the stylesheet.
    assert page.evaluate("getComputedStyle(document.querySelector('.container')).maxWidth") != "none"
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []
    screenshot(page, "login")


def test_inline_script_is_reported_as_csp_violation(live_server, page, watch):
    # Proves the watcher can fail: the app's own CSP must block a script injected into the page.
    seen = watch(page)
    page.goto(f"{live_server.url}/accounts/login/")

    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.x") is None
    assert seen.csp_violations() != []


def test_phone_login_lands_a_client_on_their_home(live_server, phone, watch, world, screenshot):
    seen = watch(phone)

    log_in(phone, live_server.url, world.client_a.user)

    assert phone.viewport_size == {"width": 390, "height": 844}
    assert phone.evaluate("navigator.maxTouchPoints") > 0
    assert phone.url == f"{live_server.url}/me/"
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    screenshot(phone, "client-home")
