"""Passkeys in Chromium with a virtual authenticator (CDP WebAuthn: internal transport, resident
keys, user verification): a client registers a passkey in settings, logs out and logs in with it;
a therapist uses one as the second factor after the password; a removed passkey no longer works.
"""

import pytest
from allauth.mfa.models import Authenticator

from accounts.models import Role
from tests.browser.conftest import PHONE, log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def _fingerprint_reader(page):
    """A platform authenticator that verifies the person (as a phone's fingerprint or face)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})["authenticatorId"]
    return cdp, authenticator


def _log_out(page, base_url):
    page.goto(f"{base_url}/accounts/settings/")
    with page.expect_navigation():
        page.locator("form[data-logout]").evaluate("form => form.requestSubmit()")


def _confirm_password(page, screenshot=None, label=""):
    """allauth asks for the password again before a key is added or removed."""
    assert "/accounts/reauthenticate/" in page.url, page.url
    if screenshot:
        screenshot(page, f"{label}-confirm-password")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def _add_passkey(page, base_url, screenshot, label, name):
    page.goto(f"{base_url}/accounts/settings/")
    assert page.locator("#passkeys-link").count(), page.url + page.locator("main").inner_text()
    page.click("#passkeys-link")
    assert page.locator("#passkey-none").is_visible()
    screenshot(page, f"{label}-none")
    with page.expect_navigation():
        page.click("#passkey-add")
    _confirm_password(page, screenshot, label)
    assert "/webauthn/add/" in page.url, page.url + page.locator("main").inner_text()
    page.fill("input[name=name]", name)
    screenshot(page, f"{label}-add")
    with page.expect_navigation():
        page.click("#mfa_webauthn_add")


@pytest.mark.parametrize(("language", "form_factor"), [("nl", "phone"), ("en", "desktop")])
def test_client_registers_a_passkey_logs_out_and_logs_in_with_it(
    live_server, new_context, watch, world, screenshot, language, form_factor
):
    client = world.client_a.user
    client.language = language
    client.save(update_fields=["language"])
    page = new_context(**(PHONE if form_factor == "phone" else DESKTOP)).new_page()
    page.set_default_timeout(10_000)
    seen = watch(page)
    cdp, authenticator = _fingerprint_reader(page)
    label = f"passkeys-{language}-{form_factor}"

    log_in(page, live_server.url, client)
    _add_passkey(page, live_server.url, screenshot, label, "Telefoon van Sam")
    key = Authenticator.objects.get(user=client, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().is_passwordless is True
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    page.goto(f"{live_server.url}/accounts/2fa/webauthn/")
    assert "Telefoon van Sam" in page.locator("#passkey-list").inner_text()
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"{label}-list")

    _log_out(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/login/")
    screenshot(page, f"{label}-login")
    with page.expect_navigation():
        page.click("#passkey_login")
    assert "/accounts/" not in page.url, page.locator("main").inner_text()
    assert page.locator("#help-now").is_visible()  # the client's own home page
    key.refresh_from_db()
    assert key.last_used_at is not None

    assert seen.csp_violations() == []
    assert seen.external_requests(live_server.url) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_therapist_uses_a_passkey_as_second_factor_and_a_removed_passkey_stops_working(
    live_server, page, watch, world, screenshot
):
    therapist = make_user(world.practice, Role.THERAPIST, mfa=False, email="new.therapist@example.test")
    seen = watch(page)
    _fingerprint_reader(page)

    log_in(page, live_server.url, therapist)
    assert "2fa%2Ftotp%2Factivate" in page.url or "/2fa/totp/activate/" in page.url  # sent to set one up
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    _confirm_password(page)
    page.fill("input[name=name]", "Laptop")
    with page.expect_navigation():
        page.click("#mfa_webauthn_add")
    page.goto(f"{live_server.url}/dashboard/")
    assert page.url == f"{live_server.url}/dashboard/"  # the passkey counts as the second factor

    _log_out(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/login/")  # password first …
    page.fill("input[name=login]", therapist.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert "/accounts/2fa/authenticate/" in page.url
    assert page.locator("#mfa_webauthn_authenticate").is_visible()  # the passkey is offered first
    screenshot(page, "second-factor")
    with page.expect_navigation():
        page.click("#mfa_webauthn_authenticate")  # … then the passkey
    assert page.url == f"{live_server.url}/dashboard/", page.locator("main").inner_text()

    page.goto(f"{live_server.url}/accounts/2fa/webauthn/")
    with page.expect_navigation():
        page.click("#passkey-list a.btn-outline-danger")
    _confirm_password(page)
    screenshot(page, "remove")
    with page.expect_navigation():
        page.click("#passkey-remove-confirm")
    assert page.locator("#passkey-none").is_visible()
    assert not Authenticator.objects.filter(user=therapist, type=Authenticator.Type.WEBAUTHN).exists()

    _log_out(page, live_server.url)
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_navigation():
        page.click("#passkey_login")  # the device still offers it; the server no longer knows it
    assert "/accounts/login/" in page.url
    assert page.locator("#mainnav").count() == 0
    assert seen.csp_violations() == []
