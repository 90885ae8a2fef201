"""What the sessions app tells the apps above it (questionnaires timed to sessions, reminders).

``session_changed`` is sent inside the transaction that planned, moved, cancelled or recorded
a session, with ``session`` (PlannedSession) and ``change`` ("planned", "moved", "cancelled",
"held"), so a receiver's writes commit or roll back with it.
"""

from django.dispatch import Signal

session_changed = Signal()
