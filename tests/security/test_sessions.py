"""Idle timeouts by role, server-side logout and "log out everywhere".

Time is moved by editing the stored session's expiry date, not by sleeping.
"""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent, Session
from tests.factories import PASSWORD


def _logged_in(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def _stored(http) -> Session:
    return Session.objects.get(session_key=http.session.session_key)


def _seconds_left(http) -> float:
    return (_stored(http).expire_date - timezone.now()).total_seconds()


@pytest.mark.parametrize(
    ("who", "page", "minutes"),
    [("therapist_a", "dashboard:caseload", 15), ("admin", "records:audit_search", 15), ("client_a", "client_home", 30)],
)
def test_sessions_expire_after_the_idle_time_of_the_role(world, who, page, minutes):
    http = _logged_in(world.users[who])
    assert http.get(reverse(page)).status_code == 200
    assert minutes * 60 - 30 < _seconds_left(http) <= minutes * 60


def test_the_idle_time_is_configurable(world, settings):
    settings.SESSION_IDLE_SECONDS_STAFF = 120
    http = _logged_in(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    assert 90 < _seconds_left(http) <= 120


def test_activity_moves_the_expiry_forward(world):
    http = _logged_in(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    # Fourteen and a half idle minutes later: half a minute left.
    Session.objects.filter(session_key=http.session.session_key).update(
        expire_date=timezone.now() + dt.timedelta(seconds=30)
    )
    assert http.get(reverse("dashboard:caseload")).status_code == 200
    assert _seconds_left(http) > 14 * 60


def test_a_session_written_moments_ago_is_not_written_again(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    http = _logged_in(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    first = _stored(http).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert http.get(reverse("dashboard:caseload")).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "audit_session"')]
    assert _stored(http).expire_date == first
    # A minute and a bit later the row is written again, moving the expiry forward.
    Session.objects.filter(session_key=http.session.session_key).update(expire_date=first - dt.timedelta(seconds=61))
    http.get(reverse("dashboard:caseload"))
    assert _seconds_left(http) > 15 * 60 - 30


def test_an_idle_session_past_its_expiry_is_logged_out(world):
    http = _logged_in(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    key = http.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = http.get(reverse("dashboard:caseload"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_client_session_survives_twenty_minutes_idle_but_not_thirty(world):
    http = _logged_in(world.client_a.user)
    http.get(reverse("client_home"))
    left = _seconds_left(http)
    assert left > 20 * 60  # twenty idle minutes leave the session alive
    Session.objects.filter(session_key=http.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert http.get(reverse("client_home")).status_code == 302


def test_logging_out_ends_the_session_on_the_server(world):
    http = HttpClient()
    assert http.login(email=world.client_a.user.email, password=PASSWORD)
    http.get(reverse("client_home"))
    key = http.session.session_key
    old_cookie = http.cookies["sessionid"].value
    http.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()
    replay = HttpClient()
    replay.cookies["sessionid"] = old_cookie
    response = replay.get(reverse("client_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_log_out_everywhere_ends_every_session_of_the_user_only(world):
    phone, laptop, someone_else = HttpClient(), HttpClient(), HttpClient()
    a, b = world.client_a.user, world.client_b.user
    for http, user in ((phone, a), (laptop, a), (someone_else, b)):
        assert http.login(email=user.email, password=PASSWORD)
        assert http.get(reverse("client_home")).status_code == 200
    sessions_page = laptop.get(reverse("audit:sessions"))
    assert sessions_page.status_code == 200
    assert b"Log out everywhere" in sessions_page.content
    response = laptop.post(reverse("audit:sessions"))
    assert response.status_code == 302
    for http in (phone, laptop):
        again = http.get(reverse("client_home"))
        assert again.status_code == 302 and again["Location"].startswith(reverse("account_login"))
    assert someone_else.get(reverse("client_home")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT_EVERYWHERE, actor=world.client_a.user).count() == 1


def test_the_short_expiry_applies_from_the_login_request_itself(world):
    http = HttpClient()
    response = http.post(reverse("account_login"), {"login": world.client_a.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert 29 * 60 < _seconds_left(http) <= 30 * 60


def test_staff_waiting_to_enrol_two_factor_get_the_staff_timeout(world):
    from tests.factories import make_user

    newcomer = make_user(world.practice, "therapist", mfa=False)
    http = _logged_in(newcomer)
    response = http.get(reverse("dashboard:caseload"))
    assert response.status_code == 302  # sent to two-factor enrolment
    assert 14 * 60 < _seconds_left(http) <= 15 * 60
