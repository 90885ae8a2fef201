"""Reminder settings: Django settings first, then the environment (so a test can configure a
worker subprocess), then the default."""

import os

from django.conf import settings

DEFAULTS = {
    # How long a claim protects a row from being claimed again. Must be longer than the send
    # task's hard time limit, so a live worker never has its claim taken over.
    "REMINDERS_CLAIM_LEASE_SECONDS": 30,
    # Occurrences not sent this long after their slot are skipped: a 20:00 reminder must not
    # arrive at 03:00 because the workers were down.
    "REMINDERS_MISSED_CUTOFF_MINUTES": 60,
    # Beat ticks that were missed (beat restarted, a slow sweep) are caught up this far back.
    "REMINDERS_CATCHUP_MINUTES": 3,
    # Pending rows whose task message was lost (a Redis restart) are enqueued again after this
    # long; with the requeue task every REMINDERS_REQUEUE_EVERY_SECONDS, a lost message or an
    # orphaned claim is picked up within a minute. A second message for a row is harmless.
    "REMINDERS_REQUEUE_SECONDS": 40,
    "REMINDERS_MAX_ATTEMPTS": 3,
    # Occurrence rows (delivery bookkeeping) are deleted after this many days.
    "REMINDERS_KEEP_DAYS": 90,
    # More due reminders than this in one sweep are handed out as fan-out tasks of this size.
    "REMINDERS_FAN_OUT_CHUNK": 250,
    # Days after the due day for the one follow-up of an unfinished questionnaire.
    "REMINDERS_ASSESSMENT_FOLLOWUP_DAYS": 3,
    # A client who has not written for this many days counts as "stopped writing" in the digest.
    "REMINDERS_DIARY_SILENT_DAYS": 7,
}


def get(name: str) -> float:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name)
    if value is None:
        value = DEFAULTS[name]
    return float(value)
