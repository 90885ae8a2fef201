"""Reminder preferences, one row per reminder occurrence, and the in-app notification list.

The occurrence row is what makes "exactly once" hold: it is unique per (recipient, kind,
target, scheduled slot), so sweeping twice cannot create two, and it is claimed with a
conditional UPDATE before anything is sent, so two workers cannot both send it.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ALL_DAYS = "1234567"  # ISO weekdays, Monday = 1


class Kind(models.TextChoices):
    DIARY = "diary", _("Diary prompt")
    ASSESSMENT_DUE = "assessment_due", _("Questionnaire due")
    GOAL_CHECKIN = "goal_checkin", _("Goal check-in")
    THERAPIST_DIGEST = "therapist_digest", _("Therapist digest")
    SAFETY_ALERT = "safety_alert", _("Safety-net alert")
    WEEKLY_REFLECTION = "weekly_reflection", _("Weekly reflection")
    ADMIN_DIGEST = "admin_digest", _("Emails to check")
    SESSION_EVE = "session_eve", _("The evening before a session")


class Tone(models.TextChoices):
    """How the weekly reflection is worded, chosen by the client (the words are in kinds.py)."""

    GENTLE = "gentle", _("Gentle")
    CURIOUS = "curious", _("Curious")
    BRIEF = "brief", _("Brief")


CLIENT_KINDS = (Kind.DIARY, Kind.ASSESSMENT_DUE, Kind.GOAL_CHECKIN, Kind.WEEKLY_REFLECTION, Kind.SESSION_EVE)
THERAPIST_KINDS = (Kind.THERAPIST_DIGEST, Kind.SAFETY_ALERT)
ADMIN_KINDS = (Kind.ADMIN_DIGEST,)
# Sent when something happens rather than at a chosen time of day (quiet hours still hold them).
EVENT_KINDS = (Kind.SAFETY_ALERT,)


class Channel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("reminder channel", "Email")
    IN_APP = "in_app", _("In the app")
    BOTH = "both", _("Email and in the app")


# What a new account starts with: reminders on (each email has a one-click way out), at a
# sensible local hour, never in the small hours.
DEFAULTS: dict[str, dict] = {
    Kind.DIARY: {"local_time": time(20, 0), "days": ALL_DAYS, "channel": Channel.BOTH},
    Kind.ASSESSMENT_DUE: {"local_time": time(10, 0), "days": ALL_DAYS, "channel": Channel.BOTH},
    Kind.GOAL_CHECKIN: {"local_time": time(18, 0), "days": ALL_DAYS, "channel": Channel.BOTH},
    # Weekly on Monday morning; picking every day makes it a daily digest.
    Kind.THERAPIST_DIGEST: {"local_time": time(8, 0), "days": "1", "channel": Channel.EMAIL},
    Kind.SAFETY_ALERT: {"local_time": time(8, 0), "days": ALL_DAYS, "channel": Channel.BOTH},
    # Once a week, on a quiet Sunday evening, until the client picks another day or switches it off.
    Kind.WEEKLY_REFLECTION: {"local_time": time(19, 0), "days": "7", "channel": Channel.BOTH},
    # The practice admin hears each morning about reminder emails whose arrival is unconfirmed
    # (only on a morning when there are any).
    Kind.ADMIN_DIGEST: {"local_time": time(8, 0), "days": ALL_DAYS, "channel": Channel.BOTH},
    # "Anything you want to share before tomorrow?": off until the client chooses it.
    Kind.SESSION_EVE: {"local_time": time(19, 30), "days": ALL_DAYS, "channel": Channel.BOTH, "enabled": False},
}


class ReminderPreference(models.Model):
    """When and how one user wants one kind of reminder; times are in the user's timezone."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences")
    kind = models.CharField(_("reminder"), max_length=32, choices=Kind.choices)
    enabled = models.BooleanField(_("on"), default=True)
    local_time = models.TimeField(_("time of day"), default=time(20, 0))
    # ISO weekday digits ("135" = Mon, Wed, Fri): portable to SQLite and PostgreSQL and
    # filterable with a plain `contains`, which keeps the sweep set-based.
    days = models.CharField(_("days"), max_length=7, default=ALL_DAYS)
    quiet_start = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet hours until"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.BOTH)
    # Push notifications (push/): on by default, but they only go to devices the person turned
    # notifications on in, so nobody receives one without asking.
    push = models.BooleanField(_("also as a notification on my devices"), default=True)
    # Only the weekly reflection uses it: the client picks the wording.
    tone = models.CharField(_("wording"), max_length=16, choices=Tone.choices, default=Tone.GENTLE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_reminder_preference_per_kind")]
        indexes = [models.Index(fields=["kind", "enabled", "local_time"])]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"

    def in_quiet_hours(self, local: time) -> bool:
        return in_quiet_window(local, self.quiet_start, self.quiet_end)

    @property
    def sends_email(self) -> bool:
        return self.channel in (Channel.EMAIL, Channel.BOTH)

    @property
    def sends_in_app(self) -> bool:
        return self.channel in (Channel.IN_APP, Channel.BOTH)


def in_quiet_window(local: time, start: time | None, end: time | None) -> bool:
    """[start, end) in local time; a window like 22:00–07:00 wraps past midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


class State(models.TextChoices):
    PENDING = "pending", _("Pending")
    CLAIMED = "claimed", _("Sending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped")
    FAILED = "failed", _("Failed")


class ReminderOccurrence(models.Model):
    """One reminder for one recipient at one scheduled minute (UTC)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # What the reminder is about ("" for the diary and digest, "assessment:12:due", "goal:7").
    target_key = models.CharField(max_length=64, default="", blank=True)
    slot = models.DateTimeField(help_text="scheduled minute, UTC")
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(null=True, blank=True)
    enqueue_token = models.CharField(max_length=32, blank=True, default="")
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set and committed immediately before the email is handed to the mail server. A claimed
    # row without it may be retried after the lease; one with it is never sent again.
    send_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=200, blank=True, default="")
    # A practice admin asked for a channel whose outcome was unknown to go out again: the
    # missed-reminder cut-off counts from here instead of from the slot.
    resent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "target_key", "slot"], name="one_reminder_per_recipient_target_slot"
            )
        ]
        indexes = [models.Index(fields=["state", "slot"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} @ {self.slot:%Y-%m-%d %H:%M} ({self.state})"


class Notification(models.Model):
    """The in-app copy of a reminder: a title and a link, never clinical content."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # One notification per occurrence: a retried send cannot add a second.
    occurrence = models.OneToOneField(
        ReminderOccurrence, null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    title = models.CharField(max_length=200)
    link = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Not sent yet")
    STARTED = "started", _("Handing over")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Not delivered")
    UNKNOWN = "unknown", _("Outcome unknown")
    SKIPPED = "skipped", _("Skipped")


class Delivery(models.Model):
    """One channel's delivery of one occurrence (email, in the app, …), each with its own outcome.

    A channel that writes only to our database (in the app) records its outcome in the same
    transaction: exactly once. A channel that hands the message to another server (email)
    commits `started` right before the one irreversible step; a worker lost after that leaves
    the outcome `unknown`, which is never retried by itself but shown to the practice admin.
    """

    occurrence = models.ForeignKey(ReminderOccurrence, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=16)
    state = models.CharField(max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, default="")
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["occurrence", "channel"], name="one_delivery_per_channel")]
        indexes = [models.Index(fields=["state", "started_at"])]

    def __str__(self) -> str:
        return f"{self.channel} of {self.occurrence_id} ({self.state})"
