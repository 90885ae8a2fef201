"""Exactly once through the real Redis broker and a real `celery worker` process.

The worker writes email with Django's file-based backend into a temporary directory, so the
test counts the messages that really left the worker. The worker is SIGKILLed at known points
using the test-only delays read by the send task (REMINDERS_TEST_DELAY_BEFORE/AFTER_SEND).
"""

import re
import threading
import time
import zoneinfo
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from reminders.models import ReminderOccurrence, State
from reminders.services import sweep
from reminders.tasks import send_reminder, sweep_reminders

from .helpers import client_with_diary

pytestmark = [pytest.mark.worker]

LEASE = 3  # seconds; short so the tests can wait it out
ENV_KEYS = ("REMINDERS_TEST_DELAY_BEFORE_SEND", "REMINDERS_TEST_DELAY_AFTER_SEND")


@dataclass
class MailWorker:
    worker: object
    maildir: Path
    base_env: dict

    def configure(self, **env: str) -> None:
        """Restart the worker with the file mail backend and, optionally, a test delay."""
        for key in ENV_KEYS:
            self.worker.env.pop(key, None)
        self.worker.env.update(self.base_env)
        self.worker.env.update(env)
        self.worker.restart()

    def sent_messages(self) -> int:
        text = "".join(p.read_text(errors="replace") for p in self.maildir.glob("*"))
        return len(re.findall(r"^Message-ID: ", text, flags=re.M))


@pytest.fixture
def mail_worker(celery_worker_process, tmp_path, settings):
    settings.REMINDERS_CLAIM_LEASE_SECONDS = LEASE
    maildir = tmp_path / "mail"
    maildir.mkdir()
    base_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(maildir),
        "REMINDERS_CLAIM_LEASE_SECONDS": str(LEASE),
    }
    harness = MailWorker(celery_worker_process, maildir, base_env)
    harness.configure()
    yield harness
    for key in (*ENV_KEYS, *base_env):
        celery_worker_process.env.pop(key, None)
    celery_worker_process.stop()  # the next worker test starts a plain one


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
    mail_worker.configure(REMINDERS_TEST_DELAY_BEFORE_SEND="60")
    due_now_clients(1)
    sweep(timezone.now())
    wait_for(lambda: states() == [State.CLAIMED], what="the claim")
    mail_worker.worker.kill()  # SIGKILL while it sleeps before talking to the mail server
    assert mail_worker.sent_messages() == 0
    mail_worker.configure()  # a fresh worker, no delay
    time.sleep(LEASE + 0.5)
    assert len(sweep(timezone.now()).enqueued) == 1  # lease expired, never started: re-enqueued
    wait_for(lambda: states() == [State.SENT], what="the re-send")
    assert mail_worker.sent_messages() == 1
    assert ReminderOccurrence.objects.get().attempts == 2


def test_worker_killed_after_smtp_before_marking_sent_never_sends_twice(mail_worker):
    mail_worker.configure(REMINDERS_TEST_DELAY_AFTER_SEND="60")
    due_now_clients(1)
    (pk,) = sweep(timezone.now()).enqueued
    wait_for(lambda: mail_worker.sent_messages() == 1, what="the email file")
    mail_worker.worker.kill()  # the message left, but the row was not marked sent
    assert states() == [State.CLAIMED]
    mail_worker.configure()
    time.sleep(LEASE + 0.5)
    result = sweep(timezone.now())
    assert result.enqueued == [] and result.failed == 1
    send_reminder.delay(pk).get(timeout=20)  # even a redelivered task does not send again
    assert mail_worker.sent_messages() == 1
    assert states() == [State.FAILED]


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
