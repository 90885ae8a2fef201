"""The sweep creates each due reminder once, at the right local minute, and sends it once."""

from datetime import time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from reminders.models import Delivery, DeliveryState, Kind, Notification, ReminderOccurrence, ReminderPreference, State
from reminders.services import requeue, send_many, send_occurrence, sweep

from .helpers import client_with_diary, occurrences, sweep_and_send, utc

pytestmark = pytest.mark.django_db


def test_diary_prompt_is_sent_at_the_clients_local_time_once():
    client = client_with_diary(at=time(20, 0))  # Amsterdam, summer: UTC+2
    assert sweep_and_send(utc("2026-06-10T17:59")).enqueued == []
    result = sweep_and_send(utc("2026-06-10T18:00"))
    assert len(result.enqueued) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [client.user.email]
    # The next sweeps (same minute again, and the next minutes with catch-up) add nothing.
    for now in ("2026-06-10T18:00:30", "2026-06-10T18:01", "2026-06-10T18:02"):
        assert sweep_and_send(utc(now)).enqueued == []
    assert len(mail.outbox) == 1
    occ = occurrences(client.user).get()
    assert occ.state == State.SENT and occ.slot == utc("2026-06-10T18:00") and occ.attempts == 1


def test_a_retried_send_task_sends_nothing_twice():
    client_with_diary(at=time(20, 0))
    result = sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None)
    (pk,) = result.enqueued
    assert send_occurrence(pk, utc("2026-06-10T18:00:05")) == "sent"
    assert send_occurrence(pk, utc("2026-06-10T18:00:06")) == "not-claimed"
    assert len(mail.outbox) == 1


def test_days_of_week_are_respected():
    client_with_diary(at=time(20, 0), days="67")  # weekend only
    sweep_and_send(utc("2026-06-10T18:00"))  # a Wednesday
    assert ReminderOccurrence.objects.count() == 0
    sweep_and_send(utc("2026-06-13T18:00"))  # Saturday
    assert ReminderOccurrence.objects.count() == 1


def test_switched_off_or_inactive_clients_get_nothing():
    off = client_with_diary(at=time(20, 0))
    ReminderPreference.objects.filter(user=off.user, kind=Kind.DIARY).update(enabled=False)
    gone = client_with_diary(at=time(20, 0))
    gone.user.is_active = False
    gone.user.save()
    paused = client_with_diary(at=time(20, 0))
    paused.status = "paused"
    paused.save()
    sweep_and_send(utc("2026-06-10T18:00"))
    assert ReminderOccurrence.objects.count() == 0
    assert mail.outbox == []


def test_turning_off_after_the_sweep_still_stops_the_send():
    client = client_with_diary(at=time(20, 0))
    result = sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.DIARY).update(enabled=False)
    assert send_occurrence(result.enqueued[0], utc("2026-06-10T18:00:10")) == "skipped"
    assert mail.outbox == []


def test_query_count_does_not_grow_with_the_number_of_clients():
    def queries_for_one_sweep(n_clients: int, minute: str) -> int:
        for _ in range(n_clients):
            client_with_diary(at=time(20, 0), tz="Europe/Amsterdam")
            client_with_diary(at=time(3, 0), tz="Asia/Tokyo")  # 18:00 UTC = 03:00 Tokyo
        with CaptureQueriesContext(connection) as ctx:
            sweep(utc(minute), dispatch=lambda ids: None)
        return len(ctx.captured_queries)

    small = queries_for_one_sweep(2, "2026-06-10T18:00")
    ReminderOccurrence.objects.all().delete()
    large = queries_for_one_sweep(20, "2026-06-11T18:00")
    assert ReminderOccurrence.objects.filter(slot=utc("2026-06-11T18:00")).count() == 44
    assert small == large


def test_missed_occurrences_past_the_cutoff_are_skipped_not_sent():
    client_with_diary(at=time(20, 0))
    sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None)  # the message got lost
    result = sweep_and_send(utc("2026-06-10T19:30"))  # 90 minutes later, cut-off is 60
    assert result.skipped == 1
    assert mail.outbox == []
    assert ReminderOccurrence.objects.get().state == State.SKIPPED


def test_a_lost_message_is_enqueued_again_within_a_minute():
    client_with_diary(at=time(20, 0))
    sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None)  # the message got lost (Redis restarted)
    sent = lambda ids: send_many(ids, utc("2026-06-10T18:00:50"))  # noqa: E731
    assert requeue(utc("2026-06-10T18:00:30"), dispatch=sent) == []  # too soon to call it lost
    assert len(requeue(utc("2026-06-10T18:00:50"), dispatch=sent)) == 1  # the requeue task, every 15 s
    assert len(mail.outbox) == 1


