"""Celery tasks: the per-minute sweep and one send task per occurrence.

Both are safe to run twice; the guarantees live in services.py (unique rows, claim before send).
"""

from celery import current_app, shared_task
from django.utils import timezone

from . import services


@shared_task(
    name="reminders.send",
    # acks_late: the message is only removed once the task has finished, so a worker that dies
    # before claiming leaves the message to be delivered again (the sweep would also re-enqueue
    # it, but later). A redelivery after a claim is harmless: the claim UPDATE matches nothing.
    acks_late=True,
    # A killed child process (OOM, SIGKILL) requeues the message instead of acking it as failed;
    # safe for the same reason, and it gets a reminder out that died before the claim.
    reject_on_worker_lost=True,
    # Time limits: an SMTP server that hangs must not hold a claim for ever. The soft limit
    # raises inside the send (the row is marked failed, not retried: the server may have taken
    # the message); the hard limit kills the child. Both are well below the claim lease
    # (120 s), so a task still running is never taken for lost and claimed by a second worker.
    soft_time_limit=30,
    time_limit=45,
    ignore_result=True,
)
def send_reminder(occurrence_id: int) -> str:
    return services.send_occurrence(occurrence_id)


def enqueue_sends(ids: list[int]) -> None:
    """One task per occurrence, published over one broker connection (a sweep may enqueue many)."""
    with current_app.producer_or_acquire() as producer:
        for pk in ids:
            send_reminder.apply_async((pk,), producer=producer)


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
