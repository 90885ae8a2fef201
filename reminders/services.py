"""The sweep (what is due now → occurrence rows → send tasks) and the send (claim → deliver).

Exactly once, and what happens when things die
-----------------------------------------------
* Sweep twice, two beat processes, overlapping sweeps: occurrences are inserted with
  INSERT … SELECT … ON CONFLICT DO NOTHING against the unique (recipient, kind, target, slot),
  so each exists once; handing rows to the queue is marked with a conditional UPDATE, so two
  sweeps do not both enqueue the same row (and if they did, the claim below stops the second).
* Send: a conditional UPDATE claims the row (pending → claimed). Only the worker whose UPDATE
  matched may send. A retried or redelivered task finds the row claimed or sent and stops.
* Killed after claiming but before the mail server got the message: `send_started_at` is still
  empty, so once the lease has run out the next sweep enqueues the row again and it is sent.
* Killed after `send_started_at` was committed (during or right after the SMTP call): we cannot
  know whether the message left. The row is never sent again; the sweep marks it failed after
  the lease. This is the deliberate trade-off: for one occurrence a missed reminder is better
  than a duplicate, and the window is the length of one SMTP call.
* Killed before claiming (or the message was lost): the row stays pending and the next sweep
  enqueues it again after REMINDERS_REQUEUE_SECONDS.
* Anything not sent within REMINDERS_MISSED_CUTOFF_MINUTES of its slot is skipped, so an evening
  reminder never arrives in the middle of the night after an outage.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, F, IntegerField, Q, QuerySet, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.localtime import zone_of

from . import conf, kinds
from .models import (
    CLIENT_KINDS,
    DEFAULTS,
    THERAPIST_KINDS,
    Channel,
    Kind,
    Notification,
    ReminderOccurrence,
    ReminderPreference,
    State,
)
from .scheduling import LocalWindow, floor_minute, group_zones

# --- preferences ------------------------------------------------------------------------


def kinds_for_role(role: str) -> tuple[str, ...]:
    if role == "client":
        return CLIENT_KINDS
    if role == "therapist":
        return THERAPIST_KINDS
    return ()


def ensure_preferences(user) -> list[ReminderPreference]:
    """The user's preferences for every kind their role gets, created with defaults if missing."""
    wanted = kinds_for_role(user.role)
    if not wanted:
        return []
    ReminderPreference.objects.bulk_create(
        [ReminderPreference(user=user, kind=kind, **DEFAULTS[kind]) for kind in wanted], ignore_conflicts=True
    )
    prefs = {p.kind: p for p in ReminderPreference.objects.filter(user=user, kind__in=wanted)}
    return [prefs[kind] for kind in wanted if kind in prefs]


# --- unsubscribe tokens -------------------------------------------------------------------


def _salt(kind: str) -> str:
    # A salt per kind: a token for the diary prompt cannot switch off anything else.
    return f"reminders.unsubscribe.{kind}"


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=_salt(kind), compress=True)


def read_unsubscribe_token(kind: str, token: str) -> int | None:
    """The user id the token was made for, if it is genuine and for this kind."""
    if kind not in Kind.values:
        return None
    try:
        data = signing.loads(token, salt=_salt(kind))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("u"), int):
        return None
    return data["u"]


def unsubscribe_url(user, kind: str) -> str:
    path = reverse("reminders:unsubscribe", kwargs={"kind": kind, "token": unsubscribe_token(user, kind)})
    return kinds.absolute(path)


def unsubscribe(user_id: int, kind: str) -> bool:
    """Turn one kind off for one user; a second click changes nothing."""
    updated = ReminderPreference.objects.filter(user_id=user_id, kind=kind, enabled=True).update(
        enabled=False, updated_at=timezone.now()
    )
    if not updated and not ReminderPreference.objects.filter(user_id=user_id, kind=kind).exists():
        ReminderPreference.objects.get_or_create(
            user_id=user_id, kind=kind, defaults={**DEFAULTS.get(kind, {}), "enabled": False}
        )
    return bool(updated)


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
    condition = None
    for window, zones in groups.items():
        at_time = _time_q("", window, "local_time") & ~quiet
        held = _time_q("", window, "quiet_end") & quiet
        part = Q(user__timezone__in=zones, days__contains=str(window.isoweekday)) & (at_time | held)
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


