"""Writes for sessions: plan (one or a series), move and cancel (one, or it and the rest of its
series), record as held, notes, milestones, the calendar feed and the practice's note setting.

Callers pass records they obtained through clients.access. Every change to planned sessions runs
in one transaction with the ``session_changed`` signal, so a questionnaire request timed to a
session moves or goes with it, or nothing changes at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.localtime import zone_of
from clients.models import Client
from clients.services import record_session

from . import timing
from .models import (
    CalendarFeed,
    Milestone,
    Mode,
    PlannedSession,
    PracticeSessionSettings,
    SessionNote,
    SessionSeries,
    SessionStatus,
)
from .signals import session_changed

ONE, FOLLOWING = "one", "following"


class PlanningError(ValueError):
    """A plan that cannot be made; the message is translated and safe to show."""


def _changed(session: PlannedSession, change: str) -> None:
    session_changed.send(sender=PlannedSession, session=session, change=change)


@transaction.atomic
def plan(
    client: Client,
    *,
    by,
    day: dt.date,
    at: dt.time,
    minutes: int = 50,
    mode: str = Mode.IN_PERSON,
    link: str = "",
    repeat_weeks: int = 0,
    until: dt.date | None = None,
    zone: str | None = None,
) -> list[PlannedSession]:
    """One session, or a weekly (1) / fortnightly (2) series until `until`, at `at` on the wall
    clock of `zone` (the planner's own zone unless given)."""
    zone = zone or str(zone_of(by))
    if mode == Mode.ONLINE and not link:
        raise PlanningError(_("An online session needs the link the client will use."))
    series = None
    days = [day]
    if repeat_weeks:
        if repeat_weeks not in (1, 2):
            raise PlanningError(_("A series repeats every week or every two weeks."))
        if until is None or until < day:
            raise PlanningError(_("A series needs an end date on or after the first session."))
        series = SessionSeries.objects.create(
            client=client, interval_weeks=repeat_weeks, local_time=at, zone=zone, until=until, created_by=by
        )
        days = timing.series_days(day, repeat_weeks, until)
    made = []
    for each in days:
        session = PlannedSession.objects.create(
            client=client,
            series=series,
            therapist=by,
            starts_at=timing.instant(each, at, zone),
            minutes=minutes,
            mode=mode,
            link=link if mode == Mode.ONLINE else "",
        )
        _changed(session, "planned")
        made.append(session)
    return made


def _locked(session: PlannedSession) -> PlannedSession:
    return PlannedSession.objects.select_for_update().get(pk=session.pk)


def _scope(session: PlannedSession, scope: str):
    """The planned sessions a change applies to: this one, or this one and the later ones of its series."""
    if scope == FOLLOWING and session.series_id:
        return PlannedSession.objects.select_for_update().filter(
            series_id=session.series_id, status=SessionStatus.PLANNED, starts_at__gte=session.starts_at
        )
    return PlannedSession.objects.select_for_update().filter(pk=session.pk, status=SessionStatus.PLANNED)


@transaction.atomic
def move(
    session: PlannedSession,
    *,
    by,
    day: dt.date,
    at: dt.time,
    minutes: int | None = None,
    mode: str | None = None,
    link: str | None = None,
    scope: str = ONE,
    zone: str | None = None,
) -> list[PlannedSession]:
    """Move a planned session to `day` `at` (wall clock of `zone`, the mover's own unless given).
    With scope FOLLOWING the later sessions of its series move by the same number of days to the
    same time, each on its own date's clock. Nothing happens to a held or cancelled session."""
    session = _locked(session)
    if not session.is_planned:
        raise PlanningError(_("This session is no longer planned; it cannot be moved."))
    zone = zone or (session.series.zone if session.series_id and scope == FOLLOWING else str(zone_of(by)))
    mode = mode or session.mode
    if mode == Mode.ONLINE and not (link if link is not None else session.link):
        raise PlanningError(_("An online session needs the link the client will use."))
    shift = day - timing.local(session.starts_at, zone).date()
    moved = []
    for each in _scope(session, scope).order_by("starts_at"):
        new_day = day if each.pk == session.pk else timing.local(each.starts_at, zone).date() + shift
        starts = timing.instant(new_day, at, zone)
        each.minutes = minutes or each.minutes
        each.mode = mode
        each.link = (link if link is not None else each.link) if mode == Mode.ONLINE else ""
        if starts != each.starts_at:
            each.starts_at = starts
            each.sequence += 1
        each.save()
        _changed(each, "moved")
        moved.append(each)
    if scope == FOLLOWING and session.series_id:
        SessionSeries.objects.filter(pk=session.series_id).update(local_time=at, zone=zone)
    return moved


@transaction.atomic
def cancel(session: PlannedSession, *, by, scope: str = ONE) -> int:
    """Cancel a planned session (or it and the rest of its series). A second cancel changes nothing."""
    now = timezone.now()
    count = 0
    for each in _scope(session, scope):
        each.status = SessionStatus.CANCELLED
        each.cancelled_at = now
        each.sequence += 1
        each.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        _changed(each, "cancelled")
        count += 1
    return count


@transaction.atomic
def record_held(session: PlannedSession, *, by):
    """The planned session took place: one click makes the 'session held' record (on the
    client's local date), linked to the plan. A second click returns the same record."""
    session = _locked(session)
    if session.status == SessionStatus.HELD and session.held_id:
        return session.held
    if session.status != SessionStatus.PLANNED:
        raise PlanningError(_("A cancelled session cannot be recorded as held."))
    held_on = session.starts_at.astimezone(zone_of(session.client.user)).date()
    if held_on > timezone.now().astimezone(zone_of(session.client.user)).date():
        raise PlanningError(_("A session can be recorded as held on its day or later."))
    held = record_session(session.client, therapist=by, held_on=held_on)
    session.status = SessionStatus.HELD
    session.held = held
    session.save(update_fields=["status", "held", "updated_at"])
    _changed(session, "held")
    return held


# --- notes and milestones ------------------------------------------------------------------


def save_note(session_held, *, by, text: str) -> SessionNote | None:
    """Write (or rewrite) the note on a session held; an empty text removes it."""
    text = text.strip()
    if not text:
        SessionNote.objects.filter(session=session_held).delete()
        return None
    note, _created = SessionNote.objects.update_or_create(
        session=session_held, defaults={"client_id": session_held.client_id, "author": by, "text": text}
    )
    return note


def add_milestone(client: Client, *, by, day: dt.date, text: str, by_client: bool) -> Milestone:
    return Milestone.objects.create(client=client, day=day, text=text.strip(), by_client=by_client, author=by)


def delete_milestone(milestone: Milestone) -> None:
    milestone.delete()


# --- the therapist's calendar feed -------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def new_feed(therapist) -> str:
    """A fresh secret calendar address for the therapist (the old one stops working); the secret
    is returned once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(therapist=therapist).delete()
    CalendarFeed.objects.create(therapist=therapist, token_hash=hash_token(token))
    return token


def revoke_feed(therapist) -> bool:
    deleted, _detail = CalendarFeed.objects.filter(therapist=therapist).delete()
    return bool(deleted)


def feed_owner(token: str):
    """The therapist whose feed this secret opens, or None; marks the feed used."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("therapist").filter(token_hash=hash_token(token)).first()
    if feed is None or not feed.therapist.is_active:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.therapist


def set_notes_follow_client(practice, allowed: bool) -> PracticeSessionSettings:
    settings_row, _created = PracticeSessionSettings.objects.update_or_create(
        practice=practice, defaults={"notes_follow_client": allowed}
    )
    return settings_row
