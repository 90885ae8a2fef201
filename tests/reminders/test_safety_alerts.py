"""Safety-net alerts reach the therapist through the reminder machinery, once, without content."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from reminders.models import Kind, Notification, ReminderPreference, State
from reminders.scheduling import floor_minute
from safety import services as safety_services
from tests.safety.helpers import write_entry

from .helpers import occurrences, sweep_and_send, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def raise_alert(world, django_capture_on_commit_callbacks):
    def run(text="SECRET-ENTRY-TEXT"):
        with django_capture_on_commit_callbacks(execute=True):
            write_entry(world.client_a, safety=1, shared=True, text=text)
        return safety_services.Alert.objects.get(client=world.client_a)

    return run


def _only_alerts_on(user):
    ReminderPreference.objects.filter(user=user).exclude(kind=Kind.SAFETY_ALERT).update(enabled=False)


def test_alert_is_emailed_once_without_client_details_and_listed_in_app_by_name(world, raise_alert, client):
    _only_alerts_on(world.therapist_a)
    alert = raise_alert()
    occ = occurrences(world.therapist_a, kind=Kind.SAFETY_ALERT).get()
    assert occ.target_key == f"alert:{alert.pk}"
    now = occ.slot + timedelta(seconds=5)
    sweep_and_send(now)
    sweep_and_send(now + timedelta(minutes=1))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.therapist_a.email]
    body = message.subject + message.body + "".join(str(a[0]) for a in message.alternatives)
    assert "New alert" in message.subject
    for secret in ("SECRET-ENTRY-TEXT", world.client_a.display_name, world.client_a.user.email):
        assert secret not in body
    assert "/safety/alerts/" in message.body
    notes = Notification.objects.filter(recipient=world.therapist_a, kind=Kind.SAFETY_ALERT)
    # Behind the login the therapist sees whom it is about, and one tap leads to the entry.
    assert notes.count() == 1 and world.client_a.display_name in notes.get().title
    assert "SECRET-ENTRY-TEXT" not in notes.get().title
    client.force_login(world.therapist_a)
    opened = client.post(reverse("reminders:notification_open", args=[notes.get().pk]), follow=True)
    assert opened.redirect_chain[-1][0] == reverse("diary:entry_detail", args=[alert.entry_id])
    assert "SECRET-ENTRY-TEXT" in opened.content.decode()


def test_in_app_alert_is_in_the_therapists_language(world, raise_alert):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    _only_alerts_on(world.therapist_a)
    alert = raise_alert()
    occ = occurrences(world.therapist_a, kind=Kind.SAFETY_ALERT).get()
    sweep_and_send(occ.slot + timedelta(seconds=5))
    note = Notification.objects.get(recipient=world.therapist_a, kind=Kind.SAFETY_ALERT)
    assert note.title == f"Nieuwe signalering voor {world.client_a.display_name}"
    assert note.link == reverse("safety:alert_open", args=[alert.pk])
    assert world.client_a.display_name not in mail.outbox[0].subject + mail.outbox[0].body


def test_alert_acknowledged_before_the_sweep_is_not_sent(world, raise_alert):
    _only_alerts_on(world.therapist_a)
    alert = raise_alert()
    safety_services.acknowledge(alert, by=world.therapist_a, status="acted")
    occ = occurrences(world.therapist_a, kind=Kind.SAFETY_ALERT).get()
    sweep_and_send(occ.slot + timedelta(seconds=5))
    occ.refresh_from_db()
    assert occ.state == State.SKIPPED and mail.outbox == []


def test_alert_switched_off_sends_nothing(world, raise_alert):
    from reminders.services import ensure_preferences

    ensure_preferences(world.therapist_a)
    ReminderPreference.objects.filter(user=world.therapist_a).update(enabled=False)
    raise_alert()
    assert not occurrences(world.therapist_a, kind=Kind.SAFETY_ALERT).exists()


def test_alert_raised_in_quiet_hours_waits_until_they_end():
    from reminders.alerts import _after_quiet_hours
    from reminders.models import ReminderPreference as Pref
    from tests.factories import make_practice, make_user

    therapist = make_user(make_practice(), "therapist")
    pref = Pref(user=therapist, kind=Kind.SAFETY_ALERT, quiet_start=time(22, 0), quiet_end=time(7, 0))
    # 23:30 in Amsterdam on 2026-03-28 (UTC+1); quiet hours end at 07:00 on the 29th, which is
    # after the switch to summer time (UTC+2): 05:00 UTC, not 06:00.
    assert _after_quiet_hours(pref, utc("2026-03-28 22:30")) == utc("2026-03-29 05:00")
    # Outside quiet hours: at once.
    assert _after_quiet_hours(pref, utc("2026-03-28 12:00")) == utc("2026-03-28 12:00")
    assert floor_minute(utc("2026-03-28 12:00:40")) == utc("2026-03-28 12:00")


def test_digest_counts_open_alerts(world, raise_alert):
    from reminders.kinds import digest_counts
    from reminders.models import ReminderOccurrence

    raise_alert()
    occ = ReminderOccurrence(recipient=world.therapist_a, kind=Kind.THERAPIST_DIGEST, slot=utc("2026-11-23 07:00"))
    assert digest_counts(occ)["alerts"] == 1
    occ.recipient = world.therapist_other
    assert digest_counts(occ)["alerts"] == 0
