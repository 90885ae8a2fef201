import os

import pytest

from config.celery import ping

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_returns_task_result(celery_worker_process):
    result = ping.delay("hello from the test")

    assert result.get(timeout=30) == "hello from the test"
    # Really a separate process, not the eager shortcut.
    assert result.task_id and not result.__class__.__name__.startswith("Eager")
    assert celery_worker_process.pid != os.getpid()


def test_worker_comes_back_after_sigkill(celery_worker_process):
    first_pid = celery_worker_process.pid

    celery_worker_process.kill()
    assert not celery_worker_process.alive()
    celery_worker_process.restart()

    assert celery_worker_process.pid != first_pid
    assert ping.delay("again").get(timeout=30) == "again"


def test_worker_uses_the_test_database(celery_worker_process, django_db_setup):
    from django.db import connection

    assert celery_worker_process.env["DATABASE_URL"].endswith("/" + connection.settings_dict["NAME"])


def test_tasks_run_eagerly_without_the_worker_fixture():
    assert ping.delay("inline").get(timeout=1) == "inline"
