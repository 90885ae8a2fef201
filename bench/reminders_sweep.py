"""Benchmark (not a test): the reminder sweep's time and query count at 1k / 10k / 100k clients.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/reminders_sweep.py [--enqueue] [--keepdb]

Uses its own database (bench_sb_reminders, created and migrated like a test database), seeds
clients with a diary reminder with bulk_create, and runs `sweep(now)` for one minute's slot.
Clients are spread over five timezones (three UTC offsets) and over the local minutes 19:30–20:29,
so about 1/60 of them are due in any minute; `--same-minute` puts everybody at 20:00 instead.
The sweep's dispatch only counts ids unless --enqueue is given, which publishes the send tasks
to a throwaway Redis queue and reports that time separately. Target: under 30 s, and a query
count that does not grow with the number of clients.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TEST_DATABASE_NAME"] = "bench_sb_reminders"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ZONES = [  # (zone, share): Amsterdam and Brussels share an offset, so they share one condition
    ("Europe/Amsterdam", 0.70),
    ("Europe/Brussels", 0.10),
    ("Europe/London", 0.05),
    ("America/New_York", 0.10),
    ("Asia/Tokyo", 0.05),
]
SLOT = datetime(2026, 6, 10, 18, 0, tzinfo=UTC)  # 20:00 in Amsterdam (summer time)


def seed(start: int, stop: int, practice, therapist, same_minute: bool) -> None:
    from accounts.models import Role, User
    from clients.models import Client
    from reminders.models import Channel, Kind, ReminderPreference

    batch = 5000
    for lo in range(start, stop, batch):
        hi = min(stop, lo + batch)
        zones = []
        for i in range(lo, hi):
            point, acc = (i * 0.6180339887) % 1, 0.0
            for zone, share in ZONES:  # noqa: B007 - the zone the loop stops at is used
                acc += share
                if point < acc:
                    break
            zones.append(zone)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench{i}@example.test",
                    name=f"Client {i}",
                    practice=practice,
                    role=Role.CLIENT,
                    password="!",
                    timezone=zones[i - lo],
                )
                for i in range(lo, hi)
            ]
        )
        Client.objects.bulk_create(
            [Client(practice=practice, user=u, display_name=u.name, therapist=therapist) for u in users]
        )
        prefs = []
        for offset, user in enumerate(users):
            minute = 0 if same_minute else (lo + offset) % 60
            local = dtime(19, 30) if not same_minute else dtime(20, 0)
            local = dtime(19 + (30 + minute) // 60, (30 + minute) % 60) if not same_minute else local
            prefs.append(ReminderPreference(user=user, kind=Kind.DIARY, local_time=local, channel=Channel.BOTH))
        ReminderPreference.objects.bulk_create(prefs)


def measure(label: str, enqueue: bool, verbose: bool = False) -> None:
    from reminders.models import ReminderOccurrence
    from reminders.services import sweep

    ReminderOccurrence.objects.all().delete()
    # Steady state: the minutes before this one were swept already (the sweep catches up a few).
    for back in range(4, 0, -1):
        sweep(SLOT - timedelta(minutes=back), dispatch=lambda ids: None)
    ids: list[int] = []
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        result = sweep(SLOT, dispatch=ids.extend)
        elapsed = time.perf_counter() - started
    line = (
        f"{label:>26}: sweep {elapsed:6.2f} s, {len(ctx.captured_queries):3d} queries, "
        f"{result.created:6d} occurrences created, {len(ids):6d} handed to dispatch"
    )
    if enqueue and ids:
        line += f"; handing them to Redis {publish(ids):.2f} s"
    print(line, flush=True)
    if verbose:
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:4]:
            print(f"{'':>28}{float(q['time']):6.2f} s  {q['sql'][:110]}")


def publish(ids: list[int]) -> float:
    from config.celery import app
    from reminders.tasks import enqueue_sends

    queue = "bench-reminders-throwaway"
    app.conf.task_default_queue = queue
    app.conf.task_always_eager = False
    started = time.perf_counter()
    enqueue_sends(ids)
    elapsed = time.perf_counter() - started
    with app.connection_for_write() as conn:
        conn.default_channel.client.delete(queue, f"_kombu.binding.{queue}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--same-minute", action="store_true", help="everybody due at 20:00 local")
    parser.add_argument("--enqueue", action="store_true", help="also publish the send tasks to Redis")
    parser.add_argument("--keepdb", action="store_true")
    parser.add_argument("--slowest", action="store_true", help="show the slowest queries of each sweep")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to PostgreSQL.")

    from accounts.models import Practice, Role, User

    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    print(f"database {connection.settings_dict['NAME']} ready in {time.perf_counter() - started:.1f} s")
    try:
        practice = Practice.objects.create(name="Bench", slug=f"bench-{int(time.time())}")
        therapist = User.objects.create(
            email=f"bench-therapist-{practice.pk}@example.test", practice=practice, role=Role.THERAPIST
        )
        seeded = 0
        for size in (int(s) for s in args.sizes.split(",")):
            t0 = time.perf_counter()
            seed(seeded, size, practice, therapist, args.same_minute)
            print(f"seeded {size - seeded} clients in {time.perf_counter() - t0:.1f} s", flush=True)
            seeded = size
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            measure(f"{size:,} clients", args.enqueue, args.slowest)
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
