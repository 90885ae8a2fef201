"""The send: claim an occurrence, deliver it once, record the outcome (see the package docstring)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.localtime import zone_of

from .. import channels, conf, kinds
from ..models import (
    Delivery,
    DeliveryState,
    ReminderOccurrence,
    ReminderPreference,
    State,
)
from .preferences import unsubscribe_url
from .sweep import reclaimable

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


def _step(practice_id: int | None):
    """One committed step of a send. The steps must commit one by one, not as one transaction:
    "started" has to be durable before the irreversible hand-off, or a worker killed inside it
    would roll the mark back and the email would go out twice. With row-level security each
    step acts for the occurrence's practice (rowsecurity.scope)."""
    if practice_id is None:
        return transaction.atomic()
    from rowsecurity.scope import acting_for_practice

    return acting_for_practice(practice_id)


def send_occurrence(occurrence_id: int, now: datetime | None = None, practice_id: int | None = None) -> str:
    """Claim one occurrence and deliver each of its channels; safe to call any number of times."""
    now = now or timezone.now()
    step = partial(_step, practice_id)
    with step():
        claimed = (
            ReminderOccurrence.objects.filter(pk=occurrence_id)
            .filter(Q(state=State.PENDING) | reclaimable(now))
            .update(state=State.CLAIMED, claimed_at=now, attempts=F("attempts") + 1)
        )
        if not claimed:
            return "not-claimed"
        occ = ReminderOccurrence.objects.select_related("recipient").get(pk=occurrence_id)
        # Claimed again after the lease: a hand-off the lost worker had started may have arrived.
        Delivery.objects.filter(occurrence=occ, state=DeliveryState.STARTED).update(
            state=DeliveryState.UNKNOWN, finished_at=now, note="worker lost during the hand-off"
        )
        pref = ReminderPreference.objects.filter(user=occ.recipient, kind=occ.kind).first()
        reason = _skip_reason(occ, pref, now)
        if reason:
            Delivery.objects.filter(occurrence=occ, state=DeliveryState.PENDING).update(
                state=DeliveryState.SKIPPED, note=reason
            )
            return _settle(occ, now, skipped=reason)
        language = occ.recipient.language or settings.LANGUAGE_CODE
        with translation.override(language):
            message = kinds.MESSAGES[occ.kind](occ)
        wanted = channels.wanted_by(pref)
    with translation.override(language):
        for channel in wanted:
            if _deliver(channel, occ, message, now, step) == "lost-claim":
                return "lost-claim"
    with step():
        return _settle(occ, now)


def _deliver(channel: channels.Channel, occ, message: kinds.Message, now: datetime, step) -> str:
    with step():
        delivery, _created = Delivery.objects.get_or_create(occurrence=occ, channel=channel.name)
        if delivery.state != DeliveryState.PENDING:
            return delivery.state  # done by an earlier attempt
        mine = Delivery.objects.filter(
            pk=delivery.pk, state=DeliveryState.PENDING, occurrence__state=State.CLAIMED, occurrence__claimed_at=now
        )
        if channel.exactly_once:
            # Written in the same transaction that records it sent: exactly once.
            if not mine.update(state=DeliveryState.SENT, finished_at=now, attempts=F("attempts") + 1):
                return "lost-claim"
            channel.write(occ, message, now)
            return DeliveryState.SENT
    try:
        with step():  # a channel may read its own rows while preparing (a device's address)
            handoff = channel.prepare(occ, message)
    except Exception as error:  # noqa: BLE001 - nothing was handed over: retried
        with step():
            mine.update(attempts=F("attempts") + 1, note=_describe(error))
        return DeliveryState.PENDING
    try:
        with step():
            if not mine.update(state=DeliveryState.STARTED, started_at=timezone.now(), attempts=F("attempts") + 1):
                return "lost-claim"
        return _commit(delivery.pk, handoff, step)
    finally:
        _quietly_close(handoff)


