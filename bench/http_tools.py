"""Pieces shared by bench/http_bench.py and bench/scale_out_bench.py: gunicorn, wrk, CPU, sessions.

CPU is read from /proc (utime + stime of the gunicorn workers and of the PostgreSQL backends
serving the bench database), so a figure is what the requests cost, not what other work on a
shared machine took from the wall clock.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_DIR = Path(__file__).resolve().parent / "wrk"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def start_gunicorn(env: dict, port: int, *, workers: int = 2, threads: int = 4, log: Path | None = None):
    """gunicorn as the image runs it (gthread), on the bench WSGI module; waits until it answers."""
    command = [
        sys.executable, "-m", "gunicorn", "bench.http_bench_wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "gthread", "--threads", str(threads), "--backlog", "2048",
    ]  # fmt: skip
    out = open(log or os.devnull, "w")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode} (log: {log})")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    server.kill()
    sys.exit("gunicorn did not answer within 60 s")


def stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def check_status(port: int, path: str, cookie: str, expected: int = 200) -> None:
    """One request by hand before the load: a page that redirects or fails would bench nothing."""
    headers = {"Cookie": cookie} if cookie else {}

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        status = opener.open(urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != expected:
        sys.exit(f"{path} answered {status}, expected {expected}")


def lua_table(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {lua_table(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(lua_table(v) for v in value) + "}"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def run_wrk(script: str, port: int, data: dict, *, connections: int, seconds: int) -> dict:
    """wrk over loopback; the Lua script prints one 'BENCH {json}' line from its done()."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write("return " + lua_table(data) + "\n")
    threads = 1 if connections == 1 else 2
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "-s", str(WRK_DIR / script), f"http://127.0.0.1:{port}/",
    ]  # fmt: skip
    try:
        out = subprocess.run(command, env={**os.environ, "BENCH_LUA_DATA": handle.name}, capture_output=True, text=True)
    finally:
        os.unlink(handle.name)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        sys.exit(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    return json.loads(line[6:])


def session_cookie(user) -> str:
    """A logged-in session for `user` (in the bench database), plus a CSRF cookie for forms."""
    from django.test import Client

    http = Client()
    http.force_login(user)
    return f"sessionid={http.cookies['sessionid'].value}"


def csrf_secret() -> str:
    # Django accepts the unmasked 32-character secret both as the cookie and as the form field.
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(32))


class CpuMeter:
    """CPU seconds of the gunicorn workers plus the PostgreSQL backends of one database."""

    def __init__(self, server_pids: list[int], admin_url: str, database: str):
        self.server_pids, self.admin_url, self.database = server_pids, admin_url, database

    def _db_pids(self) -> list[int]:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (self.database,)
            ).fetchall()
        return [pid for (pid,) in rows]

    def snapshot(self) -> dict[int, float]:
        pids = [p for server in self.server_pids for p in [server, *children(server)]] + self._db_pids()
        return {pid: cpu_seconds(pid) for pid in pids}

    @staticmethod
    def spent(before: dict[int, float], after: dict[int, float]) -> float:
        # A backend that appeared during the run started from zero.
        return sum(after[pid] - before.get(pid, 0.0) for pid in after)


def check_diary_rows(nonce: int, result: dict) -> dict:
    """Every accepted entry stored exactly once (keys name the run, the wrk thread and a counter).

    wrk stops with some requests still in flight: the server may store those without wrk
    seeing the answer, so a thread may hold up to its connection count more rows than it
    counted as accepted, never fewer, and never a key it did not send.
    """
    from django.db import connection

    prefix = f"{nonce:08x}-"
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT e.idempotency_key::text, count(*) OVER (PARTITION BY e.idempotency_key),
                      (SELECT count(*) FROM diary_entryemotion m WHERE m.entry_id = e.id)
                 FROM diary_diaryentry e WHERE e.idempotency_key::text LIKE %s""",
            [prefix + "%"],
        )
        rows = cursor.fetchall()
    stored: dict[int, set[int]] = {}
    duplicates = sum(1 for _, copies, _ in rows if copies > 1)
    without_emotion = sum(1 for _, _, emotions in rows if emotions != 1)
    for key, _, _ in rows:
        stored.setdefault(int(key[9:13], 16), set()).add(int(key[-12:], 16))
    missing = unsent = 0
    for thread, (sent, accepted) in result["threads"].items():
        keys = stored.get(int(thread), set())
        unsent += sum(1 for k in keys if k > sent)
        missing += max(0, accepted - len(keys))
    accepted = sum(a for _, a in result["threads"].values())
    return {
        "accepted": accepted,
        "stored": len(rows),
        "in_flight_stored": len(rows) - accepted,
        "duplicates": duplicates,
        "missing": missing,
        "unsent": unsent,
        "without_one_emotion": without_emotion,
        "ok": duplicates == missing == unsent == without_emotion == 0 and len(rows) >= accepted,
    }
