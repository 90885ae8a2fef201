"""Dashboard benchmark (a script, not a test): seed two years for 500 clients, time the pages.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase \
        .venv/bin/python bench/dashboard_bench.py [--clients 500] [--days 730] [--runs 40] [--keep]

Creates its own database (BENCH_DATABASE_NAME, default securebase_bench) next to the one in
DATABASE_URL, migrates it, seeds with bulk_create (an ECR-R every 4 weeks, about one diary
entry a day, half of them shared, 3 goals with check-ins and GAS reviews), then prints p50/p95
server time and SQL query counts for:

- the caseload page of a therapist with 40 clients, and of one with the other 460 (and,
  after reassigning, with all 500);
- a client progress page (2 years of data, default 16-week window);
- a diary quick-entry submission (POST);
- next to the floor: one hand-written SQL query computing the same caseload figures.

"Server time" is the time from handing the request to Django (in-process test client, so no
network or browser) to the complete response. Drops the database at the end unless --keep.
Targets: caseload p95 ≤ 150 ms and ≤ 3× the floor; client page p95 ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR_SQL = """
WITH c AS (
    SELECT id, display_name, practice_id FROM clients_client
    WHERE practice_id = %(practice)s AND therapist_id = %(therapist)s AND status = 'active'
)
SELECT c.id, c.display_name,
       cur.submitted_at, cur.anxiety, cur.avoidance, cur.corner,
       base.anxiety, base.avoidance,
       (SELECT min(r.due_date) FROM assessments_assessmentrequest r
         WHERE r.client_id = c.id AND r.status = 'open') AS next_due,
       (SELECT min(nxt) FROM (
          SELECT CASE WHEN sc.start_date >= a.after THEN sc.start_date
                      ELSE sc.start_date + sc.interval_weeks * 7
                           * ceil((a.after - sc.start_date) / (sc.interval_weeks * 7.0))::int END AS nxt,
                 sc.end_date
            FROM assessments_assessmentschedule sc
            -- the next occurrence comes after the latest one already requested (maybe submitted)
            CROSS JOIN LATERAL (SELECT GREATEST(%(today)s::date, (SELECT max(r.due_date) + 1
                                  FROM assessments_assessmentrequest r WHERE r.schedule_id = sc.id)) AS after) a
           WHERE sc.client_id = c.id AND sc.cancelled_at IS NULL AND sc.interval_weeks IS NOT NULL) n
         WHERE n.end_date IS NULL OR n.nxt <= n.end_date) AS next_scheduled,
       (SELECT count(*) FROM diary_diaryentry e
         WHERE e.client_id = c.id AND e.shared AND e.occurred_at >= %(since)s) AS diary_7d,
       (SELECT max(e.occurred_at) FROM diary_diaryentry e
         WHERE e.client_id = c.id AND e.shared) AS last_shared,
       EXISTS (SELECT 1 FROM diary_diaryentry e WHERE e.client_id = c.id AND e.shared
               AND e.occurred_at >= %(since)s AND e.felt_safety <= 2) AS low_safety,
       (SELECT count(*) FROM safety_alert a
         WHERE a.client_id = c.id AND a.status = 'open'
           AND (a.kind NOT IN ('shared_low_safety', 'shared_alarming')
                OR EXISTS (SELECT 1 FROM diary_diaryentry d WHERE d.id = a.entry_id AND d.shared))
           AND (a.kind <> 'private_distress'
                OR EXISTS (SELECT 1 FROM safety_clientsafetysettings ss
                           WHERE ss.client_id = c.id AND ss.tell_therapist_private_distress))) AS open_alerts,
       (SELECT count(*) FROM goals_checkin g
         WHERE g.client_id = c.id AND g.date BETWEEN %(from_day)s AND %(today)s
           AND g.outcome IN ('done', 'partly')) AS attempts_7d,
       rs.anxiety_sd, rs.anxiety_r, rs.avoidance_sd, rs.avoidance_r
FROM c
LEFT JOIN LATERAL (
    SELECT submitted_at, anxiety, avoidance, corner FROM assessments_score s
    WHERE s.client_id = c.id AND s.instrument = 'ecr-r' AND s.target = ''
    ORDER BY submitted_at DESC, id DESC LIMIT 1) cur ON true
LEFT JOIN LATERAL (
    SELECT anxiety, avoidance FROM assessments_score s
    WHERE s.client_id = c.id AND s.instrument = 'ecr-r' AND s.target = ''
    ORDER BY submitted_at, id LIMIT 1) base ON true
