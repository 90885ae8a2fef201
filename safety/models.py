"""Safety net: crisis information, the client's safety plan, and clinical alerts.

Thresholds and crisis texts are data (per practice, overridable per client), not code.
Alerts never carry clinical content: they say what kind of event happened and when, and
link to where the therapist may look (which is filtered by the sharing rules as always).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Practice
from clients.models import Client

from . import crisis_lines

DEFAULT_ALARMING_EMOTIONS = ["afraid", "ashamed", "lonely", "rejected", "hurt", "sad"]


def _default_alarming() -> list[str]:
    return list(DEFAULT_ALARMING_EMOTIONS)


def _localized(obj, field: str) -> str:
    """The Dutch text for Dutch readers, falling back to English when Dutch is empty."""
    nl = (get_language() or "en").startswith("nl")
    value = getattr(obj, f"{field}_nl") if nl else ""
    return value or getattr(obj, f"{field}_en")


class PracticeSafetySettings(models.Model):
    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="safety_settings")
    low_safety_max = models.PositiveSmallIntegerField(_("felt safety at or below this counts as low (0–10)"), default=2)
    alarming_intensity_min = models.PositiveSmallIntegerField(
        _("an alarming emotion at or above this intensity alerts (0–10)"), default=9
    )
    alarming_emotions = models.JSONField(_("emotions that count as alarming"), default=_default_alarming)
    alert_on_deterioration = models.BooleanField(_("alert on a reliable deterioration"), default=True)
    overdue_days = models.PositiveSmallIntegerField(_("alert when an assessment is overdue by (days)"), default=14)
    silence_days = models.PositiveSmallIntegerField(_("alert after this many days without diary entries"), default=5)
    daily_writer_min_entries = models.PositiveSmallIntegerField(
        _("entries in the 7 days before that count as writing daily"), default=5
    )
    escalate_after_hours = models.PositiveSmallIntegerField(
        _("tell the practice admin about alerts unacknowledged for (hours)"), default=48
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice safety settings")
        verbose_name_plural = _("practice safety settings")

    def __str__(self) -> str:
        return f"{self.practice} safety settings"


class ClientSafetySettings(models.Model):
    """Per-client alert configuration (therapist) and the client's own opt-in."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="safety_settings")
    alerts_enabled = models.BooleanField(_("alerts on for this client"), default=True)
    low_safety_max = models.PositiveSmallIntegerField(_("low felt safety threshold"), null=True, blank=True)
    alarming_intensity_min = models.PositiveSmallIntegerField(_("alarming intensity threshold"), null=True, blank=True)
    silence_days = models.PositiveSmallIntegerField(_("days without diary before an alert"), null=True, blank=True)
    # The client's choice, off by default: private entries stay private unless this is on,
    # and even then the therapist learns only that a private entry met the threshold.
    tell_therapist_private_distress = models.BooleanField(
        _("Tell my therapist when I am in distress, even in private entries"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.client} safety settings"


class CrisisInfo(models.Model):
    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="crisis_info")
    phone_lines_en = models.TextField(_("phone numbers (English)"), blank=True)
    phone_lines_nl = models.TextField(_("phone numbers (Dutch)"), blank=True)
    text_lines_en = models.TextField(_("text and chat lines (English)"), blank=True)
    text_lines_nl = models.TextField(_("text and chat lines (Dutch)"), blank=True)
    opening_hours_en = models.TextField(_("opening hours (English)"), blank=True)
    opening_hours_nl = models.TextField(_("opening hours (Dutch)"), blank=True)
    out_of_hours_en = models.TextField(_("out-of-hours instructions (English)"), blank=True)
    out_of_hours_nl = models.TextField(_("out-of-hours instructions (Dutch)"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.practice} crisis information"

    def text(self, field: str) -> str:
        return _localized(self, field)

    @property
    def phone_lines(self) -> str:
        return self.text("phone_lines")

    @property
    def text_lines(self) -> str:
        return self.text("text_lines")

    @property
    def phone_links(self) -> list[crisis_lines.CrisisLine]:
        """One line per number, each with its tel: link when it holds a number."""
        return crisis_lines.phone_lines(self.phone_lines)

    @property
    def chat_links(self) -> list[crisis_lines.CrisisLine]:
        """One line per chat or text service, each with its address as a link when it has one."""
        return crisis_lines.chat_lines(self.text_lines)

    @property
    def opening_hours(self) -> str:
        return self.text("opening_hours")

    @property
    def out_of_hours(self) -> str:
        return self.text("out_of_hours")


class SafetyPlan(models.Model):
    """Stanley & Brown (2012) Safety Planning Intervention, written by client and therapist.

    Stanley, B., & Brown, G. K. (2012). Safety Planning Intervention: A brief intervention to
    mitigate suicide risk. Cognitive and Behavioral Practice, 19(2), 256–264.
    """

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="safety_plan")
    warning_signs = models.TextField(_("1. My warning signs"), blank=True)
    coping_steps = models.TextField(_("2. Things I can do on my own to cope"), blank=True)
    people_and_places = models.TextField(_("3. People and places that help me take my mind off things"), blank=True)
    people_to_ask = models.TextField(_("4. People I can ask for help"), blank=True)
    professionals = models.TextField(_("5. Professionals and services I can contact"), blank=True)
    safe_environment = models.TextField(_("6. Making my surroundings safe"), blank=True)
    reasons_to_live = models.TextField(_("What matters most to me"), blank=True)
    # Both client and therapist edit; a stale form must not silently overwrite the other's text.
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.client} safety plan"


class AlertKind(models.TextChoices):
    SHARED_LOW_SAFETY = "shared_low_safety", _("Shared entry with low felt safety")
    SHARED_ALARMING = "shared_alarming", _("Shared entry with an alarming emotion")
    PRIVATE_DISTRESS = "private_distress", _("A private entry met the distress threshold")
    DETERIORATION = "deterioration", _("Reliable deterioration on an attachment dimension")
    ASSESSMENT_OVERDUE = "assessment_overdue", _("Assessment overdue")
    DIARY_SILENCE = "diary_silence", _("Stopped writing the diary")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SEEN = "seen", _("Seen")
    ACTED = "acted", _("Acted on")


class Alert(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="alerts")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=32, choices=AlertKind.choices)
    # What makes the event unique ("entry:12", "score:7", "request:3", "silence:2026-11-20"):
    # evaluating the same event again (a retried task, an edited entry, an entry shared after
    # a private-distress alert) finds this row and alerts nobody twice.
    event_key = models.CharField(max_length=64)
    # For diary alerts: the entry, so a shared-entry alert disappears when it is unshared.
    entry_id = models.BigIntegerField(null=True, blank=True)
    event_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    note = models.CharField(_("note"), max_length=500, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["client", "event_key"], name="one_alert_per_event")]
        indexes = [models.Index(fields=["therapist", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.client_id} {self.event_date}"


class CrisisPrompt(models.Model):
    """Show the crisis resources prominently to the client on their next page view."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="crisis_prompts")
    event_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    shown_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "event_key"], name="one_prompt_per_event")]

    def __str__(self) -> str:
        return f"{self.client_id} {self.event_key}"

    @property
    def source(self) -> str:
        """What the client just did: "diary" (an entry) or "questionnaire" (a score)."""
        return "questionnaire" if self.event_key.startswith("score:") else "diary"
