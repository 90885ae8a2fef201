"""Celery tasks act for the practice they were published for, and beat's jobs for each in turn."""

import os
import uuid

import pytest
from django.conf import settings
from django.db import connection, transaction

from config.celery import app
from rowsecurity import registry
from rowsecurity.scope import acting_for_practice
from rowsecurity.tasks import HEADER, census, census_task, combine
from tests.worker import WorkerProcess, _database_url


def test_every_periodic_task_acts_for_each_practice():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    missing = sorted(scheduled - registry.PRACTICE_SPANNING_TASKS)
    assert not missing, f"beat starts these without a practice; list them in PRACTICE_SPANNING_TASKS: {missing}"


def test_results_of_a_job_run_per_practice_are_combined():
    assert combine([2, 3]) == 5
    assert combine([{"created": 1, "enqueued": [4]}, {"created": 2, "enqueued": [7]}]) == {
        "created": 3,
        "enqueued": [4, 7],
    }
    assert combine([None, None]) is None


@pytest.mark.postgres
def test_a_spanning_job_as_the_app_role_covers_every_practice_once(world, app_role, monkeypatch):
    monkeypatch.setattr(registry, "PRACTICE_SPANNING_TASKS", registry.PRACTICE_SPANNING_TASKS | {"rowsecurity.census"})
    monkeypatch.setattr("rowsecurity.tasks.PRACTICE_SPANNING_TASKS", registry.PRACTICE_SPANNING_TASKS)
    everything = census()  # as the owner, who sees every row
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{app_role}"')
        assert census()["clients.Client"] == 0
        assert census_task() == everything
        transaction.set_rollback(True)


@pytest.fixture
def app_role_worker(app_role, transactional_db, tmp_path):
    """A real worker that logs in as the app role (not the owner the tests run as)."""
    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL needed") if os.environ.get("CI") else pytest.skip("needs REDIS_URL")
    password = os.environ.get("DATABASE_APP_PASSWORD", "securebase_app")
    queue = f"sbtest-rls-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url({**connection.settings_dict, "USER": app_role, "PASSWORD": password}),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("TEST_DATABASE_NAME", None)
    worker = WorkerProcess(env, queue, tmp_path)
    app.conf.task_always_eager = False
    try:
        worker.start()
        yield worker
    finally:
        app.conf.task_always_eager = True
        worker.stop()
        with app.connection_for_write() as conn:
            conn.default_channel.client.delete(queue, f"_kombu.binding.{queue}")


@pytest.mark.worker
@pytest.mark.postgres
def test_a_task_for_one_practice_cannot_read_another(world, app_role_worker):
    def run(practice_id):
        headers = {HEADER: practice_id} if practice_id else {}
        return census_task.apply_async(queue=app_role_worker.queue, headers=headers).get(timeout=30)

    mine, theirs, nobody = run(world.practice.pk), run(world.other_practice.pk), run(None)
    assert mine["clients.Client"] == 2 and theirs["clients.Client"] == 1
    assert nobody == dict.fromkeys(nobody, 0)
    # Published from code acting for a practice, the task carries it without being told.
    with acting_for_practice(world.other_practice.pk):
        carried = census_task.apply_async(queue=app_role_worker.queue)
    assert carried.get(timeout=30) == theirs


@pytest.mark.django_db
def test_a_failed_task_has_its_connection_checked_before_the_next_task():
    from celery.signals import task_failure

    connection.ensure_connection()
    connection.errors_occurred = False
    task_failure.send(sender=census_task, task_id="x", exception=RuntimeError("soft time limit"))
    # The worker's cleanup after each task (close_if_unusable_or_obsolete) now tests it.
    assert connection.errors_occurred
    connection.errors_occurred = False


@pytest.mark.postgres
def test_a_worker_held_to_the_policies_sends_one_task_per_practice(world, app_role, monkeypatch):
    from celery.signals import task_postrun

    monkeypatch.setattr("rowsecurity.tasks.PRACTICE_SPANNING_TASKS", {"rowsecurity.census"})
    runs = []

    def record(task=None, retval=None, **kwargs):
        runs.append(retval["clients.Client"])

    task_postrun.connect(record, dispatch_uid="rls_fan_out_runs")
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f'SET LOCAL ROLE "{app_role}"')
            census_task.push_request(id="from-beat", is_eager=False)  # as a worker delivers it
            try:
                result = census_task()
            finally:
                census_task.pop_request()
            transaction.set_rollback(True)
    finally:
        task_postrun.disconnect(dispatch_uid="rls_fan_out_runs")
    assert result == {"practices": 2}
    # Each practice's own task (run eagerly here) saw that practice's clients only.
    assert sorted(runs) == [1, 2]
