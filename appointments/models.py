"""Planned sessions (one-off or a weekly / fortnightly series), the therapist's note on a
session held, milestones on the progress chart, and the therapist's calendar feed.

Times: a planned session's start is stored in UTC (``starts_at``). A series remembers the wall
clock and zone it was planned in (``SessionSeries.local_time``/``zone``), so every session of a
weekly 10:00 Amsterdam series is 10:00 in Amsterdam on either side of a DST change; each
viewer then sees it in their own zone (``display.when``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Practice
from clients.models import Client, TherapySession


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class SessionSeries(models.Model):
    """'Every week (or every two weeks) at this local time until this date', as planned."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="session_series")
    interval_weeks = models.PositiveSmallIntegerField(_("repeat"), default=1)
    local_time = models.TimeField(_("time"))
    zone = models.CharField(_("time zone"), max_length=64)
    until = models.DateField(_("series until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A range, not IN (1, 2): Django's SQLite introspection misreads a comma in a CHECK.
            models.CheckConstraint(
                condition=models.Q(interval_weeks__gte=1, interval_weeks__lte=2),
                name="series_weekly_or_fortnightly_only",
            )
        ]

    def __str__(self) -> str:
        return f"series {self.pk} of {self.client_id}"


class PlannedSession(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="planned_sessions")
    series = models.ForeignKey(SessionSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    starts_at = models.DateTimeField(_("starts"), help_text="UTC")
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=50)
    mode = models.CharField(_("where"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    link = models.URLField(_("online link"), max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    held = models.OneToOneField(
        TherapySession, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned"
    )
    # iCalendar identity: the same UID with a higher SEQUENCE is the same event moved.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["client", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gte=5, minutes__lte=600), name="session_length_sane")
        ]

    def __str__(self) -> str:
        return f"{self.client_id} @ {self.starts_at:%Y-%m-%d %H:%M}Z"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)

    @property
    def is_planned(self) -> bool:
        return self.status == SessionStatus.PLANNED


class SessionNote(models.Model):
    """The therapist's short note on a session held: private to the treating therapist (a
    therapist after a reassignment reads it only if the practice allows, see PracticeSessionSettings)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="session_notes")
    session = models.OneToOneField(TherapySession, on_delete=models.CASCADE, related_name="clinical_note")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-session__held_on", "-id"]

    def __str__(self) -> str:
        return f"note on {self.session_id}"


class Milestone(models.Model):
    """A labelled marker on the progress chart: the therapist's (clinical, theirs to read) or
    the client's own words (visible to the client and their therapist)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="milestones")
    day = models.DateField(_("date"))
    text = models.CharField(_("milestone"), max_length=80)
    by_client = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.day} {self.text}"


class CalendarFeed(models.Model):
    """A therapist's private calendar address. Only a hash of its secret is stored: the address
    is shown once when made; revoking deletes the row, so the old address answers 404."""

    therapist = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=128, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"feed of {self.therapist_id}"


class PracticeSessionSettings(models.Model):
    """A practice's choice: does a therapist who takes over a client read earlier therapists' notes?"""

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="session_settings")
    notes_follow_client = models.BooleanField(
        _("a new therapist reads earlier session notes"),
        default=False,
        help_text=_("Off: after a reassignment, notes stay with the therapist who wrote them."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"session settings of {self.practice_id}"
