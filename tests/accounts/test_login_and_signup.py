import pyotp
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role, User
from accounts.services import deactivate_user
from tests.factories import PASSWORD, TOTP_SECRET, make_user

from .helpers import password_login


def test_open_signup_creates_no_account(db):
    http = HttpClient()
    before = User.objects.count()

    page = http.get(reverse("account_signup"))
    response = http.post(
        reverse("account_signup"),
        {"email": "walk-in@example.test", "password1": "Walk-in-pass-99", "password2": "Walk-in-pass-99"},
    )

    assert page.status_code == 200 and b"closed" in page.content.lower()
    assert response.status_code in (200, 302)
    assert User.objects.count() == before
    assert not User.objects.filter(email="walk-in@example.test").exists()


def test_a_client_logs_in_by_email_and_password(world):
    http = HttpClient()

    response = password_login(http, world.client_a.user.email.upper())

    assert response.status_code == 302
    assert http.get(reverse("client_home")).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(world):
    response = password_login(HttpClient(), world.client_a.user.email, "not-the-password")

    assert response.status_code == 200
    assert b"not correct" in response.content


def test_staff_log_in_with_a_totp_code_and_a_wrong_code_is_refused(world):
    http = HttpClient()
    first = password_login(http, world.therapist_a.email)
    assert first["Location"].startswith(reverse("mfa_authenticate"))

    wrong = http.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and b"Incorrect code" in wrong.content
    assert http.get(reverse("dashboard:caseload")).status_code == 302  # still not logged in

    right = http.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(TOTP_SECRET).now()})
    assert right.status_code == 302
    assert http.get(reverse("dashboard:caseload")).status_code == 200


def test_wrong_totp_message_is_in_the_users_language(world):
    http = HttpClient(headers={"accept-language": "nl"})
    password_login(http, world.therapist_a.email)

    wrong = http.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert "Ongeldige code" in wrong.content.decode()


def test_a_deactivated_login_gets_a_clear_message(world):
    deactivate_user(world.client_a.user)

    response = password_login(HttpClient(), world.client_a.user.email)

    assert response.status_code == 302 and response["Location"] == reverse("account_inactive")
    page = HttpClient().get(response["Location"])
    assert b"deactivated" in page.content and b"practice" in page.content


def test_an_unverified_address_must_be_verified_before_login(world, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    user = make_user(world.practice, Role.CLIENT)
    EmailAddress.objects.filter(user=user).update(verified=False)

    response = password_login(HttpClient(), user.email)

    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1 and user.email in mail.outbox[0].to


def test_password_reset_sends_a_link_to_known_addresses_only(world):
    http = HttpClient()

    http.post(reverse("account_reset_password"), {"email": world.client_a.user.email})
    http.post(reverse("account_reset_password"), {"email": "nobody@example.test"})

    known = [m for m in mail.outbox if world.client_a.user.email in m.to]
    assert len(known) == 1 and "/accounts/password/reset/key/" in known[0].body
    # Enumeration prevention: the unknown address gets a neutral mail, never a reset link.
    assert all("/password/reset/key/" not in m.body for m in mail.outbox if "nobody@example.test" in m.to)


def test_login_attempts_are_rate_limited(world, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip,3/5m/key"}
    http = HttpClient()

    for _ in range(3):
        password_login(http, world.client_a.user.email, "wrong-password")
    blocked = password_login(http, world.client_a.user.email, PASSWORD)

    assert blocked.status_code in (200, 429)
    assert http.get(reverse("client_home")).status_code == 302
    assert b"Too many" in blocked.content or blocked.status_code == 429
