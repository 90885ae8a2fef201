"""Schedules, requests, administrations with their item answers, and stored scores.

Instruments themselves are data files (see loader.py); rows here refer to them by slug and
store the instrument version that produced each score.

Immutability: once an administration is submitted, neither it nor its answers may change —
a correction is a new administration. The services enforce this and save()/delete() below
refuse as a second line of defence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Practice
from appointments.models import PlannedSession
from clients.models import Client


class ImmutableError(Exception):
    """A submitted administration, its answers or its score was about to change."""


class AssessmentSchedule(models.Model):
    """'Give this instrument once, or every N weeks from a date (until a date)', or 'before every
    Nth planned session, opening D days before it' (sessions_every / open_days_before)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="assessment_schedules")
    instrument = models.CharField(_("instrument"), max_length=32)
    # ECR-RS: the relationship targets (slugs from the instrument file); empty for ECR-R.
    targets = models.JSONField(_("relationships"), default=list, blank=True)
    start_date = models.DateField(_("first date"))
    interval_weeks = models.PositiveSmallIntegerField(_("every N weeks"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    # Timed to sessions: before the 1st, (N+1)th, … planned session from start_date on.
    sessions_every = models.PositiveSmallIntegerField(_("before every Nth session"), null=True, blank=True)
    open_days_before = models.PositiveSmallIntegerField(_("opens days before the session"), default=2)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interval_weeks__isnull=True) | models.Q(interval_weeks__gte=1),
                name="schedule_interval_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="schedule_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} for {self.client_id}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    @property
    def is_once(self) -> bool:
        return self.interval_weeks is None and self.sessions_every is None

    @property
    def is_session_based(self) -> bool:
        return self.sessions_every is not None

    @property
    def target_list(self) -> list[str]:
        return list(self.targets or []) or [""]


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    MISSED = "missed", _("Missed")


class AssessmentRequest(models.Model):
    """One occurrence of a schedule for one relationship target: 'fill this in by <date>'."""

    schedule = models.ForeignKey(AssessmentSchedule, on_delete=models.CASCADE, related_name="requests")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="assessment_requests")
    instrument = models.CharField(_("instrument"), max_length=32)
    target = models.CharField(_("relationship"), max_length=32, blank=True, default="")
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    # For a schedule timed to sessions: the session this request comes before (due_date is the
    # day it opens); moving the session moves this row, cancelling it cancels this row.
    planned_session = models.ForeignKey(
        PlannedSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessment_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            # Generating the same occurrence twice (beat + manual run, two workers) is a no-op.
            models.UniqueConstraint(fields=["schedule", "due_date", "target"], name="one_request_per_occurrence"),
            # Nothing is asked twice before the same session, however often the session moves.
            models.UniqueConstraint(
                fields=["schedule", "planned_session", "target"],
                condition=models.Q(planned_session__isnull=False),
                name="one_request_per_session",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["client", "status"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.target} due {self.due_date}"


class Administration(models.Model):
    """One filling-in of a request. Answers accumulate while open; frozen once submitted."""

    request = models.OneToOneField(AssessmentRequest, on_delete=models.CASCADE, related_name="administration")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="administrations")
    instrument = models.CharField(max_length=32)
    instrument_version = models.CharField(max_length=64)
    target = models.CharField(max_length=32, blank=True, default="")
    language = models.CharField(max_length=8, default="en")
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["client", "instrument", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} #{self.pk}"

    def save(self, *args, **kwargs):
        if self._stored_is_submitted():
            raise ImmutableError("A submitted administration cannot be changed; record a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_is_submitted():
            raise ImmutableError("A submitted administration cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def _stored_is_submitted(self) -> bool:
        return self.pk is not None and Administration.objects.filter(pk=self.pk, submitted_at__isnull=False).exists()


class Response(models.Model):
    """One item's answer, stored exactly as given (raw, not reverse-keyed)."""

    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="responses")
    item_number = models.PositiveSmallIntegerField()
    answer = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_number"]
        constraints = [models.UniqueConstraint(fields=["administration", "item_number"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item_number}={self.answer}"

    def save(self, *args, **kwargs):
        if Administration.objects.filter(pk=self.administration_id, submitted_at__isnull=False).exists():
            raise ImmutableError("Answers of a submitted administration cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Administration.objects.filter(pk=self.administration_id, submitted_at__isnull=False).exists():
            raise ImmutableError("Answers of a submitted administration cannot be deleted.")
        return super().delete(*args, **kwargs)


class Score(models.Model):
    """Dimension scores stored at submission, with the instrument version and split used."""

    administration = models.OneToOneField(Administration, on_delete=models.CASCADE, related_name="score")
    # Denormalised from the administration so history and dashboard reads need no joins.
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="assessment_scores")
    instrument = models.CharField(max_length=32)
    target = models.CharField(max_length=32, blank=True, default="")
    submitted_at = models.DateTimeField()
    anxiety = models.DecimalField(max_digits=6, decimal_places=4)
    avoidance = models.DecimalField(max_digits=6, decimal_places=4)
    corner = models.CharField(max_length=16)
    split_point = models.DecimalField(max_digits=4, decimal_places=2)
    instrument_version = models.CharField(max_length=64)

    class Meta:
        ordering = ["submitted_at", "id"]
        # Ends in id because every read orders by (submitted_at, id): the caseload's latest, first
        # and previous score per client are then the index's first rows, with no sort; without
        # it, under row security, PostgreSQL read and sorted all of a client's scores for the
        # previous one (a quarter of the caseload statement at 460 clients).
        indexes = [
            models.Index(
                fields=["client", "instrument", "target", "submitted_at", "id"], name="score_client_series_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.anxiety}/{self.avoidance}"

    def save(self, *args, **kwargs):
        if self.pk is not None and Score.objects.filter(pk=self.pk).exists():
            raise ImmutableError("A stored score cannot be changed.")
        super().save(*args, **kwargs)


class ReliabilitySetting(models.Model):
    """A practice's own SD and r for reliable change, replacing the instrument defaults."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reliability_settings")
    instrument = models.CharField(_("instrument"), max_length=32)
    anxiety_sd = models.DecimalField(_("anxiety SD"), max_digits=5, decimal_places=3)
    anxiety_r = models.DecimalField(_("anxiety reliability r"), max_digits=4, decimal_places=3)
    avoidance_sd = models.DecimalField(_("avoidance SD"), max_digits=5, decimal_places=3)
    avoidance_r = models.DecimalField(_("avoidance reliability r"), max_digits=4, decimal_places=3)
    source = models.CharField(_("source"), max_length=500)
    # Set when the SDs are the SD of the practice's own baseline scores (BaselineOption): how
    # many clients' first scores they come from and on which day they were computed.
    baseline_n = models.PositiveIntegerField(null=True, blank=True)
    baseline_on = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "instrument"], name="one_reliability_per_instrument"),
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.instrument}"


class BaselineOption(models.Model):
    """A practice's choice to judge change with the SD of its own clients' first scores
    (Jacobson & Truax, 1991) once enough clients have one (the instrument file's minimum_n);
    below that the instrument's provisional figures stay in use."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=32)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "instrument"], name="one_baseline_option")]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.instrument} baseline SD"
