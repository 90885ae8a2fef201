"""HTTP benchmark (a script, not a test): gunicorn as deployed, driven by wrk over loopback.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase \
        .venv/bin/python bench/http_bench.py [--clients 500] [--days 730] [--big 10000]
            [--seconds 8] [--connections 1,8,32] [--only home,diary] [--reuse] [--keep] [--as-app-role]

Seeds its own PostgreSQL database (BENCH_DATABASE_NAME, default securebase_http): the
dashboard bench's practice (500 clients with two years of scores, diary entries, goals and
check-ins; a therapist with 40 of them and one with the rest) and a large practice of
10,000 clients and 200 therapists for the admin pages. Starts gunicorn as the image does
(gthread, 2 workers x 4 threads) on bench/http_bench_wsgi.py and drives each page with
Debian's `wrk` (Lua scripts in bench/wrk/ carry the session cookies, the CSRF token and a
fresh idempotency key per diary POST) at 1, 8 and 32 connections. Prints, per page and
connection count: requests/s, p50/p95/p99, errors, and the CPU one request costs (gunicorn
workers + the PostgreSQL backends of the bench database, from /proc) next to the anonymous
login page and the bare logged-in page. After the diary load it checks the stored rows:
every accepted entry stored exactly once, each with its emotion. The machine's load average
is printed with every figure: on a shared machine the rates say as much about the neighbours.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import http_tools as tools  # noqa: E402
from bench.dashboard_bench import bench_url, recreate_database  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8731"))  # a second run beside the first needs its own
ROTATE = 64  # clients whose sessions share the client pages and the diary load
SECRET_KEY = "http-bench-" + "k" * 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--big", type=int, default=10_000, help="clients of the large practice (admin pages)")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", default="1,8,32")
    parser.add_argument("--only", default="", help="comma-separated page names (see PAGES)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="use a kept, seeded database (implies --keep)")
    parser.add_argument(
        "--as-app-role",
        action="store_true",
        help="serve as the row-security app role, as production does (the owner bypasses the policies)",
    )
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/securebase")
    name = os.environ.get("BENCH_DATABASE_NAME", "securebase_http")
    url, admin_url = bench_url(base, name)
    args.keep = args.keep or args.reuse
    if not args.reuse:
        recreate_database(admin_url, name)
    env = server_env(url)
    os.environ.update(env)
    import django

    django.setup()
    try:
        if args.reuse:  # the code may have new migrations since the database was seeded
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
        world = find_world() if args.reuse else seed(args)
        if args.as_app_role:
            env = {**env, "DATABASE_URL": app_role_url(url)}
        print(f"serving as {'the app role (row-level security applies)' if args.as_app_role else 'the owner'}")
        run(args, world, env, admin_url, name)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate_database(admin_url, name, drop_only=True)


def app_role_url(url: str) -> str:
    """The bench database's URL for the app role, created (or brought in line) for it first."""
    from urllib.parse import urlsplit, urlunsplit

    from django.core.management import call_command

    from rowsecurity.policies import app_role

    os.environ.setdefault("DATABASE_APP_PASSWORD", "securebase_app")
    call_command("create_app_role", verbosity=0)
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{app_role()}:{os.environ['DATABASE_APP_PASSWORD']}@{host}"))


def server_env(url: str) -> dict:
    return {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        # Sessions made at the start must outlive a long run.
        "SESSION_IDLE_MINUTES_STAFF": "240",
        "SESSION_IDLE_MINUTES_CLIENT": "240",
    }


