"""A newly invited staff member sets up two-factor at a person's pace, with nothing blocked.

The browser fetches the favicon by itself, the person reloads the page while finding their
phone, opens the practice in a second tab, waits, and only then types the code of the QR code
they scanned first. That code must still enrol them.
"""

import time

import pyotp
import pytest
from django.core.cache import cache

from accounts.models import Invitation, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _unused_totp_codes():
    cache.clear()


def _accept_invitation(page, base_url, invitation, password="Harbour-lights-2026"):
    page.goto(f"{base_url}/accounts/invitation/{invitation.token}/")
    page.locator("input[name=password1]").type(password, delay=40)
    page.locator("input[name=password2]").type(password, delay=40)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@pytest.mark.parametrize(("language", "form_factor"), [("en", "desktop"), ("nl", "phone")])
def test_invited_staff_enrol_at_a_persons_pace_with_reload_and_second_tab(
    live_server, new_context, watch, world, screenshot, language, form_factor
):
    from tests.browser.conftest import PHONE

    role = Role.THERAPIST if form_factor == "desktop" else Role.ADMIN
    invitation = Invitation.objects.create(
        practice=world.practice, email=f"new.{language}@example.test", name="Sam Nieuw", role=role, language=language
    )
    context = new_context(**(PHONE if form_factor == "phone" else {"viewport": {"width": 1366, "height": 900}}))
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = watch(page)

    _accept_invitation(page, live_server.url, invitation)
    assert "/accounts/2fa/totp/activate/" in page.url
    assert page.locator("html").get_attribute("lang") == language
    scanned = page.input_value("#authenticator_secret")
    assert page.locator("#mainnav a.nav-link").count() == 0  # no menu that leads back here
    screenshot(page, f"totp-activate-{language}-{form_factor}")

    page.reload()
    assert page.input_value("#authenticator_secret") == scanned

    second = context.new_page()
    second_seen = watch(second)
    start = "/dashboard/" if role == Role.THERAPIST else "/practice/people/"
    second.goto(f"{live_server.url}{start}")
    assert "/accounts/2fa/totp/activate/" in second.url
    assert second.input_value("#authenticator_secret") == scanned
    second.close()

    time.sleep(3)  # the person finds their phone and opens the authenticator app
    page.bring_to_front()
    page.locator("input[name=code]").type(pyotp.TOTP(scanned).now(), delay=180)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()

    assert "/accounts/2fa/recovery-codes/" in page.url, page.locator("main").inner_text()
    screenshot(page, f"recovery-codes-{language}-{form_factor}")
    page.goto(f"{live_server.url}{start}")
    assert "/accounts/2fa/" not in page.url
    assert page.locator("#mainnav a.nav-link").count() > 0
    # Nothing filtered: the favicon and every other request the browser made must have worked.
    requested = seen.requests + second_seen.requests
    assert (
        any(url.endswith("/favicon.ico") for url in requested)
        or page.evaluate("fetch('/favicon.ico').then(r => r.status)") == 200
    )
    assert seen.errors() == [] and second_seen.errors() == []
    assert seen.csp_violations() == []