def _reclaimable(now: datetime) -> Q:
    lease = timedelta(seconds=conf.get("REMINDERS_CLAIM_LEASE_SECONDS"))
    return Q(state=State.CLAIMED, send_started_at__isnull=True, claimed_at__lt=now - lease)


def sweep(now: datetime, dispatch: Callable[[list[int]], None] | None = None) -> SweepResult:
    """Create the occurrences due at `now` (and a few missed minutes) and hand them to `dispatch`.

    The number of queries depends on the number of distinct local windows (timezones with the
    same offset share one), never on the number of users.
    """
    slot = floor_minute(now)
    result = SweepResult(slot=slot)
    lease = timedelta(seconds=conf.get("REMINDERS_CLAIM_LEASE_SECONDS"))
    cutoff = slot - timedelta(minutes=conf.get("REMINDERS_MISSED_CUTOFF_MINUTES"))
    requeue = timedelta(seconds=conf.get("REMINDERS_REQUEUE_SECONDS"))

    result.skipped = ReminderOccurrence.objects.filter(
        Q(state=State.PENDING) | _reclaimable(now), slot__lt=cutoff
    ).update(state=State.SKIPPED, note="missed: not sent before the cut-off")
    result.failed = ReminderOccurrence.objects.filter(
        state=State.CLAIMED, send_started_at__isnull=False, claimed_at__lt=now - lease
    ).update(state=State.FAILED, note="worker lost during the send; not retried to avoid a duplicate")

    zones = active_zones()
    if zones:
        catchup = int(conf.get("REMINDERS_CATCHUP_MINUTES"))
        for minutes_back in range(catchup, -1, -1):
            result.created += _create_due(slot - timedelta(minutes=minutes_back), zones, now)

    token = uuid.uuid4().hex
    ReminderOccurrence.objects.filter(slot__gte=cutoff, slot__lte=slot).filter(
        Q(state=State.PENDING) & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - requeue))
        | _reclaimable(now) & Q(enqueued_at__lt=now - lease)
    ).update(enqueue_token=token, enqueued_at=now)
    result.enqueued = list(
        # The state and slot range keep this on the (state, slot) index of an ever-growing table.
        ReminderOccurrence.objects.filter(
            state__in=[State.PENDING, State.CLAIMED], slot__gte=cutoff, slot__lte=slot, enqueue_token=token
        )
        .order_by("slot", "id")
        .values_list("id", flat=True)
    )
    if result.enqueued:
        if dispatch is None:
            from .tasks import enqueue_sends

            dispatch = enqueue_sends
        dispatch(result.enqueued)
    return result


# --- the send -----------------------------------------------------------------------------

RECENT = timedelta(hours=12)


def _finish(pk: int, claimed_at: datetime, state: str, note: str = "", **extra) -> bool:
    """Move our claimed row on; does nothing if the claim is no longer ours."""
    return bool(
        ReminderOccurrence.objects.filter(pk=pk, state=State.CLAIMED, claimed_at=claimed_at).update(
            state=state, note=note[:200], **extra
        )
    )


