from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Practice
from clients.models import Client


class PracticeCard(models.Model):
    """A practice's own Learn card, in both languages, shown with the built-in ones to that
    practice only. Sources are one full citation per line."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="learn_cards")
    slug = models.SlugField(_("short name in the address"), max_length=60)
    order = models.PositiveIntegerField(_("position"), default=500)
    title_en = models.CharField(_("title (English)"), max_length=120)
    title_nl = models.CharField(_("title (Dutch)"), max_length=120)
    body_en = models.TextField(_("text (English)"), max_length=1500)
    body_nl = models.TextField(_("text (Dutch)"), max_length=1500)
    sources = models.TextField(_("sources, one per line"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "slug"]
        constraints = [models.UniqueConstraint(fields=["practice", "slug"], name="learn_card_slug_per_practice")]

    def __str__(self) -> str:
        return self.slug


class CardChoice(models.Model):
    """A card the therapist wants this client to read first, in the therapist's order."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="card_choices")
    slug = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["client", "slug"], name="learn_choice_once_per_client")]

    def __str__(self) -> str:
        return f"{self.client_id}: {self.slug}"