def seed(args) -> SimpleNamespace:
    from accounts.models import Role, User
    from bench.dashboard_bench import seed as seed_history
    from clients.models import Client
    from tests.factories import make_practice, make_user

    practice, small, big, clients = seed_history(SimpleNamespace(clients=args.clients, days=args.days))
    make_user(practice, Role.ADMIN, name="Bench admin")
    t0 = time.perf_counter()
    large = make_practice("Large practice")
    make_user(large, Role.ADMIN, name="Large admin")
    therapists = User.objects.bulk_create(
        User(email=f"large-t{i}@example.test", name=f"Therapist {i:03d}", practice=large, role=Role.THERAPIST)
        for i in range(200)
    )
    for start in range(0, args.big, 2000):
        users = User.objects.bulk_create(
            User(email=f"large-c{i}@example.test", name=f"Client {i:05d}", practice=large, role=Role.CLIENT)
            for i in range(start, min(args.big, start + 2000))
        )
        Client.objects.bulk_create(
            Client(practice=large, user=u, display_name=u.name, therapist=therapists[i % 200])
            for i, u in enumerate(users)
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"large practice: {args.big} clients, 200 therapists in {time.perf_counter() - t0:.1f} s")
    return find_world()


def find_world() -> SimpleNamespace:
    from accounts.models import Practice, Role, User
    from clients.models import Client

    practice = Practice.objects.get(name="Bench practice")
    large = Practice.objects.get(name="Large practice")
    small = User.objects.get(practice=practice, name="Therapist 40")
    return SimpleNamespace(
        small=small,
        big=User.objects.get(practice=practice, name="Therapist rest"),
        admin=User.objects.get(practice=practice, role=Role.ADMIN),
        large_admin=User.objects.get(practice=large, role=Role.ADMIN),
        clients=list(Client.objects.filter(practice=practice).select_related("user").order_by("pk")[:ROTATE]),
        small_clients=list(Client.objects.filter(therapist=small).order_by("pk")),
        n_big=Client.objects.filter(practice=practice).exclude(therapist=small).count(),
        n_large=Client.objects.filter(practice=large).count(),
    )


def pages(world) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """name -> (label, [(path, cookie), ...]); the diary POST is handled apart."""
    cookie = tools.session_cookie
    client_cookies = [cookie(c.user) for c in world.clients]
    therapist = cookie(world.small)
    return {
        "login": ("login page (anonymous GET)", [("/accounts/login/", "")]),
        "bare": ("bare logged-in page (layout, no data)", [("/bench-bare/", c) for c in client_cookies]),
        "home": ("client home (2 years of history)", [("/me/", c) for c in client_cookies]),
        "caseload40": ("caseload, 40 clients", [("/dashboard/", therapist)]),
        "caseload": (f"caseload, {world.n_big} clients", [("/dashboard/", cookie(world.big))]),
        "progress": (
            "client progress (2 years, 16 weeks)",
            [(f"/dashboard/clients/{c.pk}/", therapist) for c in world.small_clients],
        ),
        "people500": ("admin People, 500 clients", [("/practice/people/", cookie(world.admin))]),
        "people10k": (f"admin People, {world.n_large} clients", [("/practice/people/", cookie(world.large_admin))]),
        "clients10k": (
            f"admin client list, {world.n_large} clients",
            [(f"/practice/clients/?page={p}", cookie(world.large_admin)) for p in (1, 7, 50, 199)],
        ),
        "search10k": (
            f"admin client search, {world.n_large} clients",
            [(f"/practice/clients/?q=client+0{n:02d}", cookie(world.large_admin)) for n in range(0, 100, 7)],
        ),
    }


