"""A real Celery worker process for tests whose behaviour depends on one.

    from tests.worker import celery_worker_process  # or rely on tests/conftest.py, which imports it

    @pytest.mark.worker
    @pytest.mark.django_db(transaction=True)
    def test_something(celery_worker_process):
        result = my_task.delay(42)
        assert result.get(timeout=20) == ...
        celery_worker_process.kill()      # SIGKILL, mid-task if you like
        celery_worker_process.restart()   # a fresh worker on the same queue

The worker runs `celery -A config worker` against the real Redis (REDIS_URL) and the *test*
database (DATABASE_URL is rebuilt from django.db.connection.settings_dict, whose NAME is the
test database), so it sees what a transactional test committed. Each pytest run gets its own
queue name (CELERY_TASK_DEFAULT_QUEUE), so several developers' runs on one Redis never take
each other's tasks. Don't hard-code queue names on tasks: everything goes to the default queue.

Outside the worker fixture the test process runs tasks eagerly, as `make run` does without a
broker; otherwise a test that calls .delay() with REDIS_URL set would queue work nobody runs.

Without REDIS_URL, or without PostgreSQL, worker tests skip with the reason; under CI=true
they fail instead, because CI must really run them.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError

ROOT = Path(__file__).resolve().parents[1]
RUN_QUEUE = f"sbtest-{uuid.uuid4().hex[:12]}"
START_TIMEOUT = 60


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _skip_or_fail(reason: str):
    if _in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def _celery_app():
    from config.celery import app

    return app


def _database_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{auth}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


class WorkerProcess:
    """One `celery worker` subprocess on this run's queue; kill/restart it at will."""

    def __init__(self, env: dict[str, str], queue: str, log_dir: Path):
        self.env = env
        self.queue = queue
        self.log_path = log_dir / f"celery-worker-{queue}.log"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def command(self) -> list[str]:
        celery = Path(sys.executable).with_name("celery")
        launcher = [str(celery)] if celery.exists() else [sys.executable, "-m", "celery"]
        return [
            *launcher,
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            "--concurrency=1",
            "-Q",
            self.queue,
            "-n",
            f"{self.queue}-{self.starts}@%h",
            # Startup in ~2 s instead of waiting on cluster chatter no test needs.
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = START_TIMEOUT) -> None:
        if self.alive():
            return
        self.starts += 1
        with open(self.log_path, "ab") as log:
            log.write(f"\n===== start #{self.starts}: {' '.join(self.command)}\n".encode())
            log.flush()
            # Own process group, so kill() takes the prefork pool child down with its parent.
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Block until the worker has executed a config.ping sent to our queue."""
        app = _celery_app()
        token = uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        result = app.send_task("config.ping", args=[token], queue=self.queue)
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"celery worker exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if result.get(timeout=1, disable_sync_subtasks=False) == token:
                    return
            except CeleryTimeoutError:
                continue
        raise RuntimeError(f"celery worker did not answer ping within {timeout}s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool: no warm shutdown, tasks in flight are lost mid-way."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def stop(self, timeout: float = 10) -> None:
        """Warm shutdown (SIGTERM: finish the current task), SIGKILL if it takes too long."""
        if not self.alive():
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        except ProcessLookupError:
            pass

    def restart(self, timeout: float = START_TIMEOUT) -> None:
        self.stop()
        self.start(timeout)

    def log_tail(self, lines: int = 200) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no worker log)"
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session", autouse=True)
def _celery_test_defaults():
    """Eager tasks and this run's own queue for every test that doesn't start a worker."""
    app = _celery_app()
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.task_always_eager = True
    app.conf.task_default_queue = RUN_QUEUE
    yield
    app.conf.update(saved)


@pytest.fixture(scope="session")
def _celery_worker_session(django_db_setup, django_db_blocker, tmp_path_factory):
    # Depending on django_db_setup makes pytest stop the worker before it drops the test database.
    from django.db import connection

    if not os.environ.get("REDIS_URL"):
        _skip_or_fail("the Celery worker tests need REDIS_URL (e.g. redis://127.0.0.1:6379/2)")
    if connection.vendor != "postgresql":
        _skip_or_fail("the Celery worker tests need PostgreSQL (DATABASE_URL): the worker must share the test database")

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_TASK_DEFAULT_QUEUE": RUN_QUEUE,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        # An idle pooled connection would block the test database's DROP at session end.
        "CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TEST_DATABASE_NAME", None)
    worker = WorkerProcess(env, RUN_QUEUE, tmp_path_factory.mktemp("celery"))
    yield worker
    worker.stop()
    # Leave no per-run queue behind in the shared Redis.
    with _celery_app().connection_for_write() as conn:
        conn.default_channel.client.delete(
            RUN_QUEUE, f"_kombu.binding.{RUN_QUEUE}", f"_kombu.binding_permanent.{RUN_QUEUE}"
        )


@pytest.fixture
def celery_worker_process(_celery_worker_session, transactional_db):
    """A live worker on this run's queue; tasks sent from the test go to it, not run eagerly."""
    app = _celery_app()
    worker = _celery_worker_session
    app.conf.task_always_eager = False
    try:
        if not worker.alive():
            worker.start()
        yield worker
    finally:
        app.conf.task_always_eager = True


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and "celery_worker_process" in getattr(item, "fixturenames", ()):
        worker = getattr(item, "funcargs", {}).get("celery_worker_process")
        if worker is not None:
            report.sections.append(("celery worker log (tail)", worker.log_tail()))
