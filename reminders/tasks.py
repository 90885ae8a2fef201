"""Celery tasks: the per-minute sweep and one send task per occurrence.

Both are safe to run twice; the guarantees live in services/ (sweep.py: unique rows; sending.py: claim before send).
"""

from celery import Task, current_app, shared_task
from django.utils import timezone

from rowsecurity.tasks import HEADER, PracticeTask

from . import conf, services


class StepwiseSend(PracticeTask):
    """A send commits step by step (reminders/services/sending.py) instead of running as one
    transaction acting for its practice, as other tasks do: its "started" mark must be durable
    before the mail server gets the message. The practice still comes from the message."""

    def __call__(self, *args, **kwargs):
        return Task.__call__(self, *args, **kwargs)


@shared_task(
    bind=True,
    base=StepwiseSend,
    name="reminders.send",
    # acks_late: the message is only removed once the task has finished, so a worker that dies
    # before claiming leaves the message to be delivered again (the sweep would also re-enqueue
    # it, but later). A redelivery after a claim is harmless: the claim UPDATE matches nothing.
    acks_late=True,
    # A killed child process (OOM, SIGKILL) requeues the message instead of acking it as failed;
    # safe for the same reason, and it gets a reminder out that died before the claim.
    reject_on_worker_lost=True,
    # Time limits: an SMTP server that hangs must not hold a claim for ever. The soft limit
    # raises inside the send (a hand-off it interrupts is recorded as outcome unknown, not
    # retried: the server may have taken the message); the hard limit kills the child. Both
    # are below the claim lease (30 s), so a task still running is never taken for lost and
    # claimed by a second worker.
    soft_time_limit=20,
    time_limit=25,
    ignore_result=True,
)
def send_reminder(self, occurrence_id: int) -> str:
    practice_id = getattr(self.request, HEADER, None) or (self.request.headers or {}).get(HEADER)
    return services.send_occurrence(occurrence_id, practice_id=int(practice_id) if practice_id else None)


# Publishing one message costs a Redis round trip (a few ms here), so a sweep with many due
# reminders hands them out in chunks: each chunk is one fan-out task that a worker turns into
# one send task per occurrence. The beat process stays quick; the sends stay one per row.
def enqueue_sends(ids: list[int]) -> None:
    """One send task per occurrence, directly for a few, through fan-out tasks for many."""
    chunk = int(conf.get("REMINDERS_FAN_OUT_CHUNK"))
    with current_app.producer_or_acquire() as producer:
        if len(ids) <= chunk:
            for pk in ids:
                send_reminder.apply_async((pk,), producer=producer)
            return
        for start in range(0, len(ids), chunk):
            fan_out_sends.apply_async((ids[start : start + chunk],), producer=producer)


@shared_task(
    name="reminders.fan_out",
    # Redelivery after a crash publishes some send tasks twice; the claim makes that harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=50,
    time_limit=60,
    ignore_result=True,
)
def fan_out_sends(ids: list[int]) -> int:
    with current_app.producer_or_acquire() as producer:
        for pk in ids:
            send_reminder.apply_async((pk,), producer=producer)
    return len(ids)


@shared_task(
    name="reminders.sweep",
    # The sweep is idempotent and runs again next minute: no late ack, no retry. A sweep that has
    # been waiting in the queue past its minute is dropped by the `expires` in the beat entry.
    acks_late=False,
    soft_time_limit=50,
    time_limit=58,
    ignore_result=True,
)
def sweep_reminders() -> dict:
    result = services.sweep(timezone.now())
    return {"created": result.created, "enqueued": len(result.enqueued), "skipped": result.skipped}


@shared_task(name="reminders.prune", ignore_result=True, soft_time_limit=300, time_limit=330)
def prune_occurrences() -> int:
    return services.prune(timezone.now())


@shared_task(
    name="reminders.requeue",
    # Cheap and idempotent; every few seconds so a lost message or a dead worker's claim waits
    # less than a minute. Dropped when it sat in the queue past its next run.
    acks_late=False,
    soft_time_limit=10,
    time_limit=15,
    ignore_result=True,
)
def requeue_reminders() -> int:
    return len(services.requeue(timezone.now()))
