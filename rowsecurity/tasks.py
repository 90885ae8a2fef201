"""Celery tasks carry the practice they were published for, and run acting for it.

`config/celery.py` makes PracticeTask the base of every task. Publishing while a practice is
set (in a request, or inside acting_for_practice / each_practice) adds it as a message header;
the worker runs the task inside acting_for_practice(that practice). The practice-spanning jobs
beat starts (named in registry.PRACTICE_SPANNING_TASKS) run once per practice: a worker held to
the policies publishes one task per practice (each with its own time limit, spread over the
workers); called in-process, eagerly, or by a role that sees every row, they loop with
each_practice(). Any other task published without a practice sees no practice rows.

A task published inside a transaction is sent when that transaction commits: a request and a
practice's sweep are each one transaction now, and a worker must find the rows it is sent for.
"""

from __future__ import annotations

from uuid import uuid4

from celery import Task, shared_task
from celery.signals import task_failure
from django.db import connection, connections, transaction

from .registry import PRACTICE_SPANNING_TASKS
from .scope import acting_for_practice, current_practice, each_practice, enforced, rows_filtered

HEADER = "securebase_practice"


class PracticeTask(Task):
    def apply_async(self, args=None, kwargs=None, task_id=None, *rest, **options):
        practice_id = current_practice()
        if practice_id is not None:
            headers = dict(options.get("headers") or {})
            headers.setdefault(HEADER, practice_id)
            options["headers"] = headers
        if self.app.conf.task_always_eager or not enforced() or not connection.in_atomic_block:
            return super().apply_async(args, kwargs, task_id, *rest, **options)
        task_id = task_id or str(uuid4())
        options.pop("producer", None)  # a pooled producer is released before the commit
        publish = super().apply_async
        transaction.on_commit(lambda: publish(args, kwargs, task_id, *rest, **options))
        return self.AsyncResult(task_id)

    def __call__(self, *args, **kwargs):
        practice_id = _practice_of(self.request)
        if practice_id is not None:
            with acting_for_practice(int(practice_id)):
                return super().__call__(*args, **kwargs)
        if self.name in PRACTICE_SPANNING_TASKS:
            if _from_a_worker(self.request) and rows_filtered():
                return self.fan_out(args, kwargs)
            run = super().__call__
            return combine([run(*args, **kwargs) for _ in each_practice()])
        return super().__call__(*args, **kwargs)

    def fan_out(self, args, kwargs) -> dict:
        """In a worker: one task per practice, each with its own time limit, on any worker."""
        from accounts.models import Practice

        practices = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
        for practice_id in practices:
            self.apply_async(args, kwargs, headers={HEADER: practice_id})
        return {"practices": len(practices)}


def _from_a_worker(request) -> bool:
    """Delivered as a message (not called in-process or run eagerly)."""
    return request.id is not None and not request.is_eager


def _practice_of(request) -> int | None:
    value = getattr(request, HEADER, None)
    if value is None:
        value = (getattr(request, "headers", None) or {}).get(HEADER)
    return value


def combine(results: list):
    """One result for a job run once per practice: counts added, lists joined."""
    if len(results) == 1:
        return results[0]
    if not results or all(r is None for r in results):
        return None
    if all(isinstance(r, int) for r in results):
        return sum(results)
    if all(isinstance(r, list) for r in results):
        return [item for r in results for item in r]
    if all(isinstance(r, dict) for r in results):
        merged: dict = {}
        for r in results:
            for key, value in r.items():
                merged[key] = combine([merged[key], value]) if key in merged else value
        return merged
    return results


def census() -> dict[str, int]:
    """Rows of each row-secured table this transaction can see (counts only)."""
    from .policies import model_for
    from .registry import PRACTICE_TABLES

    existing = set(connection.introspection.table_names())
    counts = {}
    for label in PRACTICE_TABLES:
        try:
            model = model_for(label)
        except LookupError:
            continue
        if model._meta.db_table in existing:
            counts[label] = model._default_manager.count()
    return counts


@shared_task(name="rowsecurity.census")
def census_task() -> dict[str, int]:
    """The census as the worker sees it: an operator's check that tasks act for their practice."""
    return census()


@task_failure.connect(dispatch_uid="rowsecurity_connection_after_failure")
def _recheck_connections_after_failure(**kwargs) -> None:
    """A task that failed mid-query (a soft time limit inside a sweep's practice) may leave its
    connection closed without Django noticing; marking it makes the worker's post-task cleanup
    test it and drop it if broken, instead of failing every following task on it."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            conn.errors_occurred = True
