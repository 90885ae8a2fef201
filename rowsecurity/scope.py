"""Which practice the current database transaction acts for.

On PostgreSQL every row-secured table shows only the rows of the practice set with
`set_config('app.practice_id', <id>, true)`. The `true` makes it transaction-local: it ends with
the transaction, so a pooled connection (PgBouncer in transaction mode) never carries one
request's practice into the next. Without a practice no row is visible.

The named ways in:
- `PracticeScopeMiddleware` (middleware.py): a request acts for its user's practice;
- `acting_for_practice(pid)`: code outside a request (a task for one practice, a token link
  whose practice was found through paths.py) acts for one practice;
- `each_practice()`: a practice-spanning job (sweeps, scans, escalation) acts for each
  practice in turn, one transaction each;
- `switch_to_practice(pid)`: a login inside a request switches the rest of that request's
  transaction to the practice of the person who just logged in (apps.py).

`transaction.on_commit` hooks run after the commit, outside the transaction that acted for the
practice; each scope binds the hooks registered in it to its practice, so they act for it too.

Celery tasks published while a practice is set carry it and run for it (tasks.py).
On SQLite (the quick start) there is no row security: these only keep the bookkeeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections, transaction

SETTING = "app.practice_id"

_current: ContextVar[int | None] = ContextVar("securebase_practice", default=None)


def current_practice() -> int | None:
    """The practice this code acts for (None: none, so no practice rows)."""
    return _current.get()


def enforced(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def _set(practice_id: int | None, using: str = "default") -> str:
    """Set the transaction's practice; returns the previous value ('' for none)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(current_setting(%s, true), ''), set_config(%s, %s, true)",
            [SETTING, SETTING, "" if practice_id is None else str(int(practice_id))],
        )
        return cursor.fetchone()[0]


def _bind_commit_hooks(practice_id: int | None, using: str, start: int) -> None:
    """Commit hooks registered in this scope (from index `start`) run after the commit, in a
    transaction of their own: make each act for this scope's practice (an inner scope has
    bound its own already)."""
    connection = connections[using]
    bound = connection.run_on_commit[:start]
    for sids, func, robust in connection.run_on_commit[start:]:
        if not getattr(func, "_rowsecurity_practice_bound", False):
            func = _acting(func, practice_id, using)
        bound.append((sids, func, robust))
    connection.run_on_commit = bound


def _acting(func, practice_id: int | None, using: str):
    def run_for_practice():
        with acting_for_practice(practice_id, using):
            return func()

    run_for_practice._rowsecurity_practice_bound = True
    return run_for_practice


@contextmanager
def acting_for_practice(practice_id: int | None, using: str = "default") -> Iterator[None]:
    """Run the block in a transaction (a savepoint when nested) that acts for one practice."""
    token = _current.set(practice_id)
    try:
        if not enforced(using):
            yield
            return
        connection = connections[using]
        nested = connection.in_atomic_block
        hooks = len(connection.run_on_commit)
        with transaction.atomic(using=using):
            previous = _set(practice_id, using)
            yield
            _bind_commit_hooks(practice_id, using, hooks)
            # A nested block hands the outer transaction back as it found it; an exception
            # skips this, and the savepoint's rollback restores the setting instead.
            if nested:
                _set(int(previous) if previous else None, using)
    finally:
        _current.reset(token)


@contextmanager
def request_scope(practice_id: int | None, using: str = "default") -> Iterator[None]:
    """A request's transaction, acting for `practice_id`: one query (the set_config).

    Unlike acting_for_practice it neither makes a savepoint nor restores the setting when it
    runs inside a transaction already (tests, ATOMIC_REQUESTS): errors in a view become
    responses before they reach it, and nothing runs after the request in that transaction.
    """
    token = _current.set(practice_id)
    try:
        hooks = len(connections[using].run_on_commit)
        with transaction.atomic(using=using, savepoint=False):
            _set(practice_id, using)
            yield
            # The practice now, which a login during the request may have switched.
            _bind_commit_hooks(_current.get(), using, hooks)
    finally:
        _current.reset(token)


def rows_filtered(using: str = "default") -> bool:
    """True when this connection's role is held to the policies (not an owner that bypasses them)."""
    connection = connections[using]
    if not enforced(using):
        return False
    # Asked each time (a spanning job does this once): `SET ROLE` may change the answer.
    with connection.cursor() as cursor:
        cursor.execute("SELECT NOT (rolsuper OR rolbypassrls) FROM pg_roles WHERE rolname = current_user")
        return cursor.fetchone()[0]


def each_practice(using: str = "default") -> Iterator[int | None]:
    """For a job that spans practices: yields each practice id while acting for it.

        for practice_id in each_practice():
            total += services.scan()

    Each practice gets its own transaction. Where rows are not filtered (SQLite, or a role that
    bypasses row security such as the owner running a management command) one pass already sees
    every practice: the loop then runs once, yielding None.
    """
    from accounts.models import Practice

    if not rows_filtered(using):
        yield None
        return
    for practice_id in list(Practice.objects.using(using).order_by("pk").values_list("pk", flat=True)):
        with acting_for_practice(practice_id, using):
            yield practice_id


def switch_to_practice(practice_id: int | None, using: str = "default") -> None:
    """Act for another practice for the rest of the current transaction (a login mid-request)."""
    _current.set(practice_id)
    if enforced(using) and connections[using].in_atomic_block:
        _set(practice_id, using)
