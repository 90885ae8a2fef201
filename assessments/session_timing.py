"""Questionnaires timed to planned sessions: 'before every Nth session, opening D days before'.

A request belongs to one planned session (AssessmentRequest.planned_session) and is made when its
opening day comes (the session's date on the client's calendar minus D days). From then on it
follows its session: a moved session moves the same request row (its due date is the new opening
day), a cancelled session cancels it. The unique constraint on (schedule, planned_session,
target) makes a second generator run, a second worker or a repeated move create nothing.

Which sessions get one: the client's sessions that are not cancelled, from the schedule's first
date on, in time order; the 1st, the (N+1)th, the (2N+1)th… A request, once made, stays with its
session even if sessions before it are cancelled later (the client may already have started it).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.localtime import client_today, zone_of
from appointments.models import PlannedSession, SessionStatus

from .models import AssessmentRequest, AssessmentSchedule, RequestStatus


def session_day(session: PlannedSession, client) -> dt.date:
    return session.starts_at.astimezone(zone_of(client.user)).date()


def opening_day(schedule: AssessmentSchedule, session: PlannedSession) -> dt.date:
    return session_day(session, schedule.client) - dt.timedelta(days=schedule.open_days_before)


def chosen_sessions(schedule: AssessmentSchedule) -> list[PlannedSession]:
    """Every Nth not-cancelled session of the client from the schedule's first date on."""
    zone = zone_of(schedule.client.user)
    start = dt.datetime.combine(schedule.start_date, dt.time.min, tzinfo=zone)
    sessions = list(
        PlannedSession.objects.filter(client_id=schedule.client_id, starts_at__gte=start)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "id")
    )
    return sessions[:: schedule.sessions_every]


def _create(schedule: AssessmentSchedule, session: PlannedSession, target: str, opens: dt.date) -> bool:
    try:
        with transaction.atomic():
            _row, created = AssessmentRequest.objects.get_or_create(
                schedule=schedule,
                planned_session=session,
                target=target,
                defaults={"client_id": schedule.client_id, "instrument": schedule.instrument, "due_date": opens},
            )
    except IntegrityError:
        # Another session of this schedule already opens a request that day: one is enough.
        return False
    return created


def sync_schedule(schedule: AssessmentSchedule, *, today: dt.date | None = None) -> int:
    """Make the requests whose opening day has come for sessions still ahead; mark those whose
    session has passed without an answer missed. Idempotent; returns how many were made."""
    if not schedule.is_session_based or not schedule.is_active:
        return 0
    today = today or client_today(schedule.client)
    now = timezone.now()
    created = 0
    for session in chosen_sessions(schedule):
        opens = opening_day(schedule, session)
        if session.status != SessionStatus.PLANNED or session.starts_at <= now or opens > today:
            continue
        if schedule.end_date and session_day(session, schedule.client) > schedule.end_date:
            continue
        for target in schedule.target_list:
            created += _create(schedule, session, target, opens)
    AssessmentRequest.objects.filter(
        schedule=schedule,
        status=RequestStatus.OPEN,
        planned_session__starts_at__lt=now,
        planned_session__status=SessionStatus.PLANNED,
        administration__isnull=True,
    ).update(status=RequestStatus.MISSED, updated_at=now)
    return created


def generate(today: dt.date | None = None) -> int:
    """The generator's part for session-timed schedules (each client's own today)."""
    created = 0
    schedules = AssessmentSchedule.objects.filter(cancelled_at__isnull=True, sessions_every__isnull=False)
    for schedule in schedules.select_related("client__user").iterator():
        created += sync_schedule(schedule)
    return created


def on_session_changed(sender, *, session: PlannedSession, change: str, **_kwargs) -> None:
    """Receiver of appointments.signals.session_changed, inside the planning transaction."""
    now = timezone.now()
    if change == "cancelled":
        AssessmentRequest.objects.filter(planned_session=session, status=RequestStatus.OPEN).update(
            status=RequestStatus.CANCELLED, updated_at=now
        )
        return
    if change == "moved":
        for request in AssessmentRequest.objects.filter(planned_session=session, status=RequestStatus.OPEN):
            opens = opening_day(request.schedule, session)
            if request.due_date == opens:
                continue
            try:
                with transaction.atomic():
                    AssessmentRequest.objects.filter(pk=request.pk).update(due_date=opens, updated_at=now)
            except IntegrityError:
                AssessmentRequest.objects.filter(pk=request.pk).update(status=RequestStatus.CANCELLED, updated_at=now)
    if change in ("planned", "moved"):
        live = AssessmentSchedule.objects.filter(
            client_id=session.client_id, cancelled_at__isnull=True, sessions_every__isnull=False
        ).select_related("client__user")
        for schedule in live:
            sync_schedule(schedule)
