"""Benchmark (not a test): "log out everywhere" with many other people's sessions in the table.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase \\
    .venv/bin/python bench/session_logout.py [--rows 100000] [--runs 5] [--keepdb]

Uses its own database (bench_sb_sessions, created and migrated like a test database). Puts
--rows open sessions of 1,000 other users, plus three of the person logging out, both in
Django's own table (django_session) and in ours (audit_session, with the indexed user id).
"before" is the previous code: decode every open session row and compare the user id.
"after" is accounts.services.end_all_sessions: one DELETE on the indexed column.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TEST_DATABASE_NAME"] = "bench_sb_sessions"

import django  # noqa: E402

django.setup()

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore  # noqa: E402
from django.contrib.sessions.models import Session as LegacySession  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

OTHER_USERS = 1000


def _rows(model, count: int, user_ids, expire):
    encoder = DatabaseSessionStore()
    rows = []
    for i in range(count):
        user_id = user_ids[i % len(user_ids)]
        data = encoder.encode({"_auth_user_id": str(user_id), "_auth_user_backend": "x", "_auth_user_hash": "h" * 64})
        row = model(session_key=get_random_string(32), session_data=data, expire_date=expire)
        if hasattr(row, "user_id"):
            row.user_id = user_id
        rows.append(row)
    return rows


def seed(rows: int) -> None:
    from audit.models import Session

    expire = timezone.now() + timedelta(days=1)
    for model in (LegacySession, Session):
        batch = 10000
        for start in range(0, rows, batch):
            others = list(range(1000000, 1000000 + OTHER_USERS))
            model.objects.bulk_create(_rows(model, min(batch, rows - start), others, expire))


def before(user_id: int) -> int:
    """The previous accounts.services.end_all_sessions, on Django's own table."""
    ended = 0
    store = DatabaseSessionStore
    for session in LegacySession.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = store().decode(session.session_data)
        if str(data.get("_auth_user_id")) == str(user_id):
            session.delete()
            ended += 1
    return ended


def timed(label: str, runs: int, user, prepare, action) -> None:
    times = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        ended = action()
        times.append(time.perf_counter() - started)
        assert ended >= 3, (label, ended)
    print(f"{label:<44} median {statistics.median(times) * 1000:9.1f} ms   min {min(times) * 1000:9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keepdb", action="store_true")
    args = parser.parse_args()
    print(f"database vendor: {connection.vendor}")
    connection.creation.create_test_db(verbosity=0, autoclobber=not args.keepdb, keepdb=args.keepdb)
    try:
        from accounts.models import User
        from accounts.services import end_all_sessions
        from audit.models import Session

        user = User.objects.create_user(email=f"bench-{time.time()}@example.test", password=None)
        if not Session.objects.exists():
            started = time.perf_counter()
            seed(args.rows)
            print(f"seeded {args.rows} sessions in each table in {time.perf_counter() - started:.1f} s")
        print(f"rows: django_session {LegacySession.objects.count()}, audit_session {Session.objects.count()}")
        expire = timezone.now() + timedelta(days=1)

        timed(
            "before: decode every session (django_session)",
            args.runs,
            user,
            lambda: LegacySession.objects.bulk_create(_rows(LegacySession, 3, [user.pk], expire)),
            lambda: before(user.pk),
        )
        timed(
            "after: DELETE by indexed user_id (audit_session)",
            args.runs,
            user,
            lambda: Session.objects.bulk_create(_rows(Session, 3, [user.pk], expire)),
            lambda: end_all_sessions(user),
        )
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
