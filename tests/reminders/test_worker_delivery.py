"""Exactly once through the real Redis broker and a real `celery worker` process.

The worker sends email over SMTP to a small server in this test process (smtp_server.py), so
the test counts the messages a mail server really accepted. The worker is SIGKILLed at known
points that the test holds it at from outside: a table lock that makes it wait after the claim
and before it talks to the mail server, and a mail server that has taken the message but has
not yet answered the final "." of DATA (inside the send window).
"""

import threading
import time
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from reminders.models import Delivery, DeliveryState, Notification, ReminderOccurrence, State
from reminders.services import sweep
from reminders.tasks import send_reminder, sweep_reminders
from tests.factories import make_user

from .helpers import client_with_diary
from .smtp_server import SMTPServer

pytestmark = [pytest.mark.worker]

LEASE = 3  # seconds; short so the tests can wait it out


@dataclass
class MailWorker:
    worker: object
    smtp: SMTPServer
    base_env: dict

    def configure(self) -> None:
        """Restart the worker, sending to this test's SMTP server."""
        self.worker.env.update(self.base_env)
        self.worker.restart()

    def sent_messages(self) -> int:
        return self.smtp.messages


@pytest.fixture
def mail_worker(celery_worker_process, settings):
    settings.REMINDERS_CLAIM_LEASE_SECONDS = LEASE
    with SMTPServer() as smtp:
        base_env = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "REMINDERS_CLAIM_LEASE_SECONDS": str(LEASE),
        }
        harness = MailWorker(celery_worker_process, smtp, base_env)
        harness.configure()
        yield harness
        for key in base_env:
            celery_worker_process.env.pop(key, None)
        celery_worker_process.stop()  # the next worker test starts a plain one


@contextmanager
def notifications_locked():
    """Hold a lock from another connection that makes the worker wait when it writes the in-app
    notification: after it claimed the row and before it talks to the mail server."""
    import psycopg

    db = connection.settings_dict
    params = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"],
        "port": db["PORT"],
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=False) as other:
        other.execute(f"LOCK TABLE {Notification._meta.db_table} IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            other.rollback()


def worker_waits_for_the_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE relation = %s::regclass AND NOT granted",
            [Notification._meta.db_table],
        )
        return cursor.fetchone()[0] > 0


def due_now_clients(n: int, tz: str = "Europe/Amsterdam") -> list:
    local = timezone.now().astimezone(zoneinfo.ZoneInfo(tz))
    at = local.time().replace(second=0, microsecond=0)
    return [client_with_diary(at=at, tz=tz) for _ in range(n)]


def wait_for(predicate, timeout: float = 30, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def states() -> list[str]:
    return list(ReminderOccurrence.objects.order_by("id").values_list("state", flat=True))


def test_due_reminders_are_sent_once_by_the_worker(mail_worker):
    due_now_clients(3)
    now = timezone.now()
    result = sweep(now)
    assert len(result.enqueued) == 3
    wait_for(lambda: states() == [State.SENT] * 3, what="three sent")
    # Sweeping again (same minute, next minute) and a retried task add nothing.
    assert sweep(now).enqueued == []
    assert sweep(now + timedelta(minutes=1)).enqueued == []
    send_reminder.delay(result.enqueued[0]).get(timeout=20)
    assert mail_worker.sent_messages() == 3


def test_worker_killed_after_claim_before_smtp_is_sent_once_after_restart(mail_worker):
    due_now_clients(1)
    with notifications_locked():
        sweep(timezone.now())
        wait_for(lambda: states() == [State.CLAIMED], what="the claim")
        wait_for(worker_waits_for_the_lock, what="the worker waiting before the mail server")
        mail_worker.worker.kill()  # SIGKILL while it waits, before talking to the mail server
    assert mail_worker.sent_messages() == 0
    mail_worker.configure()  # a fresh worker, nothing held
    time.sleep(LEASE + 0.5)
    assert len(sweep(timezone.now()).enqueued) == 1  # lease expired, never started: re-enqueued
    wait_for(lambda: states() == [State.SENT], what="the re-send")
    assert mail_worker.sent_messages() == 1
    assert ReminderOccurrence.objects.get().attempts == 2


def test_worker_killed_inside_the_send_window_never_sends_twice_and_records_unknown(mail_worker):
    mail_worker.smtp.hold_data_reply = True  # the server has the message but has not said so yet
    due_now_clients(1)
    (pk,) = sweep(timezone.now()).enqueued
    wait_for(lambda: mail_worker.sent_messages() == 1, what="the mail server taking the message")
    assert Delivery.objects.get(channel="email").state == DeliveryState.STARTED
    mail_worker.worker.kill()  # SIGKILL inside the window: the worker cannot know it arrived
    mail_worker.smtp.hold_data_reply = False
    mail_worker.smtp.release.set()
    mail_worker.configure()
    time.sleep(LEASE + 0.5)
    result = sweep(timezone.now())
    assert result.failed == 1 and result.enqueued == [pk]  # reclaimed for what is left: nothing
    wait_for(lambda: states() == [State.SENT], what="the occurrence settled")
    send_reminder.delay(pk).get(timeout=20)  # even a redelivered task does not send again
    assert mail_worker.sent_messages() == 1
    email = Delivery.objects.get(channel="email")
    assert email.state == DeliveryState.UNKNOWN and "worker lost" in email.note
    assert Notification.objects.count() == 1  # the in-app copy went first, once
    # The practice admin sees it, with a resend.
    practice = email.occurrence.recipient.practice
    admin = make_user(practice, Role.ADMIN)
    browser = Client()
    browser.force_login(admin)
    page = browser.get(reverse("reminders:unconfirmed")).content.decode()
    assert reverse("reminders:resend", args=[email.pk]) in page


def test_two_sweeps_at_the_same_time_send_once(mail_worker):
    due_now_clients(4)
    due_now_clients(2, tz="Asia/Tokyo")
    now = timezone.now()
    barrier = threading.Barrier(2)
    enqueued: list[list[int]] = []
    errors: list[BaseException] = []

    def beat_process():
        try:
            barrier.wait()
            enqueued.append(sweep(now).enqueued)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat_process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(pk for batch in enqueued for pk in batch) == sorted(
        ReminderOccurrence.objects.values_list("id", flat=True)
    )
    wait_for(lambda: states() == [State.SENT] * 6, what="six sent")
    time.sleep(1)
    assert mail_worker.sent_messages() == 6


def test_many_due_reminders_go_out_through_fan_out_tasks_once_each(mail_worker, settings):
    settings.REMINDERS_FAN_OUT_CHUNK = 2  # 5 due: three fan-out tasks instead of five sends
    due_now_clients(5)
    assert len(sweep(timezone.now()).enqueued) == 5
    wait_for(lambda: states() == [State.SENT] * 5, what="five sent")
    assert mail_worker.sent_messages() == 5


def test_the_beat_task_sweeps_inside_the_worker(mail_worker):
    due_now_clients(2, tz="America/New_York")
    sweep_reminders.delay()  # what beat sends every minute; the worker sweeps with its own clock
    wait_for(lambda: states() == [State.SENT] * 2, what="two sent")
    sweep_reminders.delay()
    time.sleep(2)
    assert mail_worker.sent_messages() == 2
