"""Reminder preferences and one-click unsubscribe tokens."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import kinds
from ..models import (
    ADMIN_KINDS,
    CLIENT_KINDS,
    DEFAULTS,
    THERAPIST_KINDS,
    Kind,
    ReminderPreference,
)

# --- preferences ------------------------------------------------------------------------


def kinds_for_role(role: str) -> tuple[str, ...]:
    if role == "client":
        return CLIENT_KINDS
    if role == "therapist":
        return THERAPIST_KINDS
    if role == "admin":
        return ADMIN_KINDS
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


@transaction.atomic
def save_preferences(changes: list[tuple[ReminderPreference, dict]]) -> None:
    """Write several preferences at once (the form lists the fields): all of them or none."""
    for pref, fields in changes:
        for name, value in fields.items():
            setattr(pref, name, value)
        pref.save(update_fields=[*fields, "updated_at"])


# --- unsubscribe tokens -------------------------------------------------------------------


def _salt(kind: str) -> str:
    # A salt per kind: a token for the diary prompt cannot switch off anything else.
    return f"reminders.unsubscribe.{kind}"


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=_salt(kind), compress=True)


# A link in an email works this long: a forwarded or leaked old email cannot switch off
# someone's reminders for ever. The token carries its signing time (signing.dumps).
UNSUBSCRIBE_VALID_DAYS = 60


def read_unsubscribe_token(kind: str, token: str, *, max_age_days: int | None = UNSUBSCRIBE_VALID_DAYS) -> int | None:
    """The user id the token was made for, if it is genuine, for this kind and not older than
    `max_age_days` (None: any age, to tell an expired link from a forged one)."""
    if kind not in Kind.values:
        return None
    max_age = None if max_age_days is None else timedelta(days=max_age_days)
    try:
        data = signing.loads(token, salt=_salt(kind), max_age=max_age)
    except signing.BadSignature:  # forged, altered or (SignatureExpired) too old
        return None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("u"), int):
        return None
    return data["u"]


def expired_unsubscribe_token(kind: str, token: str) -> int | None:
    """The user id of a genuine link that is too old to act on (None for any other token)."""
    if read_unsubscribe_token(kind, token) is not None:
        return None
    return read_unsubscribe_token(kind, token, max_age_days=None)


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
