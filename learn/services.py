"""Writes: a practice's own cards and the therapist's choice of first cards for a client."""

from django.db import transaction

from .models import CardChoice, PracticeCard


def save_practice_card(practice, data: dict, card: PracticeCard | None = None) -> PracticeCard:
    card = card or PracticeCard(practice=practice)
    for name, value in data.items():
        setattr(card, name, value)
    card.save()
    return card


@transaction.atomic
def set_first_cards(client, slugs: list[str]) -> None:
    """Replace the client's chosen cards with these, in this order (blanks and repeats dropped)."""
    ordered = list(dict.fromkeys(slug for slug in slugs if slug))
    CardChoice.objects.filter(client=client).delete()
    CardChoice.objects.bulk_create(
        CardChoice(client=client, slug=slug, position=position) for position, slug in enumerate(ordered)
    )
