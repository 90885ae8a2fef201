"""Logging in through the real allauth pages in headless Chromium."""

import pytest
from django.core.cache import cache

from tests.browser.conftest import log_in
from tests.factories import make_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _unused_totp_codes():
    # allauth refuses a TOTP code already used in its period; another test may have used it.
    cache.clear()


def test_therapist_logs_in_with_password_and_totp_and_sees_the_caseload(live_server, page, watch, world, screenshot):
    seen = watch(page)

    log_in(page, live_server.url, world.therapist_a)

    assert page.url == f"{live_server.url}/dashboard/"
    table = page.locator("#caseload")
    assert table.get_by_text("Client A").is_visible()
    assert table.get_by_text("Client B").count() == 0  # another therapist's client
    assert seen.csp_violations() == []
    assert seen.external_requests(live_server.url) == []
    screenshot(page, "caseload")


def test_a_wrong_totp_code_is_refused_with_a_message(live_server, page, world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", world.therapist_a.email)
    page.fill("input[name=password]", "correct-horse-battery-9")
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.fill("input[name=code]", "000000")
    with page.expect_navigation():
        page.press("input[name=code]", "Enter")

    assert page.get_by_text("Incorrect code").is_visible()
    assert "/dashboard/" not in page.url


def test_dutch_client_logs_in_on_a_phone_and_sees_the_home_page_in_dutch(live_server, phone, watch, world, screenshot):
    dutch = make_client(world.practice, world.therapist_a, name="Lotte Jansen", language="nl")
    seen = watch(phone)

    log_in(phone, live_server.url, dutch.user)

    assert phone.url == f"{live_server.url}/me/"
    assert phone.locator("html").get_attribute("lang") == "nl"
    assert phone.get_by_role("heading", name="Hallo, Lotte Jansen").is_visible()
    assert phone.get_by_text("Vandaag te doen").is_visible()
    assert phone.get_by_text("Successfully signed in").count() == 0  # allauth's message too
    assert seen.csp_violations() == []
    screenshot(phone, "dutch-client-home")


def test_invited_therapist_sets_a_password_enrols_totp_and_reaches_the_caseload(
    live_server, page, watch, world, screenshot
):
    import pyotp

    from accounts.models import Invitation, Role

    invitation = Invitation.objects.create(
        practice=world.practice, email="new.therapist@example.test", name="Nieuwe Therapeut", role=Role.THERAPIST
    )
    seen = watch(page)

    page.goto(f"{live_server.url}/accounts/invitation/{invitation.token}/")
    page.fill("input[name=password1]", "Harbour-lights-2026")
    page.fill("input[name=password2]", "Harbour-lights-2026")
    with page.expect_navigation():
        page.click("main button[type=submit]")

    assert "/accounts/2fa/totp/activate/" in page.url  # no client data before two-factor
    screenshot(page, "totp-activate")
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/accounts/2fa/recovery-codes/" in page.url
    screenshot(page, "recovery-codes")
    page.goto(f"{live_server.url}/dashboard/")
    assert page.get_by_role("heading", name="Caseload").is_visible()
    assert seen.csp_violations() == []
