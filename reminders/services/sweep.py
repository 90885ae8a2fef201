"""The sweep: what is due now becomes occurrence rows, handed to send tasks (see the package docstring)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import CharField, DateTimeField, F, IntegerField, Q, QuerySet, Value

from .. import conf, kinds
from ..models import (
    Delivery,
    DeliveryState,
    ReminderOccurrence,
    ReminderPreference,
    State,
)
from ..scheduling import LocalWindow, floor_minute, group_zones

# --- the sweep ----------------------------------------------------------------------------


@dataclass
class SweepResult:
    slot: datetime
    created: int = 0
    skipped: int = 0
    failed: int = 0
    enqueued: list[int] = field(default_factory=list)


def _time_q(prefix: str, window: LocalWindow, field_name: str) -> Q:
    if window.start == window.until:
        return Q(**{f"{prefix}{field_name}": window.until})
    return Q(**{f"{prefix}{field_name}__gte": window.start, f"{prefix}{field_name}__lte": window.until})


def _quiet_q(prefix: str = "") -> Q:
    """The preference's own reminder time lies inside its quiet hours (a window may wrap midnight)."""
    start, end, at = f"{prefix}quiet_start", f"{prefix}quiet_end", F(f"{prefix}local_time")
    set_ = Q(**{f"{start}__isnull": False, f"{end}__isnull": False})
    plain = Q(**{f"{start}__lt": F(end), f"{start}__lte": at, f"{end}__gt": at})
    wraps = Q(**{f"{start}__gt": F(end)}) & (Q(**{f"{start}__lte": at}) | Q(**{f"{end}__gt": at}))
    return set_ & (plain | wraps)


def due_condition(groups: dict[LocalWindow, list[str]], extra: kinds.Extra | None = None) -> Q | None:
    """Preferences due in this UTC minute, as one condition over all zone groups.

    Due when the reminder time is in the zone's local window and not in quiet hours, or when
    quiet hours end in the window and the reminder time fell inside them (held until then).
    """
    quiet = _quiet_q()
    # Held across midnight (quiet 21:00-07:00, reminder at 21:30): the reminder belongs to the
    # day it was asked for, yesterday, not the day the quiet hours end on.
    before_midnight = Q(quiet_start__gt=F("quiet_end"), local_time__gte=F("quiet_start"))
    condition = None
    for window, zones in groups.items():
        today, yesterday = str(window.isoweekday), str(window.isoweekday - 1 or 7)
        at_time = _time_q("", window, "local_time") & ~quiet & Q(days__contains=today)
        held = (
            _time_q("", window, "quiet_end")
            & quiet
            & ((before_midnight & Q(days__contains=yesterday)) | (~before_midnight & Q(days__contains=today)))
        )
        part = Q(user__timezone__in=zones) & (at_time | held)
        if extra is not None:
            part &= extra(window, zones)
        condition = part if condition is None else condition | part
    return condition


_COLUMNS = ("recipient_id", "kind", "target_key", "slot", "state", "created_at", "attempts", "enqueue_token", "note")


def _insert_select(qs: QuerySet) -> int:
    """INSERT the rows of a values() queryset (aliases o_<column>) and ignore duplicates."""
    sql, params = qs.query.sql_with_params()
    qn = connection.ops.quote_name
    table = qn(ReminderOccurrence._meta.db_table)
    columns = ", ".join(qn(c) for c in _COLUMNS)
    picked = ", ".join(f"src.{qn('o_' + c)}" for c in _COLUMNS)
    if connection.vendor == "postgresql":
        statement = f"INSERT INTO {table} ({columns}) SELECT {picked} FROM ({sql}) src ON CONFLICT DO NOTHING"  # noqa: S608
    else:
        statement = f"INSERT OR IGNORE INTO {table} ({columns}) SELECT {picked} FROM ({sql}) src"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def _create_due(slot: datetime, zones: list[str], now: datetime) -> int:
    groups = group_zones(slot, zones)
    if not groups:
        return 0
    created = 0
    for source in kinds.all_sources():
        condition = due_condition(groups, source.extra)
        if condition is None:
            continue
        qs = ReminderPreference.objects.filter(kind=source.kind, enabled=True, user__is_active=True).filter(condition)
        if source.narrow is not None:
            qs = source.narrow(qs)
        target = source.target_expr() if source.target_expr else Value(source.target, output_field=CharField())
        rows = qs.annotate(
            o_recipient_id=F("user_id"),
            o_kind=Value(source.kind, output_field=CharField()),
            o_target_key=target,
            o_slot=Value(slot, output_field=DateTimeField()),
            o_state=Value(State.PENDING, output_field=CharField()),
            o_created_at=Value(now, output_field=DateTimeField()),
            o_attempts=Value(0, output_field=IntegerField()),
            o_enqueue_token=Value("", output_field=CharField()),
            o_note=Value("", output_field=CharField()),
        ).values(*("o_" + c for c in _COLUMNS))
        created += _insert_select(rows)
    return created


