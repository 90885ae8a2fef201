"""The enrolment redirect's `next`: URL-encoded, and only ever a page of this site."""

from urllib.parse import parse_qs, urlparse

from django.test import Client as HttpClient
from django.urls import reverse

from accounts.middleware import enrolment_url
from accounts.models import Role
from tests.factories import make_user

from .helpers import password_login


def _staff_without_two_factor(world):
    user = make_user(world.practice, Role.THERAPIST, mfa=False)
    http = HttpClient()
    password_login(http, user.email)
    return user, http


def test_the_page_asked_for_comes_back_whole_after_enrolment(world):
    _, http = _staff_without_two_factor(world)
    asked = reverse("dashboard:caseload") + "?q=a b&status=c&next=/x"
    response = http.get(asked, HTTP_SEC_FETCH_DEST="document")
    target = urlparse(response["Location"])
    assert target.path == reverse("mfa_activate_totp")
    assert parse_qs(target.query) == {"next": [reverse("dashboard:caseload") + "?q=a%20b&status=c&next=/x"]}


def test_a_path_that_would_lead_off_site_is_not_passed_on(world, rf):
    user, _ = _staff_without_two_factor(world)
    for path in ("//evil.example/x", "///evil.example/x"):
        request = rf.get("/")
        request.path = request.path_info = path  # as a browser sends https://site//evil.example/x
        request.user = user
        assert request.get_full_path().startswith("//")
        assert enrolment_url(request) == reverse("mfa_activate_totp"), path
    posted = rf.post(reverse("dashboard:caseload"))
    posted.user = user
    assert enrolment_url(posted) == reverse("mfa_activate_totp")
