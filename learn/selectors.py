"""Reads: which cards a practice has (built-in ones plus its own), and a client's order."""

from __future__ import annotations

from .loader import Card, builtin_cards
from .models import CardChoice, PracticeCard


def _as_card(row: PracticeCard) -> Card:
    return Card(
        slug=row.slug,
        order=row.order,
        topic="practice",
        titles={"en": row.title_en, "nl": row.title_nl},
        bodies={"en": row.body_en, "nl": row.body_nl},
        whys={},
        sources=tuple(line.strip() for line in row.sources.splitlines() if line.strip()),
        practice_id=row.practice_id,
    )


def cards_for_practice(practice_id: int | None) -> list[Card]:
    """Built-in cards and this practice's own, in reading order; never another practice's.
    A practice card cannot shadow a built-in slug (the form refuses one)."""
    own = [_as_card(row) for row in PracticeCard.objects.filter(practice_id=practice_id)] if practice_id else []
    return sorted([*builtin_cards(), *own], key=lambda c: (c.order, c.slug))


def chosen_slugs(client) -> list[str]:
    return list(CardChoice.objects.filter(client=client).values_list("slug", flat=True))


def cards_for_client(client) -> tuple[list[Card], list[Card]]:
    """(the therapist's chosen cards in their order, all other cards in reading order)."""
    cards = cards_for_practice(client.practice_id)
    by_slug = {card.slug: card for card in cards}
    chosen = [by_slug[slug] for slug in chosen_slugs(client) if slug in by_slug]
    rest = [card for card in cards if card not in chosen]
    return chosen, rest


def card_choices(practice_id: int | None, language: str) -> list[tuple[str, str]]:
    """(slug, title) for select fields: the therapist's order form, the diary comment form."""
    return [(card.slug, card.title(language)) for card in cards_for_practice(practice_id)]


def neighbours(cards: list[Card], slug: str) -> tuple[Card | None, Card | None]:
    slugs = [card.slug for card in cards]
    i = slugs.index(slug)
    return (cards[i - 1] if i > 0 else None, cards[i + 1] if i + 1 < len(cards) else None)
