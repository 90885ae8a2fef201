"""Local times stay right across daylight-saving changes and in other timezones."""

from datetime import time, timedelta

import pytest
from django.core import mail

from reminders.models import ReminderOccurrence, State
from reminders.scheduling import local_window
from reminders.services import send_occurrence, sweep

from .helpers import client_with_diary, occurrences, sweep_and_send, utc

pytestmark = pytest.mark.django_db


def sweep_every_minute(*ranges: tuple[str, str]) -> None:
    """Sweep minute by minute over each (start, end) range, around every instant that matters."""
    for start, end in ranges:
        now, stop = utc(start), utc(end)
        while now <= stop:
            sweep_and_send(now)
            now += timedelta(minutes=1)


def slots(client) -> list:
    return list(occurrences(client.user).order_by("slot").values_list("slot", flat=True))


@pytest.fixture
def no_catchup(settings):
    # Minute by minute anyway; catch-up would only re-check the same minutes.
    settings.REMINDERS_CATCHUP_MINUTES = 0


def test_spring_forward_in_amsterdam_keeps_the_local_time(no_catchup):
    morning = client_with_diary(at=time(9, 0))
    in_the_gap = client_with_diary(at=time(2, 30))  # 02:30 does not exist on 2026-03-29
    for day in ("2026-03-28", "2026-03-29"):
        # Around 02:00–03:30 local on both clocks, and around 09:00 local on both clocks.
        sweep_every_minute(
            (f"{day}T00:25", f"{day}T01:35"), (f"{day}T06:58", f"{day}T07:02"), (f"{day}T07:58", f"{day}T08:02")
        )
    # 09:00 local is 08:00 UTC in winter (CET) and 07:00 UTC from the change on (CEST).
    assert slots(morning) == [utc("2026-03-28T08:00"), utc("2026-03-29T07:00")]
    # The missing 02:30 fires at 03:00 CEST (01:00 UTC), the first minute after the jump.
    assert slots(in_the_gap) == [utc("2026-03-28T01:30"), utc("2026-03-29T01:00")]
    assert len(mail.outbox) == 4


def test_fall_back_in_amsterdam_fires_the_repeated_hour_once(no_catchup):
    morning = client_with_diary(at=time(9, 0))
    twice = client_with_diary(at=time(2, 30))  # 02:30 happens twice on 2026-10-25
    sweep_every_minute(("2026-10-25T00:25", "2026-10-25T01:35"), ("2026-10-25T06:58", "2026-10-25T08:02"))
    assert slots(twice) == [utc("2026-10-25T00:30")]  # 02:30 CEST, not again at 02:30 CET
    assert slots(morning) == [utc("2026-10-25T08:00")]  # 09:00 CET
    assert len(mail.outbox) == 2


def test_clients_in_other_timezones_get_their_own_local_time(no_catchup):
    amsterdam = client_with_diary(at=time(9, 0))
    new_york = client_with_diary(at=time(9, 0), tz="America/New_York")
    tokyo = client_with_diary(at=time(9, 0), tz="Asia/Tokyo")
    # 2026-03-08 is New York's spring-forward day; Tokyo has no DST.
    sweep_every_minute(
        ("2026-03-07T23:58", "2026-03-08T00:02"),
        ("2026-03-08T07:58", "2026-03-08T08:02"),
        ("2026-03-08T12:58", "2026-03-08T14:02"),  # 09:00 EST would be 14:00 UTC
    )
    assert slots(tokyo) == [utc("2026-03-08T00:00")]
    assert slots(amsterdam) == [utc("2026-03-08T08:00")]
    assert slots(new_york) == [utc("2026-03-08T13:00")]  # 09:00 EDT (UTC-4), changed at 02:00 that day


def test_the_local_day_decides_the_weekday():
    # Tokyo is already on Saturday when it is Friday 23:30 UTC.
    tokyo = client_with_diary(at=time(8, 30), tz="Asia/Tokyo", days="6")
    sweep_and_send(utc("2026-06-12T23:30"))  # Saturday 08:30 in Tokyo
    assert ReminderOccurrence.objects.filter(recipient=tokyo.user).count() == 1


def test_local_window_examples():
    ams = "Europe/Amsterdam"
    assert local_window(utc("2026-10-25T01:30"), ams) is None  # second 02:30
    gap = local_window(utc("2026-03-29T01:00"), ams)
    assert (gap.start, gap.until) == (time(2, 0), time(3, 0))
    normal = local_window(utc("2026-03-29T01:01"), ams)
    assert (normal.start, normal.until) == (time(3, 1), time(3, 1))


def test_quiet_hours_hold_a_reminder_until_they_end(no_catchup):
    # Asks for 23:00 but is quiet from 22:00 to 07:00: the reminder waits until 07:00.
    night = client_with_diary(at=time(23, 0), quiet_start=time(22, 0), quiet_end=time(7, 0))
    day = client_with_diary(at=time(12, 0), quiet_start=time(22, 0), quiet_end=time(7, 0))
    sweep_and_send(utc("2026-06-10T21:00"))  # 23:00 Amsterdam
    assert occurrences(night.user).count() == 0
    sweep_and_send(utc("2026-06-11T05:00"))  # 07:00 Amsterdam
    assert slots(night) == [utc("2026-06-11T05:00")]
    sweep_and_send(utc("2026-06-11T10:00"))  # 12:00: outside quiet hours, on time
    assert slots(day) == [utc("2026-06-11T10:00")]
    assert len(mail.outbox) == 2


def test_a_late_send_is_not_delivered_in_quiet_hours():
    client_with_diary(at=time(21, 50), quiet_start=time(22, 0), quiet_end=time(7, 0))
    (pk,) = sweep(utc("2026-06-10T19:50"), dispatch=lambda ids: None).enqueued  # 21:50 local
    # The worker only gets to it at 22:10 local, inside quiet hours: skipped, not sent.
    assert send_occurrence(pk, utc("2026-06-10T20:10")) == "skipped"
    assert mail.outbox == []
    assert ReminderOccurrence.objects.get(pk=pk).state == State.SKIPPED


def test_a_reminder_held_past_midnight_keeps_the_day_it_was_asked_for(no_catchup):
    # Quiet 21:00-07:00; a reminder at 21:30 on Wednesdays only (2026-06-10 is a Wednesday).
    wednesday = client_with_diary(at=time(21, 30), days="3", quiet_start=time(21, 0), quiet_end=time(7, 0))
    thursday = client_with_diary(at=time(21, 30), days="4", quiet_start=time(21, 0), quiet_end=time(7, 0))
    sweep_and_send(utc("2026-06-10T19:30"))  # Wednesday 21:30 Amsterdam: quiet, held
    sweep_and_send(utc("2026-06-11T05:00"))  # Thursday 07:00: quiet hours end
    assert slots(wednesday) == [utc("2026-06-11T05:00")]  # Wednesday's reminder, delivered
    assert slots(thursday) == []  # Thursday's comes on Friday morning, not now
    sweep_and_send(utc("2026-06-12T05:00"))  # Friday 07:00
    assert slots(thursday) == [utc("2026-06-12T05:00")]
