"""Reads: which cards a practice has (built-in ones plus its own), and a client's order."""

from __future__ import annotations

from django.db.models import OuterRef

from clients.home import RowsOf, rows_as

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


def cards_for_practice(practice_id: int | None, own_rows: list[PracticeCard] | None = None) -> list[Card]:
    """Built-in cards and this practice's own, in reading order; never another practice's.
    A practice card cannot shadow a built-in slug (the form refuses one). `own_rows`: the
    practice's rows as read already (the client home's facts)."""
    if own_rows is None:
        own_rows = list(PracticeCard.objects.filter(practice_id=practice_id)) if practice_id else []
    own = [_as_card(row) for row in own_rows]
    return sorted([*builtin_cards(), *own], key=lambda c: (c.order, c.slug))


def chosen_slugs(client) -> list[str]:
    return list(CardChoice.objects.filter(client=client).values_list("slug", flat=True))


def cards_for_client(
    client, own_rows: list | None = None, chosen_rows: list | None = None
) -> tuple[list[Card], list[Card]]:
    """(the therapist's chosen cards in their order, all other cards in reading order).
    `own_rows`, `chosen_rows`: own_cards_fact and chosen_fact as read with the client's row
    (the client home), instead of asking the database."""
    own = None if own_rows is None else rows_as(PracticeCard, own_rows)
    cards = cards_for_practice(client.practice_id, own)
    if chosen_rows is None:
        slugs = chosen_slugs(client)
    else:
        slugs = [row.slug for row in rows_as(CardChoice, chosen_rows, order_by=CardChoice._meta.ordering)]
    by_slug = {card.slug: card for card in cards}
    chosen = [by_slug[slug] for slug in slugs if slug in by_slug]
    rest = [card for card in cards if card not in chosen]
    return chosen, rest


# What _as_card reads of a practice's own card.
OWN_CARD_FIELDS = ("id", "practice_id", "slug", "order", "title_en", "title_nl", "body_en", "body_nl", "sources")


def own_cards_fact(at):
    """The practice's own cards as an expression over the client's row (clients.home)."""
    return RowsOf(PracticeCard.objects.filter(practice_id=OuterRef("practice_id")), *OWN_CARD_FIELDS)


def chosen_fact(at):
    """chosen_slugs as an expression over the client's row (clients.home)."""
    return RowsOf(CardChoice.objects.filter(client=OuterRef("pk")), "slug", *CardChoice._meta.ordering)


def card_choices(practice_id: int | None, language: str) -> list[tuple[str, str]]:
    """(slug, title) for select fields: the therapist's order form, the diary comment form."""
    return [(card.slug, card.title(language)) for card in cards_for_practice(practice_id)]


def neighbours(cards: list[Card], slug: str) -> tuple[Card | None, Card | None]:
    slugs = [card.slug for card in cards]
    i = slugs.index(slug)
    return (cards[i - 1] if i > 0 else None, cards[i + 1] if i + 1 < len(cards) else None)