def diary_data(world) -> dict:
    from django.utils import timezone

    csrf = tools.csrf_secret()
    return {
        "nonce": uuid.uuid4().int & 0xFFFFFFFF,
        "cookies": [f"{tools.session_cookie(c.user)}; csrftoken={csrf}" for c in world.clients],
        "csrf": csrf,
        "path": "/diary/quick/",
        "occurred_at": (timezone.localtime() - timezone.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
    }


def run(args, world, env, admin_url, database) -> None:
    table = pages(world)
    only = [x for x in args.only.split(",") if x]
    names = [n for n in [*table, "diary"] if not only or n in only or n in ("login", "bare")]
    levels = [int(x) for x in args.connections.split(",")]
    server = tools.start_gunicorn(env, PORT, log=Path(f"/tmp/http_bench_gunicorn_{PORT}.log"))
    meter = tools.CpuMeter([server.pid], admin_url, database)
    results, checks = {}, []
    try:
        for name in names:
            if name == "diary":
                continue
            label, requests = table[name]
            tools.check_status(PORT, requests[0][0], requests[0][1])
            for level in levels:
                data = {"requests": [list(pair) for pair in requests]}
                results[(name, level)] = measure(meter, "get.lua", data, level, args.seconds)
                show(label, level, results[(name, level)])
        if "diary" in names:
            for level in levels:
                data = diary_data(world)
                result = measure(meter, "post_diary.lua", data, level, args.seconds)
                results[("diary", level)] = result
                show("diary quick entry (POST)", level, result)
                checks.append((level, tools.check_diary_rows(data["nonce"], result)))
    finally:
        tools.stop(server)
    summary(table, results, checks, levels)


def measure(meter, script: str, data: dict, level: int, seconds: int) -> dict:
    tools.run_wrk(script, PORT, data, connections=level, seconds=1)  # warm the connections and caches
    before = meter.snapshot()
    result = tools.run_wrk(script, PORT, data, connections=level, seconds=seconds)
    cpu = meter.spent(before, meter.snapshot())
    result["cpu_ms"] = 1000 * cpu / max(1, result["requests"])
    result["rate"] = result["requests"] / result["seconds"]
    result["load"] = tools.load()
    return result


def show(label: str, level: int, r: dict) -> None:
    failed = r["bad"] + r["errors"] + r["timeouts"]
    print(
        f"{label:<40} c={level:<3} {r['rate']:7.1f} req/s  p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  "
        f"p99 {r['p99']:6.1f} ms  CPU {r['cpu_ms']:5.1f} ms/req  failed {failed}  ({r['load']})",
        flush=True,
    )


def summary(table, results, checks, levels) -> None:
    level = 8 if 8 in levels else levels[-1]
    login, bare = results[("login", level)]["cpu_ms"], results[("bare", level)]["cpu_ms"]
    print(f"\nCPU per request at {level} connections (gunicorn workers + PostgreSQL backends), side by side:")
    for (name, lvl), r in results.items():
        if lvl == level:
            label = "diary quick entry (POST)" if name == "diary" else table[name][0]
            ms = r["cpu_ms"]
            print(f"  {label:<40} {ms:6.1f} ms  {ms / login:4.1f}x login  {ms / bare:4.1f}x bare")
    for lvl, check in checks:
        print(f"\ndiary rows after the c={lvl} load: " + ", ".join(f"{k} {v}" for k, v in check.items()))
    print("\ntargets (2 shared cores; see the load averages above):")

    def target(text: str, met: bool) -> None:
        print(f"  {text}: {'met' if met else 'MISSED'}")

    if ("diary", 8) in results:
        d = results[("diary", 8)]
        text = f"diary >= 200/s at c=8 ({d['rate']:.0f}/s, p99 {d['p99']:.0f} ms < 250)"
        target(text, d["rate"] >= 200 and d["p99"] < 250)
        target("every accepted entry stored exactly once", all(c["ok"] for _, c in checks))
    if ("home", 8) in results:
        h = results[("home", 8)]
        text = f"client home >= 150/s at c=8 ({h['rate']:.0f}/s, p99 {h['p99']:.0f} ms < 250)"
        target(text, h["rate"] >= 150 and h["p99"] < 250)
    for name in ("caseload", "progress"):
        if (name, 1) in results:
            r = results[(name, 1)]
            target(f"{table[name][0]}: p95 {r['p95']:.0f} ms at c=1 <= 150", r["p95"] <= 150)
    for (name, lvl), r in results.items():
        if lvl == level and name not in ("login", "bare"):
            label = "diary quick entry (POST)" if name == "diary" else table[name][0]
            target(f"{label}: {r['cpu_ms'] / bare:.1f}x the bare page's CPU <= 2", r["cpu_ms"] <= 2 * bare)
    failed = sum(r["bad"] + r["errors"] + r["timeouts"] for r in results.values())
    target(f"no failed requests ({failed})", failed == 0)


if __name__ == "__main__":
    main()