LEFT JOIN assessments_reliabilitysetting rs ON rs.practice_id = c.practice_id AND rs.instrument = 'ecr-r'
ORDER BY c.display_name, c.id
"""


def bench_url(base: str, name: str) -> tuple[str, str]:
    parts = urlparse(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL")
    return urlunparse(parts._replace(path=f"/{name}")), urlunparse(parts._replace(path="/postgres"))


def recreate_database(admin_url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered), p95


class QueryCounter:
    """Counts SQL statements through a database execute wrapper (no debug cursor needed)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(send) -> tuple[object, int]:
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = send()
    return response, counter.count


def time_call(fn, runs: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def time_get(http, url: str, runs: int, warmup: int = 3) -> tuple[list[float], int, str]:
    """Wall-clock samples, the query count and a note with the size and the median CPU time
    of the Django process (which excludes PostgreSQL's work and time spent waiting for a
    core: on a shared, overloaded machine it shows what the code itself costs)."""
    for _ in range(warmup):
        http.get(url)
    response, queries = count_queries(lambda: http.get(url))
    assert response.status_code == 200, (url, response.status_code)
    samples, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        response = http.get(url)
        response.content  # noqa: B018 - rendering is part of the time
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    note = f"({len(response.content) // 1024} KiB; Django process CPU p50 {statistics.median(cpu):.1f} ms)"
    return samples, queries, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time an already seeded, kept database (implies --keep)")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/securebase")
    name = os.environ.get("BENCH_DATABASE_NAME", "securebase_bench")
    url, admin_url = bench_url(base, name)
    if args.reuse:
        args.keep = True
    else:
        recreate_database(admin_url, name)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    os.environ["DEBUG"] = "false"

    import django

    django.setup()
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate_database(admin_url, name, drop_only=True)


def seed(args):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Role, User
    from clients.models import Client, TherapistAssignment
    from tests import seeding
    from tests.factories import make_practice, make_user

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - t0:.1f} s")
    practice = make_practice("Bench practice")
    small = make_user(practice, Role.THERAPIST, name="Therapist 40")
    big = make_user(practice, Role.THERAPIST, name="Therapist rest")
    t0 = time.perf_counter()
    users = User.objects.bulk_create(
        [
            User(email=f"bench-client-{i}@example.test", name=f"Client {i:03d}", practice=practice, role=Role.CLIENT)
            for i in range(args.clients)
        ]
    )
    clients = Client.objects.bulk_create(
        [
            Client(
                practice=practice,
                user=u,
                display_name=u.name,
                therapist=small if i < 40 else big,
                start_date=timezone.localdate() - dt.timedelta(days=args.days),
            )
            for i, u in enumerate(users)
        ]
    )
    TherapistAssignment.objects.bulk_create(
        [TherapistAssignment(client=c, therapist_id=c.therapist_id) for c in clients]
    )
    counts = seeding.seed_history(clients, days=args.days)
    # Every 7th client has an open (some overdue) questionnaire request.
    today = timezone.localdate()
    for c in clients[::7]:
        seeding.add_open_request(c, today - dt.timedelta(days=c.pk % 25))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"seeded {args.clients} clients over {args.days} days in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return practice, small, big, clients


