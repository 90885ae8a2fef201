"""Two-factor enrolment as a browser really does it: background requests, reloads, second tabs.

The browser asks for /favicon.ico by itself, a person reloads or opens the menu in another tab
while their phone is still out, and only then types the code. None of that may replace the
secret they scanned.
"""

from urllib.parse import parse_qs, urlparse

import pyotp
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from tests.factories import make_user

from .helpers import password_login

PASSWORD = "correct-horse-battery-9"


def _enrolment_page(http):
    page = http.get(reverse("mfa_activate_totp"))
    if page.status_code == 302:  # allauth may ask for the password once more
        http.post(page["Location"], {"password": PASSWORD})
        page = http.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    return page


def _new_staff_session(world, role=Role.THERAPIST):
    user = make_user(world.practice, role, mfa=False)
    http = HttpClient()
    password_login(http, user.email)
    return user, http


def test_secret_shown_first_still_works_after_favicon_reload_and_second_tab(world):
    _, http = _new_staff_session(world)
    secret = _enrolment_page(http).context["form"].secret

    # What the browser and the person do before the code is typed.
    assert http.get("/favicon.ico", HTTP_SEC_FETCH_DEST="image").status_code == 200
    assert _enrolment_page(http).context["form"].secret == secret  # reload
    second_tab = http.get(reverse("dashboard:caseload"), HTTP_SEC_FETCH_DEST="document")
    assert second_tab.status_code == 302 and second_tab["Location"].startswith(reverse("mfa_activate_totp"))
    assert _enrolment_page(http).context["form"].secret == secret  # the second tab shows the same code

    response = http.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_view_recovery_codes")


def test_background_requests_of_staff_without_two_factor_are_refused_not_redirected(world):
    _, http = _new_staff_session(world, Role.ADMIN)
    for path, headers in [
        (reverse("practice_people"), {"HTTP_SEC_FETCH_DEST": "empty", "HTTP_ACCEPT": "application/json"}),
        (reverse("practice_people"), {"HTTP_ACCEPT": "application/json"}),
        ("/sw.js", {"HTTP_SERVICE_WORKER": "script"}),
        ("/manifest.webmanifest", {}),
        (reverse("practice_clients"), {"HTTP_SEC_FETCH_DEST": "image"}),
    ]:
        response = http.get(path, **headers)
        assert response.status_code == 403, (path, headers, response.status_code)
    # A person opening a page is still sent to enrolment.
    page = http.get(reverse("practice_people"), HTTP_SEC_FETCH_DEST="document", HTTP_ACCEPT="text/html")
    assert page.status_code == 302 and page["Location"].startswith(reverse("mfa_activate_totp"))


def test_asking_for_a_new_code_replaces_the_secret_once(world):
    _, http = _new_staff_session(world)
    first = _enrolment_page(http).context["form"].secret

    assert http.post(reverse("accounts:totp_new_secret")).status_code == 302
    second = _enrolment_page(http).context["form"].secret
    assert second != first
    assert _enrolment_page(http).context["form"].secret == second

    wrong = http.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(first).now()})
    assert wrong.status_code == 200  # the old secret no longer enrols
    right = http.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(second).now()})
    assert right.status_code == 302


def test_enrolment_redirect_keeps_the_page_asked_for_url_encoded(world):
    _, http = _new_staff_session(world)
    response = http.get(reverse("dashboard:caseload") + "?q=a&status=b")
    target = urlparse(response["Location"])
    assert target.path == reverse("mfa_activate_totp")
    assert parse_qs(target.query)["next"] == [reverse("dashboard:caseload") + "?q=a&status=b"]


def test_no_menu_is_offered_before_enrolment(world):
    _, http = _new_staff_session(world)
    html = _enrolment_page(http).content.decode()
    assert 'id="mainnav"' in html  # the log-out button stays
    assert reverse("dashboard:caseload") not in html and reverse("accounts:settings") not in html
    assert reverse("account_logout") in html


def test_favicon_and_app_icons_are_served(client):
    for path in ["/favicon.ico", "/apple-touch-icon.png", "/static/icons/icon.svg", "/static/icons/icon-192.png"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("image/"), (path, response["Content-Type"])
