"""Demo reminders for seed_demo: the last days' reminders already sent, as the worker would have.

So a newcomer to `make run` finds notifications in the bell, reminder counts on the session
preparation page and sent rows in the admin before the scheduler has sent anything itself.
Each client prompt is dated at the client's own reminder time and only while they were in
therapy; a diary prompt on a day the client had written is skipped, as the send would. The
in-app title and link come from the same message functions the send uses.

seed(practice, *, therapists, clients, today) is idempotent: occurrences are unique per
(recipient, kind, target, slot) and a notification is one per occurrence.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts.localtime import week_start, zone_of
from clients.demo import history_window
from clients.models import ClientStatus

from . import kinds
from .models import Kind, Notification, ReminderOccurrence, ReminderPreference, State
from .services import ensure_preferences

DAYS_OF_HISTORY = 7
READ_AFTER = dt.timedelta(hours=2)  # each was opened two hours after it came, but the latest


def _slot(user, pref: ReminderPreference | None, day: dt.date, now: dt.datetime) -> dt.datetime | None:
    """When the sweep would have scheduled this reminder on `day` (UTC), or None if it would not."""
    if pref is None or str(day.isoweekday()) not in pref.days:
        return None
    slot = dt.datetime.combine(day, pref.local_time, zone_of(user)).astimezone(dt.UTC)
    return slot if slot < now else None


def _still_due(user, kind: str, target: str, slot: dt.datetime) -> bool:
    """The send's own check: a diary prompt on a day with an entry, a goal checked in on, … is not."""
    occurrence = ReminderOccurrence(recipient=user, kind=kind, target_key=target, slot=slot)
    return kinds.STILL_DUE.get(kind, lambda _o: True)(occurrence)


def _deliver(user, pref, slot: dt.datetime, target: str, now: dt.datetime, *, due: bool) -> int:
    """One sent (or skipped, when no longer due) occurrence and its in-app copy; 1 if new."""
    sent_at = slot + dt.timedelta(seconds=3)
    occurrence, created = ReminderOccurrence.objects.get_or_create(
        recipient=user,
        kind=pref.kind,
        target_key=target,
        slot=slot,
        defaults={
            "state": State.SENT if due else State.SKIPPED,
            "note": "" if due else "no longer due",
            "created_at": slot,
            "enqueued_at": slot,
            "claimed_at": slot,
            "send_started_at": sent_at if due and pref.sends_email else None,
            "sent_at": sent_at if due else None,
            "attempts": 1,
        },
    )
    if created and due and pref.sends_in_app:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            message = kinds.MESSAGES[pref.kind](occurrence)
            title, link = str(message.in_app_title or message.subject), message.in_app_link or message.link
        Notification.objects.get_or_create(
            occurrence=occurrence,
            defaults={
                "recipient": user,
                "kind": pref.kind,
                "title": title,
                "link": link,
                "created_at": sent_at,
                "read_at": min(sent_at + READ_AFTER, now),
            },
        )
    return int(created)


def _client_reminders(client, today: dt.date, now: dt.datetime) -> int:
    first, last = history_window(client, today)
    if client.status == ClientStatus.PAUSED or first > last:
        return 0  # a paused client gets no prompts (as the sweep decides)
    user = client.user
    prefs = {p.kind: p for p in ensure_preferences(user) if p.enabled}
    created = 0
    requests = client.assessment_requests.filter(due_date__gte=today - dt.timedelta(days=DAYS_OF_HISTORY))
    for day in (today - dt.timedelta(days=n) for n in range(DAYS_OF_HISTORY, -1, -1)):
        if not first <= day <= last:
            continue
        if slot := _slot(user, prefs.get(Kind.DIARY), day, now):
            # The sweep makes a diary prompt every day; the send skips it if the client wrote.
            created += _deliver(user, prefs[Kind.DIARY], slot, "", now, due=_still_due(user, Kind.DIARY, "", slot))
        slot = _slot(user, prefs.get(Kind.GOAL_CHECKIN), day, now)
        if slot and _still_due(user, Kind.GOAL_CHECKIN, "goals", slot):
            # The sweep only makes a check-in reminder for a client behind on a goal.
            created += _deliver(user, prefs[Kind.GOAL_CHECKIN], slot, "goals", now, due=True)
        slot = _slot(user, prefs.get(Kind.ASSESSMENT_DUE), day, now)
        for request in (r for r in requests if r.due_date == day and slot):
            # Sent in the morning of the due day, while the questionnaire was still open (the
            # client may have filled it in since, so "still due" is not asked today).
            target = f"assessment:{request.pk}:due"
            created += _deliver(user, prefs[Kind.ASSESSMENT_DUE], slot, target, now, due=True)
    return created


def seed(practice, *, therapists, clients, today: dt.date) -> dict:
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for client in clients:
            if client.practice_id == practice.pk:
                created += _client_reminders(client, today, now)
        for therapist in therapists:
            # The weekly overview on the last Monday morning (email only by default).
            prefs = {p.kind: p for p in ensure_preferences(therapist) if p.enabled}
            monday = week_start(today - dt.timedelta(days=1))
            if slot := _slot(therapist, prefs.get(Kind.THERAPIST_DIGEST), monday, now):
                created += _deliver(therapist, prefs[Kind.THERAPIST_DIGEST], slot, "", now, due=True)
        _latest_unread(clients)
    return {"reminder_occurrences": created}


def _latest_unread(clients) -> None:
    """Each client's latest notice is still unread, whatever the time of day the demo is seeded
    (an age limit left every notice read on a morning seed, after the evening's prompts)."""
    for client in clients:
        latest = Notification.objects.filter(recipient=client.user_id).order_by("-created_at").first()
        if latest is not None and latest.read_at is not None:
            Notification.objects.filter(pk=latest.pk).update(read_at=None)
