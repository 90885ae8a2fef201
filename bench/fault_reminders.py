"""Fault run (not a test): reminders under worker SIGKILLs and a slow mail server; prints
duplicates and losses.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase \\
    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/fault_reminders.py [--clients 600] [--kills 45]

Uses its own database (bench_sb_faults, created and migrated like a test database) and its own
queue. Seeds clients whose diary reminder is due this minute (in-app and email, email only, in
the app only), starts two real `celery worker` processes sending through a fake SMTP server
that answers every command after --delay seconds (0.4), and two "beats" (threads running the
sweep every few seconds and the requeue task every 15 s, as beat would). A killer SIGKILLs a
random worker (its whole process group) every --every seconds and starts it again, until
--kills kills have happened and every reminder is settled.

Then it counts, per client, the messages the mail server accepted and the in-app
notifications, and prints: duplicates (a person who got the same reminder twice), silent
losses (expected, not received, and not shown to the admin), unknown-outcome emails (shown to
the admin with a resend; how many of them had in fact arrived) and the send window measured
(started → outcome recorded).
"""

import argparse
import os
import random
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TEST_DATABASE_NAME"] = "bench_sb_faults"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

QUEUE = f"bench-faults-{uuid.uuid4().hex[:8]}"


def seed(n: int) -> dict[str, str]:
    """n clients due this minute (UTC); returns email -> channel."""
    from accounts.models import Practice, Role, User
    from clients.models import Client
    from reminders.models import Channel, Kind, ReminderPreference

    practice = Practice.objects.create(name="Faults", slug=f"faults-{int(time.time())}")
    therapist = User.objects.create(email="faults-therapist@example.test", practice=practice, role=Role.THERAPIST)
    users = User.objects.bulk_create(
        [
            User(email=f"c{i}@example.test", name=f"Client {i}", practice=practice, role=Role.CLIENT, timezone="UTC")
            for i in range(n)
        ]
    )
    Client.objects.bulk_create(
        [Client(practice=practice, user=u, display_name=u.name, therapist=therapist) for u in users]
    )
    # Two in ten get email only and one in ten the app only: an email-only client who gets
    # nothing at all is the loss that matters most.
    channels = [Channel.EMAIL if i % 10 < 2 else Channel.IN_APP if i % 10 == 2 else Channel.BOTH for i in range(n)]
    ReminderPreference.objects.filter(user__in=users).delete()
    ReminderPreference.objects.bulk_create(
        [
            ReminderPreference(user=u, kind=Kind.DIARY, channel=c, days="1234567")
            for u, c in zip(users, channels, strict=True)
        ]
    )
    return {u.email: str(c) for u, c in zip(users, channels, strict=True)}


def due_now() -> None:
    """Everybody's reminder time is the current UTC minute (set just before the first sweep)."""
    from reminders.models import ReminderPreference

    ReminderPreference.objects.update(local_time=datetime.now(UTC).time().replace(second=0, microsecond=0))


def bench_worker_class():
    from tests.worker import WorkerProcess

    class BenchWorker(WorkerProcess):
        """A worker with its own node name and several processes."""

        def __init__(self, env, queue, log_dir, number: int, concurrency: int):
            super().__init__(env, queue, log_dir)
            self.number, self.concurrency = number, concurrency
            self.log_path = log_dir / f"worker-{number}.log"

        def start(self, timeout: float = 60) -> None:
            self._ready_before = self._ready_lines()
            super().start(timeout)

        def wait_ready(self, timeout: float = 60) -> None:
            # Not a ping: it would wait behind hundreds of queued sends. Celery's "ready." line.
            deadline = time.monotonic() + timeout
            while self._ready_lines() <= self._ready_before and time.monotonic() < deadline:
                time.sleep(0.2)

        def _ready_lines(self) -> int:
            try:
                return self.log_path.read_text(errors="replace").count(" ready.")
            except FileNotFoundError:
                return 0

        @property
        def command(self) -> list[str]:
            command = super().command
            command[command.index("--concurrency=1")] = f"--concurrency={self.concurrency}"
            command[command.index("-n") + 1] = f"{self.queue}-w{self.number}-{self.starts}@%h"
            return command

    return BenchWorker


def worker_env(smtp_port: int) -> dict[str, str]:
    from tests.worker import _database_url

    return {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CONN_MAX_AGE": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "PYTHONUNBUFFERED": "1",
    }


class Run:
    def __init__(self, args, workers):
        self.args, self.workers = args, workers
        self.kills = 0
        self.stop = threading.Event()
        self.errors: list[str] = []

    def beat(self, name: str) -> None:
        from django.db import connections
        from django.utils import timezone

        from reminders.services import requeue, sweep

        last_requeue = 0.0
        while not self.stop.is_set():
            try:
                sweep(timezone.now())
                if time.monotonic() - last_requeue > 15:
                    requeue(timezone.now())
                    last_requeue = time.monotonic()
            except Exception as error:  # noqa: BLE001 - reported at the end
                self.errors.append(f"{name}: {type(error).__name__}: {error}")
            self.stop.wait(self.args.sweep_every)
        connections.close_all()

    def killer(self) -> None:
        rng = random.Random(16)
        while not self.stop.is_set() and self.kills < self.args.kills:
            self.stop.wait(self.args.every * rng.uniform(0.6, 1.4))
            worker = rng.choice(self.workers)
            if not worker.alive():
                continue
            worker.kill()
            self.kills += 1
            try:
                worker.start()
            except Exception as error:  # noqa: BLE001
                self.errors.append(f"restart: {error}")

    def settled(self) -> bool:
        from reminders.models import ReminderOccurrence, State

        states = Counter(ReminderOccurrence.objects.values_list("state", flat=True))
        return bool(states) and not (states[State.PENDING] or states[State.CLAIMED])


