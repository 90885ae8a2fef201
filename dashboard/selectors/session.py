"""Session preparation for the next planned session: what happened since the last session."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from accounts.localtime import client_today, zone_of
from accounts.models import User
from appointments import display
from appointments import selectors as appointments
from appointments.models import PlannedSession
from assessments.loader import get_instrument
from assessments.models import AssessmentRequest, RequestStatus
from assessments.selectors import HistoryRow, history_for_client
from clients.models import Client, TherapySession
from diary.models import DiaryEntry
from diary.selectors import visible_entries
from goals.models import ATTEMPT_OUTCOMES, CheckIn, Goal, GoalStatus

# With no session recorded yet, preparation looks back this many days.
NO_SESSION_WINDOW_DAYS = 14


@dataclass
class SinceLastSession:
    last_session: TherapySession | None
    since: dt.date
    scores: list[HistoryRow]  # each with reliable change vs its baseline and previous score
    entries: list[DiaryEntry]
    checkins: list[CheckIn]
    requests_missed: list[AssessmentRequest]
    goals_behind: list[tuple[Goal, int]]
    checkins_by_goal: list[tuple[Goal, list[CheckIn]]] = field(default_factory=list)
    window_days: int = NO_SESSION_WINDOW_DAYS
    next_planned: PlannedSession | None = None  # the session this preparation is for
    next_when: str = ""  # its time on the therapist's clock
    last_planned_day: dt.date | None = None  # a planned session since the last one recorded as held


def _new_scores(client: Client, start: dt.datetime, language: str) -> list[HistoryRow]:
    """Scores since `start` with their reliable change (assessments' own history, which knows
    the practice's figures and each instrument's baseline), named in the viewer's language."""
    rows = [row for row in history_for_client(client) if row.date >= start]
    for row in rows:
        spec = get_instrument(row.instrument)
        row.corner_label = spec.corner_label(row.corner, language)
        row.target_label = spec.target_label(row.target, language) if row.target else ""
    return rows


def _checkins_by_goal(therapist: User, client: Client, checkins: list[CheckIn]) -> list[tuple[Goal, list[CheckIn]]]:
    """Check-ins per goal (goals in order of their first check-in). A check-in's own notes are
    written for the goal work the therapist shares (goal pages show them too); a linked diary
    entry is named only when the therapist may see it (shared), never a private one."""
    linked = {c.diary_entry_id for c in checkins if c.diary_entry_id}
    visible = dict(
        visible_entries(therapist, client).filter(pk__in=linked).values_list("pk", "occurred_at") if linked else ()
    )
    groups: dict[int, tuple[Goal, list[CheckIn]]] = {}
    for c in checkins:
        c.shared_entry_at = visible.get(c.diary_entry_id)
        groups.setdefault(c.goal_id, (c.goal, []))[1].append(c)
    return list(groups.values())


def since_last_session(therapist: User, client: Client, *, today: dt.date | None = None) -> SinceLastSession:
    """What happened since the last recorded session (or the last NO_SESSION_WINDOW_DAYS days when none is).

    Shared diary entries only (diary.visible_entries for the therapist). Reminders are not
    read here: the dashboard may not import the reminders app (see ARCHITECTURE.md); the
    reminders app adds its part through clients.home.SESSION_PREP_SECTIONS. Fixed number
    of queries.
    """
    today = today or client_today(client)
    last = client.sessions.order_by("-held_on", "-id").first()
    tz = zone_of(client.user)
    # The last session is the later of the last one recorded as held and the last planned one
    # whose time has passed (held but not yet recorded).
    passed = appointments.planned(client).filter(starts_at__lte=timezone.now()).order_by("-starts_at").first()
    last_planned_day = passed.starts_at.astimezone(tz).date() if passed else None
    if last_planned_day and last and last_planned_day <= last.held_on:
        last_planned_day = None
    since = last_planned_day or (last.held_on if last else today - dt.timedelta(days=NO_SESSION_WINDOW_DAYS))
    start = dt.datetime.combine(since, dt.time.min, tzinfo=tz)
    scores = _new_scores(client, start, getattr(therapist, "language", "en") or "en")
    entries = list(visible_entries(therapist, client).filter(occurred_at__gte=start).order_by("occurred_at"))
    checkins = list(
        CheckIn.objects.filter(client=client, date__gte=since).select_related("goal", "step").order_by("date", "id")
    )
    missed = list(
        AssessmentRequest.objects.filter(client=client, due_date__gte=since, due_date__lt=today)
        .filter(Q(status=RequestStatus.MISSED) | Q(status=RequestStatus.OPEN))
        .order_by("due_date")
    )
    active_goals = list(client.goals.filter(status=GoalStatus.ACTIVE).order_by("start_date", "id"))
    attempts = defaultdict(int)
    for c in checkins:
        if c.outcome in ATTEMPT_OUTCOMES:
            attempts[c.goal_id] += 1
    days = max(1, (today - since).days + 1)
    behind = []
    for goal in active_goals:
        expected = int(goal.target_per_week * min(days, (today - max(since, goal.start_date)).days + 1) / 7)
        if attempts[goal.pk] < expected:
            behind.append((goal, expected - attempts[goal.pk]))
    upcoming = appointments.next_session(client)
    return SinceLastSession(
        last_session=last,
        since=since,
        scores=scores,
        entries=entries,
        checkins=checkins,
        requests_missed=missed,
        goals_behind=behind,
        checkins_by_goal=_checkins_by_goal(therapist, client, checkins),
        next_planned=upcoming,
        next_when=display.when(upcoming, therapist) if upcoming else "",
        last_planned_day=last_planned_day,
    )