def test_claimed_but_never_started_is_sent_after_the_lease():
    client_with_diary(at=time(20, 0))
    (pk,) = sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None).enqueued
    # A worker claimed it and died before talking to the mail server.
    ReminderOccurrence.objects.filter(pk=pk).update(state=State.CLAIMED, claimed_at=utc("2026-06-10T18:00:01"))
    assert send_occurrence(pk, utc("2026-06-10T18:00:20")) == "not-claimed"  # lease still running
    enqueued = requeue(utc("2026-06-10T18:00:45"), dispatch=lambda ids: send_many(ids, utc("2026-06-10T18:00:45")))
    assert enqueued == [pk]  # lease (30 s) over: picked up within a minute of the claim
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1
    assert ReminderOccurrence.objects.get(pk=pk).attempts == 1


def test_an_email_whose_hand_off_started_is_never_sent_again_and_is_marked_unknown():
    client = client_with_diary(at=time(20, 0))
    (pk,) = sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None).enqueued
    # A worker wrote the in-app notification, started the email and died: it may have left.
    ReminderOccurrence.objects.filter(pk=pk).update(state=State.CLAIMED, claimed_at=utc("2026-06-10T18:00:01"))
    Delivery.objects.create(occurrence_id=pk, channel="in_app", state=DeliveryState.SENT)
    Notification.objects.create(recipient=client.user, kind="diary", title="t", created_at=utc("2026-06-10T18:00"))
    Delivery.objects.create(
        occurrence_id=pk, channel="email", state=DeliveryState.STARTED, started_at=utc("2026-06-10T18:00:01")
    )
    result = sweep_and_send(utc("2026-06-10T18:01"))
    assert result.failed == 1 and result.enqueued == [pk]  # claimed again for the other channels only
    assert send_occurrence(pk, utc("2026-06-10T18:06")) == "not-claimed"
    assert mail.outbox == []
    assert Notification.objects.count() == 1
    assert Delivery.objects.get(channel="email").state == DeliveryState.UNKNOWN
    assert ReminderOccurrence.objects.get(pk=pk).state == State.SENT  # the in-app copy reached them


def test_a_mail_server_error_gives_the_email_back_for_a_retry_and_keeps_the_in_app_copy(settings):
    client_with_diary(at=time(20, 0))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: connection refused
    (pk,) = sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None).enqueued
    assert send_occurrence(pk, utc("2026-06-10T18:00:05")) == "retry"
    assert ReminderOccurrence.objects.get(pk=pk).state == State.PENDING
    assert Delivery.objects.get(channel="email").state == DeliveryState.PENDING  # never started
    assert Notification.objects.count() == 1  # the in-app copy did not wait for the mail server
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sweep_and_send(utc("2026-06-10T18:01")).enqueued == [pk]
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_the_in_app_copy_arrives_when_email_never_does(settings):
    client_with_diary(at=time(20, 0))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    (pk,) = sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None).enqueued
    outcomes = [send_occurrence(pk, utc(f"2026-06-10T18:0{n}:05")) for n in range(3)]
    assert outcomes == ["retry", "retry", "sent"]
    assert Notification.objects.count() == 1
    assert Delivery.objects.get(channel="email").state == DeliveryState.FAILED


def test_therapist_digest_is_weekly_by_default_with_counts_only():
    client = client_with_diary(at=time(20, 0))
    therapist = client.therapist
    ReminderPreference.objects.filter(user=therapist).update(enabled=True)
    sweep_and_send(utc("2026-06-09T06:00"))  # Tuesday 08:00 Amsterdam: not the digest day
    assert mail.outbox == []
    sweep_and_send(utc("2026-06-08T06:00"))  # Monday 08:00
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [therapist.email]
    assert client.display_name not in body and client.user.email not in body
    assert therapist.role == Role.THERAPIST


def test_moving_the_time_just_after_a_reminder_does_not_send_a_second_one_that_day():
    client = client_with_diary(at=time(20, 0))
    sweep_and_send(utc("2026-06-10T18:00"))
    ReminderPreference.objects.filter(user=client.user, kind=Kind.DIARY).update(local_time=time(20, 30))
    sweep_and_send(utc("2026-06-10T18:30"))
    assert len(mail.outbox) == 1
    assert occurrences(client.user, state=State.SKIPPED).count() == 1
    sweep_and_send(utc("2026-06-11T18:30"))  # the next day at the new time
    assert len(mail.outbox) == 2


def test_old_delivery_rows_are_pruned_but_notifications_stay():
    from reminders.models import Notification
    from reminders.services import prune

    client = client_with_diary(at=time(20, 0), channel="in_app")
    sweep_and_send(utc("2026-01-10T19:00"))
    sweep_and_send(utc("2026-06-10T18:00"))
    assert prune(utc("2026-06-11T00:00")) == 1
    assert list(occurrences(client.user).values_list("slot", flat=True)) == [utc("2026-06-10T18:00")]
    assert Notification.objects.filter(recipient=client.user).count() == 2
