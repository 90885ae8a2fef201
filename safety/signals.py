"""alert_created(sender=Alert, alert=Alert): sent once per new alert, after commit.

The reminders app (which sits above safety) listens and delivers it to the therapist by
email and in-app notification, without clinical content.
"""

from django.dispatch import Signal

alert_created = Signal()