def _commit(pk: int, handoff: channels.Handoff, step) -> str:
    """The one irreversible step, between "started" (committed) and its outcome: the window.
    It runs outside any database transaction."""
    started = Delivery.objects.filter(pk=pk, state=DeliveryState.STARTED)
    try:
        handoff.commit()
    except channels.NotDelivered as error:
        with step():
            if error.retry:
                started.update(state=DeliveryState.PENDING, started_at=None, note=_describe(error))
                return DeliveryState.PENDING
            started.update(state=DeliveryState.FAILED, finished_at=timezone.now(), note=_describe(error))
            return DeliveryState.FAILED
    except Exception as error:  # noqa: BLE001 - includes SoftTimeLimitExceeded
        # Cut off while the other side was answering: it may have the message. Not retried
        # by itself (a missed reminder is better than a duplicate); the admin sees it.
        with step():
            started.update(state=DeliveryState.UNKNOWN, finished_at=timezone.now(), note=_describe(error))
        return DeliveryState.UNKNOWN
    with step():
        started.update(state=DeliveryState.SENT, finished_at=timezone.now())
    return DeliveryState.SENT


def _quietly_close(handoff: channels.Handoff) -> None:
    try:
        handoff.close()
    except Exception:  # noqa: BLE001, S110 - the outcome is already recorded; QUIT is a courtesy
        pass


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:200]


def _settle(occ: ReminderOccurrence, now: datetime, skipped: str = "") -> str:
    """The occurrence's state from its channels' outcomes; retry channels not yet handed over."""
    deliveries = dict(Delivery.objects.filter(occurrence=occ).values_list("channel", "state"))
    if not skipped and DeliveryState.PENDING in deliveries.values():
        if occ.attempts < conf.get("REMINDERS_MAX_ATTEMPTS"):
            _finish(occ.pk, now, State.PENDING, _summary(occ, deliveries), enqueued_at=None)
            return "retry"
        Delivery.objects.filter(occurrence=occ, state=DeliveryState.PENDING).update(
            state=DeliveryState.FAILED, finished_at=now
        )
        deliveries = dict(Delivery.objects.filter(occurrence=occ).values_list("channel", "state"))
    note = skipped or _summary(occ, deliveries)
    if DeliveryState.SENT in deliveries.values():
        _finish(occ.pk, now, State.SENT, note, sent_at=timezone.now())
        return "sent"
    if skipped:
        _finish(occ.pk, now, State.SKIPPED, note)
        return "skipped"
    _finish(occ.pk, now, State.FAILED, note)
    return "unknown" if DeliveryState.UNKNOWN in deliveries.values() else "failed"


def _summary(occ: ReminderOccurrence, deliveries: dict[str, str]) -> str:
    """Each channel that did not simply arrive, e.g. "email: Outcome unknown (…)"."""
    notes = dict(Delivery.objects.filter(occurrence=occ).values_list("channel", "note"))
    parts = [
        f"{name}: {DeliveryState(state).label}" + (f" ({notes[name]})" if notes.get(name) else "")
        for name, state in deliveries.items()
        if state != DeliveryState.SENT
    ]
    return "; ".join(str(p) for p in parts)


def _skip_reason(occ: ReminderOccurrence, pref: ReminderPreference | None, now: datetime) -> str:
    """Why a claimed occurrence must not go out after all ("" when it should)."""
    user = occ.recipient
    cutoff = timedelta(minutes=conf.get("REMINDERS_MISSED_CUTOFF_MINUTES"))
    if not user.is_active:
        return "recipient inactive"
    if pref is None or not pref.enabled:
        return "turned off"
    if now - (occ.resent_at or occ.slot) > cutoff:
        return "missed: past the cut-off"
    if pref.in_quiet_hours(now.astimezone(zone_of(user)).time()):
        # The sweep never schedules inside quiet hours; only a late retry can land there.
        return "late and inside quiet hours"
    if (
        occ.resent_at is None
        and ReminderOccurrence.objects.filter(
            recipient=user,
            kind=occ.kind,
            target_key=occ.target_key,
            state=State.SENT,
            slot__gte=occ.slot - RECENT,
            slot__lt=occ.slot,
        ).exists()
    ):
        # A new time chosen just after today's reminder went out makes a second slot today;
        # one nudge per day is enough.
        return "already reminded recently"
    if not kinds.STILL_DUE.get(occ.kind, lambda _o: True)(occ):
        return "no longer due"
    return ""


def send_many(ids: Iterable[int], now: datetime | None = None) -> list[str]:
    return [send_occurrence(pk, now) for pk in ids]
