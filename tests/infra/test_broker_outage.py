"""A real `celery worker` survives its Redis broker going away and keeps consuming afterwards.

The test runs its own redis-server (tests/faults.py), never the shared one, SIGKILLs it while
the worker holds unacknowledged messages (late acknowledgement, as the reminder sends have),
starts it again a few seconds later on the same append-only file, and checks the worker
process is still there and executes new tasks, and that a message queued before the outage
was not lost with the restart (persistence, as in docker-compose.yml).
"""

import os
import time
import uuid

import pytest
from celery import Celery

from tests.faults import OwnRedis
from tests.worker import WorkerProcess

pytestmark = [pytest.mark.worker]


class OwnWorker(WorkerProcess):
    def __init__(self, env, queue, log_dir, probe: Celery):
        super().__init__(env, queue, log_dir)
        self.probe = probe

    def wait_ready(self, timeout: float = 60) -> None:
        ping(self.probe, self.queue, timeout)


def ping(probe: Celery, queue: str, timeout: float) -> None:
    token = uuid.uuid4().hex
    result = probe.send_task("config.ping", args=[token], queue=queue)
    assert result.get(timeout=timeout) == token


@pytest.fixture
def broker_and_worker(tmp_path, _celery_worker_session):
    """Own Redis + a worker on it; the test database comes from the session worker's env."""
    with OwnRedis() as redis:
        probe = Celery("probe", broker=redis.url(0), backend=redis.url(1))
        probe.conf.broker_connection_retry_on_startup = True
        queue = f"outage-{uuid.uuid4().hex[:8]}"
        env = {**_celery_worker_session.env, "REDIS_URL": redis.url(0), "CELERY_TASK_DEFAULT_QUEUE": queue}
        env.pop("CELERY_BROKER_URL", None)
        env.pop("CELERY_RESULT_BACKEND", None)
        worker = OwnWorker(env, queue, tmp_path, probe)
        try:
            worker.start()
            yield redis, worker, probe
        finally:
            worker.kill()
            probe.close()


def test_the_worker_survives_a_redis_outage_and_consumes_afterwards(broker_and_worker):
    redis, worker, probe = broker_and_worker
    for n in range(30):  # work in flight: some messages delivered, not yet acknowledged
        probe.send_task("config.ping", args=[str(n)], queue=worker.queue)
    redis.kill()
    time.sleep(3)  # Redis away for a few seconds; the worker sees its connection drop
    assert worker.alive(), worker.log_tail()
    redis.start()  # same data directory: what was queued comes back
    ping(probe, worker.queue, timeout=45)
    assert worker.alive()
    assert "Unrecoverable error" not in worker.log_tail(400)


def test_a_message_queued_before_a_redis_restart_is_still_delivered(broker_and_worker):
    redis, worker, probe = broker_and_worker
    worker.stop()  # nobody consumes: the message waits in Redis
    token = uuid.uuid4().hex
    result = probe.send_task("config.ping", args=[token], queue=worker.queue)
    redis.kill()  # a crash, not a clean shutdown (the append-only file is synced on every write)
    redis.start()
    worker.start()
    assert result.get(timeout=45) == token
    assert os.path.isdir(redis.dir)