def report(expected: dict[str, str], smtp, run: Run, elapsed: float) -> None:
    from reminders.models import Delivery, DeliveryState, Notification, ReminderOccurrence

    emails = Counter(smtp.accepted_for)
    notes = Counter(Notification.objects.values_list("recipient__email", flat=True))
    deliveries = {
        (d.occurrence.recipient.email, d.channel): d for d in Delivery.objects.select_related("occurrence__recipient")
    }
    wants_email = {e for e, c in expected.items() if c in ("email", "both")}
    wants_app = {e for e, c in expected.items() if c in ("in_app", "both")}
    dup_email = sum(1 for e in emails if emails[e] > 1)
    dup_app = sum(1 for e in notes if notes[e] > 1)
    unknown = {e for (e, ch), d in deliveries.items() if ch == "email" and d.state == DeliveryState.UNKNOWN}
    lost_email = {e for e in wants_email if not emails[e] and e not in unknown}
    lost_app = {e for e in wants_app if not notes[e]}
    nothing_at_all = {e for e in expected if not emails[e] and not notes[e]}
    windows = [
        (d.finished_at - d.started_at).total_seconds()
        for (_e, ch), d in deliveries.items()
        if ch == "email" and d.state == DeliveryState.SENT and d.started_at and d.finished_at
    ]
    states = Counter(ReminderOccurrence.objects.values_list("state", flat=True))
    share = Counter(expected.values())
    arrived = sum(1 for e in unknown if emails[e])
    print(
        f"\nclients {len(expected)} (email+app {share['both']}, email only {share['email']}, "
        f"app only {share['in_app']})"
    )
    print(f"worker SIGKILLs {run.kills}, run {elapsed:.0f} s, occurrences {dict(states)}")
    print(
        f"emails accepted by the mail server {sum(emails.values())} for {len(wants_email)} expected; "
        f"in-app notifications {sum(notes.values())} for {len(wants_app)} expected"
    )
    print(f"DUPLICATES: email {dup_email}, in-app {dup_app}")
    print(
        f"LOST without a trace: email {len(lost_email)}, in-app {len(lost_app)}; "
        f"clients who got nothing: {len(nothing_at_all)}"
    )
    print(
        f"unknown outcome (listed to the admin, resendable): {len(unknown)} "
        f"({arrived} had in fact arrived, {len(unknown) - arrived} had not)"
    )
    if windows:
        windows.sort()
        p95 = windows[int(len(windows) * 0.95)]
        print(
            f"send window (started -> outcome recorded), {len(windows)} emails: median {median(windows) * 1000:.0f} ms,"
            f" p95 {p95 * 1000:.0f} ms, max {windows[-1] * 1000:.0f} ms"
        )
    for error in run.errors[:10]:
        print("error:", error)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=600)
    parser.add_argument("--kills", type=int, default=45)
    parser.add_argument("--every", type=float, default=4.0, help="seconds between kills (randomised ±40%%)")
    parser.add_argument("--delay", type=float, default=0.4, help="the mail server's answer time per command")
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--sweep-every", type=float, default=5.0)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL to PostgreSQL and REDIS_URL.")

    from config.celery import app
    from tests.reminders.smtp_server import SMTPServer

    BenchWorker = bench_worker_class()  # noqa: N806 - a class
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = QUEUE
    workers: list = []
    log_dir = Path("test-artifacts") / "fault-run"
    log_dir.mkdir(parents=True, exist_ok=True)
    try:
        expected = seed(args.clients)
        with SMTPServer() as smtp:
            smtp.delay = args.delay
            env = worker_env(smtp.port)
            for n in range(2):
                workers.append(BenchWorker(dict(env), QUEUE, log_dir, n, args.concurrency))
            for worker in workers:
                worker.start()
            print(f"{args.clients} clients seeded, 2 workers up, mail server answering in {args.delay} s", flush=True)
            run = Run(args, workers)
            due_now()
            started = time.monotonic()
            threads = [threading.Thread(target=run.beat, args=(f"beat{n}",), daemon=True) for n in range(2)]
            threads.append(threading.Thread(target=run.killer, daemon=True))
            for thread in threads:
                thread.start()
            while time.monotonic() - started < args.timeout:
                time.sleep(5)
                if run.kills >= args.kills and run.settled():
                    break
                print(f"  {time.monotonic() - started:5.0f} s: kills {run.kills}, accepted {smtp.messages}", flush=True)
            run.stop.set()
            for thread in threads:
                thread.join(timeout=60)
            time.sleep(2)
            report(expected, smtp, run, time.monotonic() - started)
    finally:
        for worker in workers:
            worker.kill()
        with app.connection_for_write() as conn:
            conn.default_channel.client.delete(QUEUE, f"_kombu.binding.{QUEUE}")
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
