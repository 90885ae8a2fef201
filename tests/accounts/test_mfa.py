import pyotp
from allauth.mfa.models import Authenticator
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from tests.factories import make_user

from .helpers import password_login


def test_staff_without_two_factor_are_sent_to_enrol_before_any_client_data(world):
    therapist = make_user(world.practice, Role.THERAPIST, mfa=False)
    admin = make_user(world.practice, Role.ADMIN, mfa=False)
    for user, url in [
        (therapist, reverse("dashboard:caseload")),
        (therapist, reverse("client_detail", args=[world.client_a.pk])),
        (admin, reverse("practice_people")),
        (admin, reverse("practice_clients")),
    ]:
        http = HttpClient()
        http.force_login(user)
        response = http.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url


def test_enrolling_totp_generates_recovery_codes_and_opens_the_caseload(world):
    therapist = make_user(world.practice, Role.THERAPIST, mfa=False)
    http = HttpClient()
    password_login(http, therapist.email)
    http.get(reverse("dashboard:caseload"))

    page = http.get(reverse("mfa_activate_totp"))
    if page.status_code == 302:  # allauth may ask for the password once more
        http.post(page["Location"], {"password": "correct-horse-battery-9"})
        page = http.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = http.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})

    assert response.status_code == 302 and response["Location"] == reverse("mfa_view_recovery_codes")
    types = set(Authenticator.objects.filter(user=therapist).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes = http.get(reverse("mfa_view_recovery_codes"))
    assert codes.status_code == 200 and len(codes.context["unused_codes"]) == 10
    assert http.get(reverse("dashboard:caseload")).status_code == 200


def test_clients_are_not_forced_to_enrol_but_may(world):
    http = HttpClient()
    http.force_login(world.client_a.user)

    assert http.get(reverse("client_home")).status_code == 200
    assert http.get(reverse("mfa_index")).status_code == 200


def test_two_factor_enrolment_is_loaded_with_the_user_not_asked_again(world):
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    http = HttpClient()
    http.force_login(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(reverse("dashboard:caseload")).status_code == 200
    asked = [q["sql"] for q in ctx.captured_queries if "mfa_authenticator" in q["sql"]]
    assert len(asked) == 1 and asked[0].startswith('SELECT "accounts_user"')
