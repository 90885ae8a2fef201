"""Reads for the reminder pages, always for the requesting user only."""

from django.db.models import OuterRef, QuerySet

from clients.home import CountOf

from .models import Kind, Notification, ReminderOccurrence, ReminderPreference, State
from .services import kinds_for_role


def _unread(recipient) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True)


def unread_count(user) -> int:
    return _unread(user).count()


def unread_count_fact(user):
    """unread_count as an expression over a client's row (its login): the client home reads
    it with that row (clients.home)."""
    return CountOf(_unread(OuterRef("user_id")))


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


def since_for_session_prep(client, since) -> list[dict]:
    """Per kind since `since` (a date): reminders sent and not delivered, and how many of the
    questionnaires a reminder was sent for are still open. Counts only; two queries."""
    import datetime as dt

    from django.db.models import Count, Q

    from assessments.selectors import open_requests_for

    from .kinds import parse_target

    start = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
    occurrences = ReminderOccurrence.objects.filter(recipient_id=client.user_id, slot__gte=start)
    counts = {
        row["kind"]: row
        for row in occurrences.values("kind").annotate(
            sent=Count("id", filter=Q(state=State.SENT)),
            missed=Count("id", filter=Q(state__in=[State.SKIPPED, State.FAILED])),
        )
    }
    reminded = {
        parse_target(key)[1]
        for key in occurrences.filter(kind=Kind.ASSESSMENT_DUE, state=State.SENT).values_list("target_key", flat=True)
    }
    still_open = 0
    if reminded:
        still_open = sum(1 for r in open_requests_for(client) if r.pk in reminded)
    rows = []
    # No diary row: a prompt is not sent on a day the client already wrote, so its counts
    # would tell the therapist on which days private entries were written.
    for kind in (k for k in kinds_for_role("client") if k != Kind.DIARY):
        row = counts.get(kind, {"sent": 0, "missed": 0})
        rows.append(
            {
                "label": Kind(kind).label,
                "sent": row["sent"],
                "missed": row["missed"],
                "still_open": still_open if kind == Kind.ASSESSMENT_DUE else None,
            }
        )
    return rows


def schedule_summary(user) -> list[dict]:
    """Per reminder kind of the user's role: on or off, the local time and the days in words."""
    from .forms import DAY_CHOICES
    from .models import ALL_DAYS

    names = dict(DAY_CHOICES)
    rows = []
    for row in reminder_status(user):
        pref = row["pref"]
        days = pref.days if pref else ""
        row["on"] = bool(pref and pref.enabled)
        row["time"] = pref.local_time if pref else None
        row["every_day"] = days == ALL_DAYS
        row["days"] = [str(names[d]) for d in days if d in names]
        rows.append(row)
    return rows
