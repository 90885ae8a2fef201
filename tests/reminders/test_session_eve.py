"""The evening before a session: "Anything you want to share before tomorrow?", only when the
client switched it on, at their chosen local time, held by their quiet hours, only on an evening
before a planned session, opening the diary's sharing page."""

from datetime import date, time

import pytest
from django.core import mail
from django.urls import reverse

from appointments import services as sessions
from reminders.models import DEFAULTS, Kind, ReminderPreference, State
from reminders.services import ensure_preferences, send_many, sweep

from .helpers import client_with_diary, occurrences, sweep_and_send, utc

pytestmark = pytest.mark.django_db

# 2026-06-10 is a Wednesday; Amsterdam is UTC+2 in June.


def client_with_eve(*, at=time(19, 30), language="nl", **pref):
    client = client_with_diary(language=language)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.DIARY).update(enabled=False)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.SESSION_EVE).update(
        enabled=True, local_time=at, **pref
    )
    return client


def _session(client, day=date(2026, 6, 11), at=time(10, 0)):
    (session,) = sessions.plan(client, by=client.therapist, day=day, at=at, zone="Europe/Amsterdam")
    return session


def test_off_until_the_client_chooses_it():
    client = client_with_diary()
    ensure_preferences(client.user)
    assert DEFAULTS[Kind.SESSION_EVE]["enabled"] is False
    assert ReminderPreference.objects.get(user=client.user, kind=Kind.SESSION_EVE).enabled is False
    _session(client)
    sweep_and_send(utc("2026-06-10T17:30"))
    assert occurrences(client.user, kind=Kind.SESSION_EVE).count() == 0


def test_sent_the_evening_before_at_the_local_time_in_the_clients_language():
    client = client_with_eve()
    _session(client)
    assert sweep_and_send(utc("2026-06-10T17:29")).enqueued == []
    sweep_and_send(utc("2026-06-10T17:30"))
    sweep_and_send(utc("2026-06-10T17:31"))
    (email,) = mail.outbox
    assert email.subject == "Wil je nog iets delen vóór morgen?"
    assert "Je sessie is morgen om 10:00." in email.body
    assert reverse("diary:sharing") in email.body
    # Not on other evenings.
    sweep_and_send(utc("2026-06-11T17:30"))
    assert len(mail.outbox) == 1


def test_held_by_quiet_hours_and_not_sent_without_a_session_tomorrow():
    client = client_with_eve(quiet_start=time(19, 0), quiet_end=time(21, 0))
    _session(client)
    sweep_and_send(utc("2026-06-10T17:30"))
    assert mail.outbox == []
    sweep_and_send(utc("2026-06-10T19:00"))
    assert len(mail.outbox) == 1
    other = client_with_eve(language="en")
    sweep_and_send(utc("2026-06-10T17:30"))
    assert occurrences(other.user, kind=Kind.SESSION_EVE).count() == 0


def test_a_session_moved_off_tomorrow_after_the_sweep_is_not_announced():
    client = client_with_eve(language="en")
    session = _session(client)
    now = utc("2026-06-10T17:30")
    result = sweep(now)
    sessions.move(session, by=client.therapist, day=date(2026, 6, 15), at=time(10, 0), zone="Europe/Amsterdam")
    send_many(result.enqueued, now)
    assert mail.outbox == []
    assert occurrences(client.user, kind=Kind.SESSION_EVE, state=State.SKIPPED).count() == 1


def test_the_client_finds_it_in_their_reminder_settings_in_dutch():
    from django.test import Client as Http

    client = client_with_diary(language="nl")
    http = Http()
    http.force_login(client.user)
    page = http.get(reverse("reminders:preferences")).content.decode()
    assert "De avond vóór een sessie" in page and "Wil je nog iets delen vóór morgen?" in page
