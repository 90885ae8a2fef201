"""Run as a script against a file SQLite database: clients tapping answers concurrently.

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/infra/sqlite_autosave_probe.py
Prints one JSON line: how many answer posts each status code got. Separate from the test
process because the test database is in memory, where SQLite never locks.
"""

import json
import os
import sys
import threading
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client as Browser  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Role  # noqa: E402
from assessments import services  # noqa: E402
from assessments.models import AssessmentRequest  # noqa: E402
from tests.factories import make_client, make_practice, make_user  # noqa: E402

CLIENTS = int(os.environ.get("PROBE_CLIENTS", "6"))
TAPS = int(os.environ.get("PROBE_TAPS", "15"))


def setup() -> list[tuple]:
    call_command("migrate", verbosity=0)
    practice = make_practice()
    therapist = make_user(practice, Role.THERAPIST)
    people = []
    for _ in range(CLIENTS):
        client = make_client(practice, therapist)
        schedule = services.create_schedule(
            client, instrument="ecr-r", start_date=timezone.localdate(), interval_weeks=4, created_by=therapist
        )
        services.ensure_requests(schedule, timezone.localdate())
        req = AssessmentRequest.objects.get(schedule=schedule, target="")
        people.append((client.user, req.pk))
    return people


def tap(user, request_pk: int, codes: Counter, barrier: threading.Barrier) -> None:
    browser = Browser(raise_request_exception=False)
    browser.force_login(user)
    barrier.wait()
    try:
        for item in range(1, TAPS + 1):
            response = browser.post(f"/assessments/requests/{request_pk}/answer/", {"item": item, "answer": 4})
            codes[response.status_code] += 1
    finally:
        connection.close()


def main() -> None:
    people = setup()
    connection.close()
    codes: Counter = Counter()
    barrier = threading.Barrier(len(people))
    threads = [threading.Thread(target=tap, args=(user, pk, codes, barrier)) for user, pk in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({str(code): count for code, count in sorted(codes.items())}))


if __name__ == "__main__":
    main()
