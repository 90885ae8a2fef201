"""As a person meets them: the Django admin behind the app's login and second factor, and an old
unsubscribe link that explains itself."""

import time as clock
from datetime import time

import pyotp
import pytest
from django.core import signing
from django.urls import reverse

from reminders.models import Kind
from reminders.services import unsubscribe_token
from reminders.services.preferences import UNSUBSCRIBE_VALID_DAYS
from tests.factories import PASSWORD, TOTP_SECRET, make_user
from tests.reminders.helpers import client_with_diary

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_operator_enters_the_admin_only_through_the_app_login_and_a_code(live_server, page, watch, screenshot):
    operator = make_user(None, "", mfa=True, is_staff=True, is_superuser=True)
    seen = watch(page)
    page.goto(f"{live_server.url}/django-admin/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")  # not the admin's own form
    screenshot(page, "en-desktop-admin-login")
    page.fill("input[name=login]", operator.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert "/accounts/2fa/authenticate/" in page.url  # the password alone does not open it
    page.fill("input[name=code]", pyotp.TOTP(TOTP_SECRET).now())
    with page.expect_navigation():
        page.press("input[name=code]", "Enter")
    assert page.url == f"{live_server.url}/django-admin/"
    assert page.get_by_text("Site administration").count()
    screenshot(page, "en-desktop-admin-index")
    assert not seen.errors() and not seen.csp_violations()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_old_unsubscribe_link_says_how_to_change_reminders(live_server, phone, watch, screenshot, language):
    client = client_with_diary(at=time(20, 0), language=language)
    made_at = clock.time() - (UNSUBSCRIBE_VALID_DAYS + 3) * 24 * 3600
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: made_at)
        token = unsubscribe_token(client.user, Kind.DIARY)
    url = live_server.url + reverse("reminders:unsubscribe", kwargs={"kind": Kind.DIARY, "token": token})
    seen = watch(phone)
    phone.goto(url)
    heading = {"nl": "Deze link is verlopen", "en": "This link has expired"}[language]
    assert phone.locator("h1").inner_text() == heading
    assert phone.evaluate("document.documentElement.lang") == language
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, f"{language}-phone-unsubscribe-expired")
    with phone.expect_navigation():
        phone.locator("main a.btn-primary, a.btn-primary").first.click()
    assert phone.url.startswith(f"{live_server.url}/accounts/login/")
    phone.fill("input[name=login]", client.user.email)
    phone.fill("input[name=password]", PASSWORD)
    with phone.expect_navigation():
        phone.press("input[name=password]", "Enter")
    assert phone.url == live_server.url + reverse("reminders:preferences")
    assert [e for e in seen.errors() if "410" not in e] == [] and not seen.csp_violations()
