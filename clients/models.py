"""Client records, who treats them, and the therapy sessions held."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Practice


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    DISCHARGED = "discharged", _("Discharged")


class Client(models.Model):
    """The clinical record of one client. Login, language and timezone live on the user."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="clients")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="client_record")
    display_name = models.CharField(_("display name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ClientStatus.choices, default=ClientStatus.ACTIVE)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caseload",
        verbose_name=_("therapist"),
    )
    # Whether the client may see their own scores and progress in plain language.
    results_visible_to_client = models.BooleanField(_("client may see own results"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        indexes = [
            models.Index(fields=["practice", "therapist", "status"]),
            # The admin's client list reads one page in name order: with this index the database
            # stops after the page instead of sorting every client of the practice.
            models.Index(fields=["practice", "display_name", "id"], name="client_practice_name_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def language(self) -> str:
        return self.user.language

    @property
    def timezone(self) -> str:
        return self.user.timezone


class TherapistAssignment(models.Model):
    """History of who treated a client: one open row (ended_at null) is the current one."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="assignments")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=models.Q(ended_at__isnull=True), name="one_open_assignment_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} → {self.therapist}"


class TherapySession(models.Model):
    """A session held with the client; 'since the last session' views start from here."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="sessions")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    held_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["client", "held_on"], name="one_session_record_per_day")]

    def __str__(self) -> str:
        return f"{self.client} {self.held_on}"