def active_zones() -> list[str]:
    """The distinct timezones of users with any reminder on (a few dozen at most)."""
    return list(
        ReminderPreference.objects.filter(enabled=True, user__is_active=True)
        .order_by()
        .values_list("user__timezone", flat=True)
        .distinct()
    )


def reclaimable(now: datetime) -> Q:
    """A claim whose worker is gone (the lease outlasts the send task's hard time limit).

    Claiming it again is safe: each channel already delivered or handed over is not repeated
    (see sending.send_occurrence)."""
    lease = timedelta(seconds=conf.get("REMINDERS_CLAIM_LEASE_SECONDS"))
    return Q(state=State.CLAIMED, claimed_at__lt=now - lease)


def mark_lost_handoffs(now: datetime) -> int:
    """Hand-offs started longer ago than the lease belong to a lost worker: outcome unknown."""
    lease = timedelta(seconds=conf.get("REMINDERS_CLAIM_LEASE_SECONDS"))
    return Delivery.objects.filter(state=DeliveryState.STARTED, started_at__lt=now - lease).update(
        state=DeliveryState.UNKNOWN, finished_at=now, note="worker lost during the hand-off"
    )


def _live(now: datetime) -> Q:
    """Occurrences still worth sending: within the cut-off of their slot or of an admin's resend."""
    cutoff = floor_minute(now) - timedelta(minutes=conf.get("REMINDERS_MISSED_CUTOFF_MINUTES"))
    return Q(slot__gte=cutoff, slot__lte=now) | Q(resent_at__gte=cutoff)


def requeue(now: datetime, dispatch: Callable[[list[int]], None] | None = None) -> list[int]:
    """Hand to the queue what is due and not in flight: new rows, rows whose task message was
    lost (a Redis restart), claims orphaned by a dead worker. Runs every few seconds."""
    lease = timedelta(seconds=conf.get("REMINDERS_CLAIM_LEASE_SECONDS"))
    requeue_after = timedelta(seconds=conf.get("REMINDERS_REQUEUE_SECONDS"))
    token = uuid.uuid4().hex
    ReminderOccurrence.objects.filter(_live(now)).filter(
        Q(state=State.PENDING) & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - requeue_after))
        | reclaimable(now) & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - lease))
    ).update(enqueue_token=token, enqueued_at=now)
    ids = list(
        # The state and slot range keep this on the (state, slot) index of an ever-growing table.
        ReminderOccurrence.objects.filter(_live(now))
        .filter(state__in=[State.PENDING, State.CLAIMED], enqueue_token=token)
        .order_by("slot", "id")
        .values_list("id", flat=True)
    )
    if ids:
        if dispatch is None:
            from ..tasks import enqueue_sends

            dispatch = enqueue_sends
        dispatch(ids)
    return ids


def sweep(now: datetime, dispatch: Callable[[list[int]], None] | None = None) -> SweepResult:
    """Create the occurrences due at `now` (and a few missed minutes) and hand them to `dispatch`.

    The number of queries depends on the number of distinct local windows (timezones with the
    same offset share one), never on the number of users.
    """
    slot = floor_minute(now)
    result = SweepResult(slot=slot)
    cutoff = slot - timedelta(minutes=conf.get("REMINDERS_MISSED_CUTOFF_MINUTES"))

    result.failed = mark_lost_handoffs(now)
    late = ReminderOccurrence.objects.filter(Q(state=State.PENDING) | reclaimable(now), slot__lt=cutoff).exclude(
        resent_at__gte=cutoff
    )
    # A channel that went out before the worker was lost still counts as reaching the person.
    late.filter(deliveries__state=DeliveryState.SENT).update(
        state=State.SENT, note="missed: the other channels were not sent before the cut-off"
    )
    result.skipped = late.update(state=State.SKIPPED, note="missed: not sent before the cut-off")

    zones = active_zones()
    if zones:
        catchup = int(conf.get("REMINDERS_CATCHUP_MINUTES"))
        for minutes_back in range(catchup, -1, -1):
            result.created += _create_due(slot - timedelta(minutes=minutes_back), zones, now)

    result.enqueued = requeue(now, dispatch)
    return result


def prune(now: datetime) -> int:
    """Delivery bookkeeping older than REMINDERS_KEEP_DAYS goes; notifications stay (SET_NULL)."""
    keep = timedelta(days=conf.get("REMINDERS_KEEP_DAYS"))
    _total, detail = ReminderOccurrence.objects.filter(slot__lt=now - keep).delete()
    return detail.get(ReminderOccurrence._meta.label, 0)  # their deliveries go with them
