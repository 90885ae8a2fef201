"""Reads of planned sessions, notes and milestones, always after clients.access has opened the client."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet
from django.utils import timezone

from clients.access import can_read_session_note, can_see_milestone
from clients.home import RowsOf, rows_as

from .models import Milestone, PlannedSession, PracticeSessionSettings, SessionNote, SessionStatus

# The therapist's feed shows this far back (moved and cancelled sessions included, so a calendar
# that fetched them before learns they changed).
FEED_PAST_DAYS = 60


def planned(client) -> QuerySet[PlannedSession]:
    return PlannedSession.objects.filter(client=client, status=SessionStatus.PLANNED)


def upcoming(client, *, now: dt.datetime | None = None) -> QuerySet[PlannedSession]:
    """Planned sessions that have not ended yet, soonest first."""
    return _starting_after(client, sessions_from(now or timezone.now()))


def sessions_from(now: dt.datetime) -> dt.datetime:
    """A session that has not ended at `now` started after this (no session is longer)."""
    return now - dt.timedelta(hours=10)


def _starting_after(client, after: dt.datetime) -> QuerySet[PlannedSession]:
    return planned(client).filter(starts_at__gt=after).order_by("starts_at", "id")


def next_session(client, *, now: dt.datetime | None = None, rows=None) -> PlannedSession | None:
    """The first planned session that has not ended. `rows`: next_session_fact as read with
    the client's row (the client home), instead of asking the database."""
    now = now or timezone.now()
    candidates = upcoming(client, now=now)[:3] if rows is None else rows_as(PlannedSession, rows)
    for session in candidates:
        if session.ends_at > now:
            return session
    return None


# What the client home shows of the next session (appointments/_home_section.html).
NEXT_FIELDS = ("id", "client_id", "therapist_id", "series_id", "starts_at", "minutes", "mode", "link", "status")


def next_session_fact(at):
    """next_session's candidates as an expression over the client's row (clients.home); `at`
    holds sessions_from (registered in AppointmentsConfig)."""
    return RowsOf(_starting_after(OuterRef("pk"), at["sessions_from"])[:3], *NEXT_FIELDS)


def to_record(client, *, now: dt.datetime | None = None) -> QuerySet[PlannedSession]:
    """Planned sessions whose time has come and that are not yet recorded as held or cancelled."""
    now = now or timezone.now()
    return planned(client).filter(starts_at__lte=now).order_by("-starts_at")


def session_days(client, since: dt.date, zone) -> list[dt.date]:
    """The local dates (in `zone`) of sessions held or planned from `since` on, for the chart."""
    start = dt.datetime.combine(since, dt.time.min, tzinfo=zone)
    days = {
        s.astimezone(zone).date()
        for s in PlannedSession.objects.filter(client=client, starts_at__gte=start)
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("starts_at", flat=True)
    }
    days |= set(client.sessions.filter(held_on__gte=since).values_list("held_on", flat=True))
    return sorted(days)


def for_feed(therapist, *, now: dt.datetime | None = None) -> QuerySet[PlannedSession]:
    """Every session of the therapist's current clients from FEED_PAST_DAYS ago on."""
    now = now or timezone.now()
    return (
        PlannedSession.objects.filter(
            client__therapist=therapist,
            client__practice_id=therapist.practice_id,
            starts_at__gte=now - dt.timedelta(days=FEED_PAST_DAYS),
        )
        .select_related("client")
        .order_by("starts_at", "id")
    )


def notes_follow_client(practice_id: int) -> bool:
    return bool(
        PracticeSessionSettings.objects.filter(practice_id=practice_id)
        .values_list("notes_follow_client", flat=True)
        .first()
    )


def readable_notes(viewer, client) -> list[SessionNote]:
    """The session notes this viewer may read (clients.access decides per note's author)."""
    follow = notes_follow_client(client.practice_id)
    notes = SessionNote.objects.filter(client=client).select_related("session", "author")
    return [n for n in notes if can_read_session_note(viewer, client, n.author_id, follow)]


def milestones(viewer, client, *, since: dt.date | None = None) -> list[Milestone]:
    rows = Milestone.objects.filter(client=client).select_related("author")
    if since is not None:
        rows = rows.filter(day__gte=since)
    return [m for m in rows if can_see_milestone(viewer, client, m.by_client)]
