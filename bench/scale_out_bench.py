"""Scale-out benchmark (a script, not a test): the large-organisation shape on one machine.

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/scale_out_bench.py [--clients 100000] [--seconds 150] [--connections 8]

One PostgreSQL; PgBouncer (Debian's) in front of it in transaction pooling; two gunicorn
instances (gthread, 2 x 4 each) and two Celery workers plus TWO beat processes (beat doubled
on purpose), all connected through PgBouncer as a row-level-security app role (no owner, no
BYPASSRLS; timeouts set on the role, since PgBouncer refuses startup options). The database
(BENCH_DATABASE_NAME, default securebase_scale) holds 10 practices of 10,000 clients, each
with a daily diary reminder at a local time in the next two hours, so every minute's sweep
looks at 100,000 preferences and finds about 800 due. While the sweeps run, wrk posts quick
diary entries to both web instances. Afterwards it checks: every accepted diary entry stored
exactly once; no reminder occurrence or delivery twice; one email per delivery marked sent;
and prints the rates, the reminders' delay after their minute, PgBouncer's pools and the
machine's load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import http_tools as tools  # noqa: E402
from bench.dashboard_bench import bench_url, recreate_database  # noqa: E402

APP_ROLE, APP_PASSWORD = "securebase_bench_app", "bench-app-password"
BOUNCER_PORT, WEB_PORTS = 6439, (8781, 8782)  # clear of http_bench runs (8731 and BENCH_PORT)
PRACTICES = 10
ROLE_TIMEOUTS = {
    "statement_timeout": "20s",
    "lock_timeout": "10s",
    "idle_in_transaction_session_timeout": "60s",
    "jit": "off",  # as create_app_role sets it: row security pushes plans past jit_above_cost
    "max_parallel_workers_per_gather": "0",  # as create_app_role sets it
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=150, help="diary load duration")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections per web instance")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/securebase")
    name = os.environ.get("BENCH_DATABASE_NAME", "securebase_scale")
    owner_url, admin_url = bench_url(base, name)
    recreate_database(admin_url, name)
    create_app_role(admin_url, name)
    work = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    env = app_env(name, work)
    os.environ.update({**env, "DATABASE_URL": owner_url, "DATABASE_POOLING": ""})
    import django

    django.setup()
    processes = []
    try:
        world = seed(args)
        bouncer = start_pgbouncer(work, name)
        processes.append(bouncer)
        run(args, world, env, work, processes, admin_url, name)
    finally:
        for process in reversed(processes):
            tools.stop(process)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate_database(admin_url, name, drop_only=True)
        print(f"logs and emails in {work}")


def create_app_role(admin_url: str, database: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (APP_ROLE,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(f"{verb} ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{APP_PASSWORD}'")
        for setting, value in ROLE_TIMEOUTS.items():
            conn.execute(f"ALTER ROLE {APP_ROLE} IN DATABASE \"{database}\" SET {setting} = '{value}'")


def app_env(database: str, work: Path) -> dict:
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    return {
        "DATABASE_URL": f"postgres://{APP_ROLE}:{APP_PASSWORD}@127.0.0.1:{BOUNCER_PORT}/{database}",
        "DATABASE_POOLING": "transaction",
        "DATABASE_APP_ROLE": APP_ROLE,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "scale-bench-" + "s" * 50,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": f"{redis}/9",
        "CACHE_URL": f"{redis}/10",
        "CELERY_TASK_DEFAULT_QUEUE": f"scale-bench-{uuid.uuid4().hex[:8]}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "SESSION_IDLE_MINUTES_CLIENT": "240",
    }


def seed(args) -> SimpleNamespace:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Practice, Role, User
    from clients.models import Client
    from reminders.models import Channel, Kind, ReminderPreference

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated (policies and grants for {APP_ROLE}) in {time.perf_counter() - t0:.1f} s", flush=True)
    t0 = time.perf_counter()
    now = timezone.localtime()
    first = (now + dt.timedelta(minutes=2)).replace(second=0, microsecond=0)
    per = args.clients // PRACTICES
    for p in range(PRACTICES):
        practice = Practice.objects.create(name=f"Scale practice {p}", slug=f"scale-{p}")
        therapist = User.objects.create(email=f"t{p}@scale.test", practice=practice, role=Role.THERAPIST)
        for lo in range(0, per, 5000):
            users = User.objects.bulk_create(
                User(email=f"c{p}-{i}@scale.test", name=f"Client {p}-{i}", practice=practice, role=Role.CLIENT)
                for i in range(lo, min(per, lo + 5000))
            )
            Client.objects.bulk_create(
                Client(practice=practice, user=u, display_name=u.name, therapist=therapist) for u in users
            )
            ReminderPreference.objects.bulk_create(
                ReminderPreference(
                    user=u,
                    kind=Kind.DIARY,
                    channel=Channel.BOTH,
                    local_time=(first + dt.timedelta(minutes=(lo + k) % 120)).time(),
                )
                for k, u in enumerate(users)
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {args.clients} clients in {PRACTICES} practices in {time.perf_counter() - t0:.1f} s", flush=True)
    writers = Client.objects.filter(practice__slug="scale-0").select_related("user").order_by("pk")[:64]
    return SimpleNamespace(writers=list(writers), first=first)


def start_pgbouncer(work: Path, database: str):
    (work / "userlist.txt").write_text(f'"{APP_ROLE}" "{APP_PASSWORD}"\n')
    ini = work / "pgbouncer.ini"
    ini.write_text(
        f"""[databases]
{database} = host=127.0.0.1 port=5432 dbname={database}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {BOUNCER_PORT}
unix_socket_dir =
auth_type = plain
auth_file = {work / "userlist.txt"}
admin_users = {APP_ROLE}
stats_users = {APP_ROLE}
pool_mode = transaction
max_client_conn = 500
default_pool_size = 16
reserve_pool_size = 4
server_lifetime = 3600
logfile = {work / "pgbouncer.log"}
"""
    )
    command = ["pgbouncer", str(ini)]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root: it drops to an unprivileged user
        import pwd

        user = pwd.getpwnam("postgres" if _user_exists("postgres") else "nobody")
        work.chmod(0o755)
        (work / "pgbouncer.log").touch()
        os.chown(work / "pgbouncer.log", user.pw_uid, user.pw_gid)
        command[1:1] = ["-u", user.pw_name]
    bouncer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    time.sleep(1.5)
    if bouncer.poll() is not None:
        sys.exit(f"pgbouncer exited: {(work / 'pgbouncer.log').read_text()[-2000:]}")
    return bouncer


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def start_workers(env: dict, work: Path) -> list:
    started = []
    for n in (1, 2):
        queue = env["CELERY_TASK_DEFAULT_QUEUE"]
        worker = ["celery", "-A", "config", "worker", "--concurrency=2", "-n", f"scale{n}@%h", "-Q", queue,
                  "--without-gossip", "--without-mingle", "--loglevel=INFO"]  # fmt: skip
        beat = ["celery", "-A", "config", "beat", "--loglevel=INFO", "--schedule", str(work / f"beat{n}")]
        for command, log in ((worker, f"worker{n}.log"), (beat, f"beat{n}.log")):
            out = open(work / log, "w")  # noqa: SIM115 - lives as long as the process
            started.append(
                subprocess.Popen(
                    [str(ROOT / ".venv/bin") + "/" + command[0], *command[1:]],
                    cwd=ROOT,
                    env={**os.environ, **env},
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
    return started


def run(args, world, env, work, processes, admin_url, database) -> None:
    from django.utils import timezone

    (work / "mail").mkdir()
    for port in WEB_PORTS:
        processes.append(tools.start_gunicorn(env, port, log=work / f"gunicorn{port}.log"))
    celery = start_workers(env, work)
    processes.extend(celery)
    print(f"2 web instances, 2 workers, 2 beats through PgBouncer :{BOUNCER_PORT} ({tools.load()})", flush=True)
    wait = (world.first - timezone.localtime()).total_seconds()
    if wait > 0:
        time.sleep(wait)
    started = timezone.now()
    loads, results = [], {}

    def sample_load():
        while len(results) < len(WEB_PORTS):
            loads.append(os.getloadavg()[0])
            time.sleep(5)

    def drive(port):
        results[port] = (
            (data := diary_data(world)),
            tools.run_wrk("post_diary.lua", port, data, connections=args.connections, seconds=args.seconds),
        )

    threads = [threading.Thread(target=drive, args=(port,)) for port in WEB_PORTS]
    threads.append(threading.Thread(target=sample_load, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads[:-1]:
        thread.join()
    ended = timezone.now()
    drain(ended)
    for process in celery:  # counts taken while workers still send would race them
        tools.stop(process)
    report(results, started, ended, loads, work)


def diary_data(world) -> dict:
    from django.utils import timezone

    csrf = tools.csrf_secret()
    return {
        "nonce": uuid.uuid4().int & 0xFFFFFFFF,
        "cookies": [f"{tools.session_cookie(c.user)}; csrftoken={csrf}" for c in world.writers],
        "csrf": csrf,
        "path": "/diary/quick/",
        "occurred_at": (timezone.localtime() - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
    }


def drain(ended, limit: int = 180) -> None:
    """Wait until the reminders due before the load ended have left the queue (or the limit)."""
    from reminders.models import ReminderOccurrence

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not ReminderOccurrence.objects.filter(slot__lt=ended, state__in=("pending", "claimed")).exists():
            return
        time.sleep(3)
    print(f"some reminders were still pending {limit} s after the load ended")


def report(results, started, ended, loads, work: Path) -> None:
    print(f"\ndiary load on both instances at the same time, {started:%H:%M:%S}-{ended:%H:%M:%S} UTC:")
    for port, (data, r) in results.items():
        failed = r["bad"] + r["errors"] + r["timeouts"]
        rate = r["requests"] / r["seconds"]
        print(f"  web :{port}  {rate:6.1f} req/s  p50 {r['p50']:6.1f}  p99 {r['p99']:6.1f} ms  failed {failed}")
        check = tools.check_diary_rows(data["nonce"], r)
        print("    rows: " + ", ".join(f"{k} {v}" for k, v in check.items()))
    reminders(started, ended, work)
    mean = sum(loads) / max(1, len(loads))
    print(f"\nload average (1 min) during the run: mean {mean:.1f}, max {max(loads):.1f}; now {tools.load()}")
    bouncer()


def reminders(started, ended, work: Path) -> None:
    """Every reminder of this (fresh) database: the sweeps catch up minutes before the load too."""
    from django.db.models import Count

    from reminders.models import Delivery, ReminderOccurrence, ReminderPreference

    occurrences = ReminderOccurrence.objects.all()
    states = dict(occurrences.values_list("state").annotate(n=Count("id")).order_by())
    twice = occurrences.values("recipient", "kind").annotate(n=Count("id")).filter(n__gt=1).count()
    deliveries = Delivery.objects.values_list("channel", "state").annotate(n=Count("id")).order_by()
    by = {f"{channel}/{state}": n for channel, state, n in deliveries}
    sent = occurrences.filter(sent_at__isnull=False).only("slot", "sent_at")
    delays = sorted((o.sent_at - o.slot).total_seconds() for o in sent)
    logs = [line for log in work.glob("worker*.log") for line in log.read_text().splitlines()]
    sweeps = sum(1 for line in logs if "reminders.sweep[" in line and "succeeded" in line)
    lines = [line for f in (work / "mail").glob("*") for line in f.read_text().splitlines()]
    emails = [line[4:].strip() for line in lines if line.startswith("To: ")]
    repeated = len(emails) - len(set(emails))
    preferences = ReminderPreference.objects.count()
    print(f"\nreminder sweeps over {preferences:,} preferences (two beats): {sweeps} sweeps ran")
    print(f"  occurrences by state {states}; recipients with two occurrences of one kind: {twice}")
    print(f"  deliveries {by}; emails written {len(emails)}, addresses emailed twice: {repeated}")
    if delays:
        p = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]  # noqa: E731
        print(f"  sent after their minute: p50 {p(0.5):.1f} s, p95 {p(0.95):.1f} s, max {delays[-1]:.1f} s")
    # An email handed to the backend whose delivery is still 'started' when we look is in flight.
    handed = by.get("email/sent", 0) <= len(emails) <= by.get("email/sent", 0) + by.get("email/started", 0)
    print(f"  every email written belongs to one delivery: {'yes' if handed else 'NO'}")
    print(f"  zero duplicates: {'yes' if twice == 0 and repeated == 0 else 'NO'}")


def bouncer() -> None:
    env = {**os.environ, "PGPASSWORD": APP_PASSWORD}
    for command in ("SHOW POOLS", "SHOW STATS"):
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(BOUNCER_PORT), "-U", APP_ROLE, "pgbouncer", "-c", command],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        print(f"\nPgBouncer {command}:\n{out.stdout or out.stderr}")


if __name__ == "__main__":
    main()