def build_email(occurrence: ReminderOccurrence, message: kinds.Message) -> EmailMultiAlternatives:
    user = occurrence.recipient
    unsubscribe = unsubscribe_url(user, occurrence.kind)
    context = {
        "message": message,
        "link": kinds.absolute(message.link),
        "unsubscribe_url": unsubscribe,
        "settings_url": kinds.absolute(reverse("reminders:preferences")),
    }
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=render_to_string("reminders/email/reminder.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            # RFC 8058: the mail client may POST to the link without opening a page.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(render_to_string("reminders/email/reminder.html", context), "text/html")
    return email


def send_occurrence(occurrence_id: int, now: datetime | None = None) -> str:
    """Claim one occurrence and deliver it; safe to call any number of times. Returns the outcome."""
    now = now or timezone.now()
    claimed = (
        ReminderOccurrence.objects.filter(pk=occurrence_id)
        .filter(Q(state=State.PENDING) | _reclaimable(now))
        .update(state=State.CLAIMED, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "not-claimed"
    occ = ReminderOccurrence.objects.select_related("recipient").get(pk=occurrence_id)
    user = occ.recipient
    pref = ReminderPreference.objects.filter(user=user, kind=occ.kind).first()
    local_now = now.astimezone(zone_of(user))
    cutoff = timedelta(minutes=conf.get("REMINDERS_MISSED_CUTOFF_MINUTES"))

    reason = ""
    if not user.is_active:
        reason = "recipient inactive"
    elif pref is None or not pref.enabled:
        reason = "turned off"
    elif now - occ.slot > cutoff:
        reason = "missed: past the cut-off"
    elif pref.in_quiet_hours(local_now.time()):
        # The sweep never schedules inside quiet hours; only a late retry can land there.
        reason = "late and inside quiet hours"
    elif ReminderOccurrence.objects.filter(
        recipient=user,
        kind=occ.kind,
        target_key=occ.target_key,
        state=State.SENT,
        slot__gte=occ.slot - RECENT,
        slot__lt=occ.slot,
    ).exists():
        # A new time chosen just after today's reminder went out makes a second slot today;
        # one nudge per day is enough.
        reason = "already reminded recently"
    elif not kinds.STILL_DUE.get(occ.kind, lambda _o: True)(occ):
        reason = "no longer due"
    if reason:
        _finish(occ.pk, now, State.SKIPPED, reason)
        return "skipped"

    with translation.override(user.language or settings.LANGUAGE_CODE):
        message = kinds.MESSAGES[occ.kind](occ)
        email = build_email(occ, message) if pref.sends_email else None
        title = str(message.in_app_title or message.subject)
        link = message.in_app_link or message.link

    if pref.sends_in_app:
        # Same transaction as the OneToOne insert: a second run finds the row and adds nothing.
        with transaction.atomic():
            Notification.objects.get_or_create(
                occurrence=occ,
                defaults={"recipient": user, "kind": occ.kind, "title": title, "link": link, "created_at": now},
            )
    if email is not None:
        started = ReminderOccurrence.objects.filter(pk=occ.pk, state=State.CLAIMED, claimed_at=now).update(
            send_started_at=timezone.now()
        )
        if not started:
            return "lost-claim"
        try:
            email.send()
        except SoftTimeLimitExceeded:
            # Cut off in the middle of talking to the mail server: it may have taken the
            # message. Not retried (a missed reminder is better than a duplicate).
            _finish(occ.pk, now, State.FAILED, "timed out during the send; outcome unknown")
            return "failed"
        except Exception as error:  # noqa: BLE001 - any backend error means "not handed over"
            # The backend raised, so the message was not accepted: give the row back for a retry.
            retry = occ.attempts < conf.get("REMINDERS_MAX_ATTEMPTS")
            _finish(
                occ.pk,
                now,
                State.PENDING if retry else State.FAILED,
                f"{type(error).__name__}: {error}",
                send_started_at=None,
                enqueued_at=None,
            )
            return "retry" if retry else "failed"
    _finish(occ.pk, now, State.SENT, sent_at=timezone.now())
    return "sent"


def send_many(ids: Iterable[int], now: datetime | None = None) -> list[str]:
    return [send_occurrence(pk, now) for pk in ids]


def prune(now: datetime) -> int:
    """Delivery bookkeeping older than REMINDERS_KEEP_DAYS goes; notifications stay (SET_NULL)."""
    keep = timedelta(days=conf.get("REMINDERS_KEEP_DAYS"))
    deleted, _detail = ReminderOccurrence.objects.filter(slot__lt=now - keep).delete()
    return deleted


# --- in-app notifications -----------------------------------------------------------------


def mark_read(user, pk: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


__all__ = [
    "Channel",
    "ensure_preferences",
    "mark_read",
    "read_unsubscribe_token",
    "send_occurrence",
    "sweep",
    "unsubscribe",
    "unsubscribe_token",
]
