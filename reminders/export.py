"""Reminder data for the records app's export and erasure (see records/discovery.py).

Only when and what kind: a reminder never carried clinical content, so every viewer the
records app lets through (client, therapist, practice admin) may see these rows.
"""

from clients.access import relation

from .models import Notification, ReminderOccurrence, ReminderPreference, State


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if relation(viewer, client) is None:
        return {}
    sent = ReminderOccurrence.objects.filter(recipient_id=client.user_id, state=State.SENT).order_by("sent_at")
    prefs = ReminderPreference.objects.filter(user_id=client.user_id).order_by("kind")
    return {
        "reminders_sent": [{"kind": o.kind, "scheduled_for": o.slot, "sent_at": o.sent_at} for o in sent],
        "reminder_preferences": [
            {"kind": p.kind, "enabled": p.enabled, "local_time": p.local_time, "days": p.days,
             "quiet_start": p.quiet_start, "quiet_end": p.quiet_end, "channel": p.channel, "tone": p.tone}
            for p in prefs
        ],
    }  # fmt: skip


def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    return {
        "notifications": Notification.objects.filter(recipient_id=client.user_id).delete()[0],
        "reminder_occurrences": ReminderOccurrence.objects.filter(recipient_id=client.user_id).delete()[0],
        "reminder_preferences": ReminderPreference.objects.filter(user_id=client.user_id).delete()[0],
    }
