import pyotp
from django.urls import reverse

from tests.factories import PASSWORD, TOTP_SECRET


def password_login(http, email: str, password: str = PASSWORD):
    return http.post(reverse("account_login"), {"login": email, "password": password})


def full_login(http, user, password: str = PASSWORD):
    """Log in through allauth's real forms, answering the TOTP step when there is one."""
    response = password_login(http, user.email, password)
    if response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate")):
        response = http.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(TOTP_SECRET).now()})
    return response
