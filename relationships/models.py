"""Two clients linked as partners in couples therapy, what each agreed to, and what they share.

A link is made by the therapist who treats both partners and only becomes a couple when each
partner has agreed in the app (`consent_a_at`, `consent_b_at`). Either partner (or the
therapist) can end it; `ended_at` ends the link and every view through it at once, and an
ended link is never reopened: a new one is made instead. What one partner sees of the other
is decided in clients.access (`couple_role`), from the flags here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.models import Practice
from clients.models import Client


class CoupleLink(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    # partner_a has the lower client id, so one pair has one row order.
    partner_a = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    partner_b = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    consent_a_at = models.DateTimeField(null=True, blank=True)
    consent_b_at = models.DateTimeField(null=True, blank=True)
    # Each partner's agreement to show the other the joint plane; both are needed.
    shows_a_at = models.DateTimeField(null=True, blank=True)
    shows_b_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(partner_a__lt=F("partner_b")), name="couple_partners_ordered"),
            models.UniqueConstraint(
                fields=["partner_a", "partner_b"], condition=Q(ended_at__isnull=True), name="one_open_link_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"couple {self.partner_a_id}+{self.partner_b_id}"

    @property
    def partners(self) -> tuple[Client, Client]:
        return self.partner_a, self.partner_b

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def is_active(self) -> bool:
        """Both partners agreed to the link and nobody ended it."""
        return self.is_open and self.consent_a_at is not None and self.consent_b_at is not None

    @property
    def both_show(self) -> bool:
        return self.is_active and self.shows_a_at is not None and self.shows_b_at is not None

    def side(self, client: Client) -> str:
        return "a" if client.pk == self.partner_a_id else "b"

    def other(self, client: Client) -> Client:
        return self.partner_b if client.pk == self.partner_a_id else self.partner_a

    def consented(self, client: Client) -> bool:
        return getattr(self, f"consent_{self.side(client)}_at") is not None

    def shows(self, client: Client) -> bool:
        return getattr(self, f"shows_{self.side(client)}_at") is not None


class CoupleGoal(models.Model):
    """The couple's shared small-step goal: one goal per partner (goals.Goal, so each checks in
    where they always do), set together by the therapist."""

    link = models.ForeignKey(CoupleLink, on_delete=models.CASCADE, related_name="goals")
    goal_a = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="+")
    goal_b = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"couple goal {self.pk}"


class CoupleEntryShare(models.Model):
    """A diary entry its writer chose to share with the couple (therapist and partner)."""

    link = models.ForeignKey(CoupleLink, on_delete=models.CASCADE, related_name="entry_shares")
    entry = models.ForeignKey("diary.DiaryEntry", on_delete=models.CASCADE, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_at"]
        constraints = [models.UniqueConstraint(fields=["link", "entry"], name="one_couple_share_per_entry")]

    def __str__(self) -> str:
        return f"entry {self.entry_id} with couple {self.link_id}"
