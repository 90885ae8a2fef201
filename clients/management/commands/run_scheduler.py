"""The quick start's beat and worker in one small process: no broker, no Redis.

`make run` starts this next to runserver. It runs the entries of CELERY_BEAT_SCHEDULE on their
intervals, each task in this process (what Celery's eager mode does), so reminders are swept
and sent, alerts scanned and questionnaires generated exactly as a worker would. With a broker
configured, run `celery -A config worker` and `celery -A config beat` instead.
"""

import os
import signal
import threading
import time
from datetime import datetime

from celery.schedules import maybe_schedule
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from config.celery import app


class Command(BaseCommand):
    help = "Run the periodic tasks (CELERY_BEAT_SCHEDULE) in this process, for `make run` without a broker."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every periodic task once, then stop")
        parser.add_argument("--tick", type=float, default=5.0, help="seconds between checks for due tasks")

    def handle(self, *args, once: bool = False, tick: float = 5.0, **options):
        if not app.conf.task_always_eager:
            raise CommandError("A broker is configured: run `celery -A config worker` and `celery -A config beat`.")
        app.loader.import_default_modules()  # registers every app's tasks
        entries = {name: (entry["task"], maybe_schedule(entry["schedule"])) for name, entry in self._beat().items()}
        last_run: dict[str, datetime] = {}
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        parent = os.getppid()
        if not once:
            self.stdout.write(f"Scheduler running {len(entries)} periodic tasks in-process (stops with the server).")
        while not stop.is_set():
            for name, (task_name, schedule) in entries.items():
                if name not in last_run or schedule.is_due(last_run[name]).is_due:
                    last_run[name] = timezone.now()
                    self._run(task_name, verbose=once or options["verbosity"] > 1)
            # Stop with whoever started us: `make run` kills us on Ctrl-C, and if that shell is
            # gone anyway (a closed terminal), we are re-parented and notice here.
            if once or os.getppid() != parent:
                break
            stop.wait(tick)

    def _beat(self) -> dict:
        return getattr(settings, "CELERY_BEAT_SCHEDULE", {}) or {}

    def _run(self, task_name: str, *, verbose: bool) -> None:
        self._drop_stale_connection()
        started = time.monotonic()
        try:
            result = app.tasks[task_name].apply(throw=True).get()
        except Exception as error:  # noqa: BLE001 - one failing task must not stop the others
            self.stderr.write(f"{timezone.localtime():%H:%M:%S} {task_name} failed: {error!r}")
            return
        finally:
            self._drop_stale_connection()
        busy = bool(result) and (not isinstance(result, dict) or any(result.values()))
        if verbose or busy:
            took = time.monotonic() - started
            self.stdout.write(f"{timezone.localtime():%H:%M:%S} {task_name}: {result} ({took:.2f} s)")

    @staticmethod
    def _drop_stale_connection() -> None:
        # A long-lived process must not keep a broken or expired connection between tasks (as a
        # worker does). Inside a transaction someone else owns (a test) there is nothing to drop.
        if not connection.in_atomic_block:
            close_old_connections()
