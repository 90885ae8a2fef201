"""Shared builders for the reminder tests."""

from datetime import UTC, datetime, time

from accounts.models import Role
from reminders.models import Kind, ReminderOccurrence, ReminderPreference
from reminders.services import send_many, sweep
from tests.factories import make_client, make_practice, make_user


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def client_with_diary(practice=None, *, tz="Europe/Amsterdam", at=time(20, 0), days="1234567", language="en", **pref):
    practice = practice or make_practice()
    therapist = make_user(practice, Role.THERAPIST)
    client = make_client(practice, therapist, language=language)
    client.user.timezone = tz
    client.user.save(update_fields=["timezone"])
    # Only the diary prompt, so each test counts exactly what it set up.
    ReminderPreference.objects.filter(user=client.user).exclude(kind=Kind.DIARY).update(enabled=False)
    ReminderPreference.objects.filter(user__role=Role.THERAPIST).update(enabled=False)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.DIARY).update(
        enabled=True, local_time=at, days=days, **pref
    )
    return client


def sweep_and_send(now: datetime):
    """The sweep with a dispatcher that sends in this process at the same instant."""
    return sweep(now, dispatch=lambda ids: send_many(ids, now))


def occurrences(user=None, **filters):
    qs = ReminderOccurrence.objects.all()
    if user is not None:
        qs = qs.filter(recipient=user)
    return qs.filter(**filters)
