"""The sweep (what is due now → occurrence rows → send tasks) and the send (claim → deliver).

Exactly once, and what happens when things die
-----------------------------------------------
* Sweep twice, two beat processes, overlapping sweeps: occurrences are inserted with
  INSERT … SELECT … ON CONFLICT DO NOTHING against the unique (recipient, kind, target, slot),
  so each exists once; handing rows to the queue is marked with a conditional UPDATE, so two
  sweeps do not both enqueue the same row (and if they did, the claim below stops the second).
* Send: a conditional UPDATE claims the row (pending → claimed). Only the worker whose UPDATE
  matched may send. A retried or redelivered task finds the row claimed or sent and stops.
* Each channel (reminders/channels.py) is delivered separately, with its own `Delivery` row:
  in the app first, in the same transaction that records it (exactly once), then email.
* Email: the message is built, the connection opened, sender, recipient and body sent before
  the delivery is marked `started`; only the final "." of DATA and the server's answer lie
  inside the window. Killed before `started`: the claim runs out (REMINDERS_CLAIM_LEASE_SECONDS)
  and the row is claimed again and sent. Killed inside the window: we cannot know whether the
  server has the message, so it is never sent again by itself (a missed reminder is better
  than a duplicate); the delivery is marked `unknown` and the practice admin sees it with a
  one-click resend (reminders/unconfirmed.py: the page, the menu badge, the morning email).
* Killed before claiming (or the message was lost): the row stays pending and the requeue task
  (every REMINDERS_REQUEUE_EVERY_SECONDS) enqueues it again after REMINDERS_REQUEUE_SECONDS.
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
from .resend import resend
from .sending import build_email, send_many, send_occurrence
from .sweep import SweepResult, active_zones, due_condition, prune, requeue, sweep

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
    "requeue",
    "resend",
    "save_preferences",
    "send_many",
    "send_occurrence",
    "sweep",
    "unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
]
