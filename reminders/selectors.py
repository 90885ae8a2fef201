"""Reads for the reminder pages, always for the requesting user only."""

from django.db.models import QuerySet

from .models import Kind, Notification, ReminderPreference
from .services import kinds_for_role


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications(user, limit: int = 50) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)[:limit]


def reminder_status(user) -> list[dict]:
    """On or off per kind (and the channel), for the therapist's view of a client: no content."""
    prefs = {p.kind: p for p in ReminderPreference.objects.filter(user=user)}
    rows = []
    for kind in kinds_for_role(user.role):
        pref = prefs.get(kind)
        rows.append({"kind": kind, "label": Kind(kind).label, "pref": pref})
    return rows
