"""The sweep (what is due now → occurrence rows → send tasks) and the send (claim → deliver).

Exactly once, and what happens when things die
-----------------------------------------------
* Sweep twice, two beat processes, overlapping sweeps: occurrences are inserted with
  INSERT … SELECT … ON CONFLICT DO NOTHING against the unique (recipient, kind, target, slot),
  so each exists once; handing rows to the queue is marked with a conditional UPDATE, so two
  sweeps do not both enqueue the same row (and if they did, the claim below stops the second).
* Send: a conditional UPDATE claims the row (pending → claimed). Only the worker whose UPDATE
  matched may send. A retried or redelivered task finds the row claimed or sent and stops.
* Killed after claiming but before the mail server got the message: `send_started_at` is still
  empty, so once the lease has run out the next sweep enqueues the row again and it is sent.
* Killed after `send_started_at` was committed (during or right after the SMTP call): we cannot
  know whether the message left. The row is never sent again; the sweep marks it failed after
  the lease. This is the deliberate trade-off: for one occurrence a missed reminder is better
  than a duplicate, and the window is the length of one SMTP call.
* Killed before claiming (or the message was lost): the row stays pending and the next sweep
  enqueues it again after REMINDERS_REQUEUE_SECONDS.
* Anything not sent within REMINDERS_MISSED_CUTOFF_MINUTES of its slot is skipped, so an evening
  reminder never arrives in the middle of the night after an outage.
"""

from .notifications import mark_read
from .preferences import (
    ensure_preferences,
    kinds_for_role,
    read_unsubscribe_token,
    save_preferences,
    unsubscribe,
    unsubscribe_token,
    unsubscribe_url,
)
from .sending import build_email, send_many, send_occurrence
from .sweep import SweepResult, active_zones, due_condition, prune, sweep

__all__ = [
    "SweepResult",
    "active_zones",
    "build_email",
    "due_condition",
    "ensure_preferences",
    "kinds_for_role",
    "mark_read",
    "prune",
    "read_unsubscribe_token",
    "save_preferences",
    "send_many",
    "send_occurrence",
    "sweep",
    "unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
]
