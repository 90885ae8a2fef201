"""Unsubscribe links expire: an old one changes nothing and says, in the person's language,
how to change reminders after logging in."""

import time as clock
from datetime import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.test import Client as HttpClient
from django.urls import reverse

from reminders.models import Kind, ReminderPreference
from reminders.services import unsubscribe_token
from reminders.services.preferences import UNSUBSCRIBE_VALID_DAYS

from .helpers import client_with_diary

pytestmark = pytest.mark.django_db
DAY = 24 * 3600


def _link_made_days_ago(user, days: float, monkeypatch) -> str:
    made_at = clock.time() - days * DAY
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: made_at)
        token = unsubscribe_token(user, Kind.DIARY)
    return reverse("reminders:unsubscribe", kwargs={"kind": Kind.DIARY, "token": token})


def _diary_enabled(user) -> bool:
    return ReminderPreference.objects.get(user=user, kind=Kind.DIARY).enabled


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [
        ("en", "This link has expired", "log in and open your reminder settings"),
        ("nl", "Deze link is verlopen", "Log in en open je herinneringsinstellingen"),
    ],
)
def test_an_expired_link_changes_nothing_and_says_how_to_change_reminders(monkeypatch, language, title, advice):
    client = client_with_diary(at=time(20, 0), language=language)
    path = _link_made_days_ago(client.user, UNSUBSCRIBE_VALID_DAYS + 1, monkeypatch)
    for method in ("get", "post"):
        response = getattr(HttpClient(), method)(path)
        assert response.status_code == 410, method
        html = response.content.decode()
        assert title in html and advice in html
        login = urlparse(response.context["login_url"])
        assert login.path == reverse("account_login")
        assert parse_qs(login.query)["next"] == [reverse("reminders:preferences")]
    assert _diary_enabled(client.user)


def test_a_link_within_its_time_still_stops_the_reminder(monkeypatch):
    client = client_with_diary(at=time(20, 0))
    path = _link_made_days_ago(client.user, UNSUBSCRIBE_VALID_DAYS - 1, monkeypatch)
    assert HttpClient().post(path).status_code == 200
    assert not _diary_enabled(client.user)


def test_an_expired_link_of_another_kind_or_forged_is_still_not_found(monkeypatch):
    client = client_with_diary(at=time(20, 0))
    old = _link_made_days_ago(client.user, UNSUBSCRIBE_VALID_DAYS + 1, monkeypatch)
    token = old.rstrip("/").rsplit("/", 1)[-1]
    other_kind = reverse("reminders:unsubscribe", kwargs={"kind": Kind.GOAL_CHECKIN, "token": token})
    assert HttpClient().get(other_kind).status_code == 404
    forged = reverse("reminders:unsubscribe", kwargs={"kind": Kind.DIARY, "token": token[:-2] + "AA"})
    assert HttpClient().get(forged).status_code == 404