def run(args) -> None:
    from django.db import connection
    from django.test import Client as HttpClient
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import Practice, User
    from clients.models import Client
    from dashboard import selectors

    if args.reuse:
        practice = Practice.objects.get(name="Bench practice")
        small = User.objects.get(practice=practice, name="Therapist 40")
        big = User.objects.get(practice=practice, name="Therapist rest")
        clients = list(Client.objects.filter(practice=practice).select_related("user").order_by("pk"))
        args.clients = len(clients)
        print(f"reusing the seeded database: {len(clients)} clients")
    else:
        practice, small, big, clients = seed(args)
    today = timezone.localdate()

    results = []

    def report(label: str, samples: list[float], queries: int | str, extra: str = "") -> None:
        p50, p95 = percentiles(samples)
        results.append((label, p50, p95, queries))
        print(f"{label:<48} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   queries {queries!s:>3}  {extra}")

    def floor(therapist) -> list[float]:
        now = timezone.now()
        params = {
            "practice": practice.pk,
            "therapist": therapist.pk,
            "since": now - dt.timedelta(days=7),
            "from_day": today - dt.timedelta(days=6),
            "today": today,
        }
        samples = []
        with connection.cursor() as cursor:
            for i in range(args.runs + 3):
                start = time.perf_counter()
                cursor.execute(FLOOR_SQL, params)
                rows = cursor.fetchall()
                if i >= 3:
                    samples.append((time.perf_counter() - start) * 1000)
        assert rows
        check_floor_agrees(therapist, rows, now)
        return samples

    def check_floor_agrees(therapist, rows, now) -> None:
        """The floor must compute what the page shows, or comparing their times means nothing."""
        page = {r.client.pk: r for r in selectors.caseload(therapist, now=now, today=today)}
        assert set(page) == {row[0] for row in rows}, "floor and page list different clients"
        for row in rows:
            r = page[row[0]]
            floor_due = row[8] or row[9]
            assert (r.anxiety, r.avoidance, r.next_due) == (row[3], row[4], floor_due), (row, r)
            assert (r.diary_recent, r.last_shared_at, r.low_safety) == (row[10], row[11], row[12]), (row, r)
            assert (r.open_alerts, r.attempts_recent) == (row[13], row[14]), (row, r)

    def bare_page_url() -> str:
        """A login-required view that renders the base layout and no data: what every page costs."""
        from django.shortcuts import render
        from django.urls import clear_url_caches, path

        import config.urls

        config.urls.urlpatterns.append(path("bench-bare/", lambda request: render(request, "base.html")))
        clear_url_caches()
        return "/bench-bare/"

    print(f"\n{args.runs} timed runs each (after warm-up); 2 shared CPU cores, other work running alongside\n")
    therapist_http = HttpClient()
    therapist_http.force_login(small)
    samples, queries, size = time_get(therapist_http, bare_page_url(), args.runs)
    report("reference: bare logged-in page (layout, no data)", samples, queries, size)
    samples, queries, size = time_get(therapist_http, reverse("dashboard:caseload"), args.runs)
    report("caseload page, 40 clients", samples, queries, size)
    report("  floor: one hand-written SQL query, 40 clients", floor(small), 1)
    report("  data only: dashboard.selectors.caseload, 40", time_call(lambda: selectors.caseload(small), args.runs), 1)

    big_http = HttpClient()
    big_http.force_login(big)
    n_big = args.clients - 40
    samples, queries, size = time_get(big_http, reverse("dashboard:caseload"), max(10, args.runs // 2))
    report(f"caseload page, {n_big} clients", samples, queries, size)
    report(f"  floor: one hand-written SQL query, {n_big} clients", floor(big), 1)
    report(
        f"  data only: dashboard.selectors.caseload, {n_big}", time_call(lambda: selectors.caseload(big), args.runs), 1
    )

    Client.objects.filter(practice=practice).update(therapist=big)
    samples, queries, size = time_get(big_http, reverse("dashboard:caseload"), max(10, args.runs // 2))
    report(f"caseload page, all {args.clients} clients", samples, queries, size)
    report(f"  floor: one hand-written SQL query, {args.clients} clients", floor(big), 1)
    Client.objects.filter(pk__in=[c.pk for c in clients[:40]]).update(therapist=small)

    client = clients[0]
    samples, queries, size = time_get(therapist_http, reverse("dashboard:client_progress", args=[client.pk]), args.runs)
    report("client progress page (2 years, 16-week window)", samples, queries, size)
    samples, queries, size = time_get(
        therapist_http, reverse("dashboard:client_progress", args=[client.pk]) + "?weeks=52", args.runs
    )
    report("client progress page (52-week window)", samples, queries, size)

    client_http = HttpClient()
    client_http.force_login(client.user)
    url = reverse("diary:quick_entry")

    def post_entry():
        return client_http.post(
            url,
            {
                "idempotency_key": str(uuid.uuid4()),
                "emotion": "sad",
                "intensity": "6",
                "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "felt_safety": "5",
            },
        )

    for _ in range(3):
        post_entry()
    response, post_queries = count_queries(post_entry)
    assert response.status_code in (200, 302, 303), response.status_code
    samples = []
    for _ in range(args.runs):
        start = time.perf_counter()
        post_entry()
        samples.append((time.perf_counter() - start) * 1000)
    report("diary quick-entry submission (POST)", samples, post_queries, f"(status {response.status_code})")

    by_label = {label: (p50, p95) for label, p50, p95, _ in results}
    print("\ntargets:")
    for label, floor_label in (
        ("caseload page, 40 clients", "  floor: one hand-written SQL query, 40 clients"),
        (f"caseload page, {n_big} clients", f"  floor: one hand-written SQL query, {n_big} clients"),
        (f"caseload page, all {args.clients} clients", f"  floor: one hand-written SQL query, {args.clients} clients"),
    ):
        p95, floor95 = by_label[label][1], by_label[floor_label][1]
        print(
            f"  {label}: p95 {p95:.1f} ms (target ≤ 150: {'met' if p95 <= 150 else 'MISSED'}); "
            f"{p95 / floor95:.1f}× the floor's p95 {floor95:.1f} ms (target ≤ 3×: "
            f"{'met' if p95 <= 3 * floor95 else 'MISSED'})"
        )
    p95 = by_label["client progress page (2 years, 16-week window)"][1]
    print(f"  client progress page: p95 {p95:.1f} ms (target ≤ 200: {'met' if p95 <= 200 else 'MISSED'})")


if __name__ == "__main__":
    main()
