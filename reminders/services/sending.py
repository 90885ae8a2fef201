"""The send: claim an occurrence, deliver it once, record the outcome (see the package docstring)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.localtime import zone_of

from .. import conf, kinds
from ..models import (
    Notification,
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


def send_occurrence(occurrence_id: int, now: datetime | None = None) -> str:
    """Claim one occurrence and deliver it; safe to call any number of times. Returns the outcome."""
    now = now or timezone.now()
    claimed = (
        ReminderOccurrence.objects.filter(pk=occurrence_id)
        .filter(Q(state=State.PENDING) | reclaimable(now))
        .update(state=State.CLAIMED, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "not-claimed"
    occ = ReminderOccurrence.objects.select_related("recipient").get(pk=occurrence_id)
    user = occ.recipient
    pref = ReminderPreference.objects.filter(user=user, kind=occ.kind).first()
    reason = _skip_reason(occ, pref, now)
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
        outcome = _hand_to_mail_server(occ, email, now)
        if outcome:
            return outcome
    _finish(occ.pk, now, State.SENT, sent_at=timezone.now())
    return "sent"


def _skip_reason(occ: ReminderOccurrence, pref: ReminderPreference | None, now: datetime) -> str:
    """Why a claimed occurrence must not go out after all ("" when it should)."""
    user = occ.recipient
    cutoff = timedelta(minutes=conf.get("REMINDERS_MISSED_CUTOFF_MINUTES"))
    if not user.is_active:
        return "recipient inactive"
    if pref is None or not pref.enabled:
        return "turned off"
    if now - occ.slot > cutoff:
        return "missed: past the cut-off"
    if pref.in_quiet_hours(now.astimezone(zone_of(user)).time()):
        # The sweep never schedules inside quiet hours; only a late retry can land there.
        return "late and inside quiet hours"
    if ReminderOccurrence.objects.filter(
        recipient=user,
        kind=occ.kind,
        target_key=occ.target_key,
        state=State.SENT,
        slot__gte=occ.slot - RECENT,
        slot__lt=occ.slot,
    ).exists():
        # A new time chosen just after today's reminder went out makes a second slot today;
        # one nudge per day is enough.
        return "already reminded recently"
    if not kinds.STILL_DUE.get(occ.kind, lambda _o: True)(occ):
        return "no longer due"
    return ""


def _hand_to_mail_server(occ: ReminderOccurrence, email: EmailMultiAlternatives, now: datetime) -> str:
    """Send the email under this worker's claim; "" when the mail server accepted it, else the outcome."""
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
    return ""


def send_many(ids: Iterable[int], now: datetime | None = None) -> list[str]:
    return [send_occurrence(pk, now) for pk in ids]
