"""Lighthouse on the client's pages, as a phone (a script that prints figures, not a test).

    .venv/bin/python bench/lighthouse_client.py [--pages home,diary,quick,progress] [--min 95]

Needs Node and `npm i -E lighthouse@12.2.3` (found through LIGHTHOUSE_BIN, else
.lighthouse/node_modules/.bin/lighthouse, else on PATH) and Chromium (CHROME_PATH, default
/usr/bin/chromium). It builds a throwaway SQLite database with the demo practice, collects the
static files as production does (hashed and compressed: STATIC_MANIFEST=1), serves them with
gunicorn on 127.0.0.1, logs in as a demo client through the real login form, and runs
Lighthouse's default mobile profile (Moto G Power screen, simulated slow 4G and 4x slower CPU)
on each page with that session's cookie. It prints performance, accessibility and best
practices per page, the audits that cost points, and exits 1 when a score is below --min.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "/me/", "diary": "/diary/", "quick": "/diary/quick/", "progress": "/dashboard/me/"}
CATEGORIES = ("performance", "accessibility", "best-practices")
DEMO_CLIENT = "lotte@client.example"


def lighthouse_bin() -> str | None:
    candidates = [os.environ.get("LIGHTHOUSE_BIN"), ROOT / ".lighthouse/node_modules/.bin/lighthouse"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return shutil.which("lighthouse")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(workdir: Path, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'lighthouse.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        STATIC_MANIFEST="1",
        DEBUG="0",
        SECRET_KEY="lighthouse-bench-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        ACCOUNT_EMAIL_VERIFICATION="none",
    )
    return env


def prepare(env: dict) -> None:
    python = str(ROOT / ".venv/bin/python")
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["seed_demo"]):
        done = subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def log_in(base: str, email: str, password: str) -> str:
    """The Cookie header of a session logged in through allauth's form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"login": email, "password": password, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/"})
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError("login failed: no session cookie")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def run_lighthouse(binary: str, url: str, cookie: str, workdir: Path, attempts: int = 3) -> dict:
    """One page's report; Lighthouse sometimes loses the trace on a busy machine (NO_NAVSTART), so it tries again."""
    for attempt in range(1, attempts + 1):
        try:
            report = _lighthouse_once(binary, url, cookie, workdir)
        except subprocess.SubprocessError as error:
            if attempt == attempts:
                raise
            print(f"  lighthouse failed ({error.__class__.__name__}), trying again", flush=True)
            continue
        if not report.get("runtimeError") or attempt == attempts:
            return report
        print(f"  lighthouse: {report['runtimeError'].get('code')}, trying again", flush=True)
    raise AssertionError("unreachable")


def _lighthouse_once(binary: str, url: str, cookie: str, workdir: Path) -> dict:
    out = workdir / "report.json"
    headers = workdir / "headers.json"
    headers.write_text(json.dumps({"Cookie": cookie}))
    chrome = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--extra-headers={headers}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=env,
        check=True,
        timeout=180,
    )
    return json.loads(out.read_text())


def costly_audits(report: dict) -> list[str]:
    lines = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                lines.append(f"    {key}: {ref['id']} score {audit['score']} {audit.get('displayValue', '')}")
    return lines


def measure(pages: list[str], minimum: int, reports: Path | None = None) -> dict[str, dict[str, int]]:
    binary = lighthouse_bin()
    if binary is None:
        raise SystemExit("lighthouse not found: npm i -E lighthouse@12.2.3 --prefix .lighthouse")
    # The demo's public password, read from the seed command (importing it needs Django set up).
    seed = (ROOT / "clients/management/commands/seed_demo.py").read_text()
    password = re.search(r'^DEMO_PASSWORD = "([^"]+)"', seed, re.M).group(1)
    results: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        env = server_env(workdir, port)
        prepare(env)
        server = start_server(env, port)
        try:
            base = f"http://127.0.0.1:{port}"
            cookie = log_in(base, DEMO_CLIENT, password)
            for name in pages:
                started = time.monotonic()
                report = run_lighthouse(binary, base + PAGES[name], cookie, workdir)
                if report.get("runtimeError"):
                    raise RuntimeError(f"{name}: {report['runtimeError']}")
                if urllib.parse.urlparse(report["finalDisplayedUrl"]).path != PAGES[name]:
                    raise RuntimeError(f"{name}: ended on {report['finalDisplayedUrl']} (not logged in?)")
                if reports:
                    reports.mkdir(parents=True, exist_ok=True)
                    (reports / f"{name}.json").write_text(json.dumps(report))
                scores = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
                results[name] = scores
                figures = "  ".join(f"{key} {value:3d}" for key, value in scores.items())
                print(f"{name:9s} {PAGES[name]:15s} {figures}  ({time.monotonic() - started:.0f} s)", flush=True)
                if min(scores.values()) < minimum:
                    print("\n".join(costly_audits(report)), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma separated, of {', '.join(PAGES)}")
    parser.add_argument("--min", type=int, default=95, help="lowest acceptable score per category")
    parser.add_argument("--reports", type=Path, help="folder to keep each page's Lighthouse JSON in")
    args = parser.parse_args()
    print("Lighthouse 12, mobile profile (simulated slow 4G, 4x CPU slowdown), demo client", DEMO_CLIENT)
    results = measure(args.pages.split(","), args.min, args.reports)
    low = [f"{page} {key} {score}" for page, scores in results.items() for key, score in scores.items()]
    low = [item for item in low if int(item.rsplit(" ", 1)[1]) < args.min]
    print("below", args.min, ":", ", ".join(low) if low else "none")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
