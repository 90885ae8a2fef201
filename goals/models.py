"""Small-step goals a client practises between sessions, their check-ins and GAS ratings.

Ownership is always the client record: a goal belongs to one client, its steps, check-ins
and ratings hang off the goal. Check-ins repeat the client so that "this client's
check-ins since …" is one indexed query, and the service keeps the two in step.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import Client


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ACHIEVED = "achieved", _("Achieved")
    PAUSED = "paused", _("Paused")
    DROPPED = "dropped", _("Dropped")


class Goal(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    why = models.TextField(_("why it matters"), blank=True)
    target_per_week = models.PositiveSmallIntegerField(
        _("times per week"), default=3, validators=[MinValueValidator(1), MaxValueValidator(14)]
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    template_slug = models.SlugField(_("template"), max_length=60, blank=True)
    # GAS: the five outcome levels, described in the client's own words when the goal is set.
    level_minus2 = models.CharField(_("−2: much less than expected"), max_length=300, blank=True)
    level_minus1 = models.CharField(_("−1: somewhat less than expected"), max_length=300, blank=True)
    level_0 = models.CharField(_("0: the expected outcome"), max_length=300, blank=True)
    level_plus1 = models.CharField(_("+1: somewhat more than expected"), max_length=300, blank=True)
    level_plus2 = models.CharField(_("+2: much more than expected"), max_length=300, blank=True)
    gas_weight = models.PositiveSmallIntegerField(
        _("GAS weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    # Bumped by every change to the steps; a reorder built on an older version is refused.
    steps_version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-start_date", "-id"]
        indexes = [models.Index(fields=["client", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_per_week__gte=1, target_per_week__lte=14), name="goal_target_1_14"
            ),
            models.CheckConstraint(
                condition=models.Q(review_date__isnull=True) | models.Q(review_date__gte=models.F("start_date")),
                name="goal_review_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def gas_levels(self) -> list[tuple[int, str]]:
        return [
            (2, self.level_plus2),
            (1, self.level_plus1),
            (0, self.level_0),
            (-1, self.level_minus1),
            (-2, self.level_minus2),
        ]

    def level_text(self, level: int) -> str:
        return dict(self.gas_levels).get(level, "")


class Step(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(_("step"), max_length=300)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Outcome(models.TextChoices):
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")


# Outcomes that count as an attempt toward the weekly target ("not yet" is still recorded:
# its anxiety ratings matter, but it is not a practice of the behaviour).
ATTEMPT_OUTCOMES = (Outcome.DONE, Outcome.PARTLY)


class CheckIn(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="goal_checkins")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="checkins")
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="checkins")
    date = models.DateField(_("date"))
    outcome = models.CharField(_("how did it go"), max_length=16, choices=Outcome.choices)
    anxiety_before = models.PositiveSmallIntegerField(
        _("anxiety before (0–10)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    anxiety_after = models.PositiveSmallIntegerField(
        _("anxiety after (0–10)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    what_happened = models.TextField(_("what happened"), blank=True)
    what_helped = models.TextField(_("what helped"), blank=True)
    # Only an entry of the same client (services.record_checkin checks); the link is lost,
    # not the check-in, when the client deletes the entry.
    diary_entry = models.ForeignKey(
        "diary.DiaryEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goal_checkins",
        verbose_name=_("diary entry"),
    )
    # Generated when the form is shown: a double submit finds the first check-in.
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["client", "date"]), models.Index(fields=["goal", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["client", "idempotency_key"], name="goal_checkin_idempotency_per_client"),
            models.CheckConstraint(
                condition=models.Q(anxiety_before__isnull=True) | models.Q(anxiety_before__lte=10),
                name="goal_checkin_anxiety_before_0_10",
            ),
            models.CheckConstraint(
                condition=models.Q(anxiety_after__isnull=True) | models.Q(anxiety_after__lte=10),
                name="goal_checkin_anxiety_after_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} {self.date} {self.outcome}"


class GASRating(models.Model):
    """The therapist's rating of one goal at a review (one per goal per date)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="gas_ratings")
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("review date"))
    level = models.SmallIntegerField(
        _("level reached"), choices=[(2, "+2"), (1, "+1"), (0, "0"), (-1, "−1"), (-2, "−2")]
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "date"], name="one_gas_rating_per_goal_per_day"),
            models.CheckConstraint(condition=models.Q(level__gte=-2, level__lte=2), name="gas_level_minus2_plus2"),
        ]

    def __str__(self) -> str:
        return f"{self.goal} {self.date} {self.level:+d}"
