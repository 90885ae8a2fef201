"""The web server will not start on the repository's key, and the deploy check knows when
several web processes would each keep their own login rate limits and used TOTP codes."""

import socket
import subprocess
import sys

from .test_production import PRODUCTION_ENV, ROOT, manage, outside_pytest_env

DEVELOPMENT_KEY = "django-insecure-dev-only-key-change-me"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _gunicorn(**env) -> subprocess.CompletedProcess:
    """Start gunicorn as the image does (preloading the app so a refusal stops the server)."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--preload"]
    command += ["--bind", f"127.0.0.1:{_free_port()}", "--workers", "1", "--timeout", "5"]
    environment = {**outside_pytest_env(), **PRODUCTION_ENV, **env}
    try:
        return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired as running:
        return subprocess.CompletedProcess(command, 0, running.stdout or "", "still serving")


def test_the_server_refuses_to_start_with_the_development_key():
    refused = _gunicorn(SECRET_KEY=DEVELOPMENT_KEY)
    assert refused.returncode != 0
    assert "Refusing to start: SECRET_KEY is the development key" in refused.stderr


def test_the_development_key_still_serves_with_debug_on():
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env={**outside_pytest_env(), **PRODUCTION_ENV, "SECRET_KEY": DEVELOPMENT_KEY, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_deploy_check_fails_for_several_web_processes_on_a_per_process_cache():
    several = manage("check", "--deploy", "--fail-level", "ERROR", WEB_CONCURRENCY="4")
    assert several.returncode != 0
    assert "securebase.E001" in several.stderr and "CACHE_URL" in several.stderr


def test_deploy_check_passes_with_a_shared_cache_or_one_process():
    shared = manage("check", "--deploy", "--fail-level", "ERROR", WEB_CONCURRENCY="4", CACHE_URL="redis://cache:6379/1")
    assert shared.returncode == 0, shared.stderr
    single = manage("check", "--deploy", "--fail-level", "ERROR", WEB_CONCURRENCY="1")
    assert single.returncode == 0, single.stderr
