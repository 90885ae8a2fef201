from django import template

register = template.Library()


@register.simple_tag
def card_title(card, language: str) -> str:
    return card.title(language)


@register.simple_tag
def card_title_by_slug(slug: str, practice_id: int | None) -> str:
    """A card's title in the reader's language (the slug if the card is gone)."""
    from django.utils.translation import get_language

    from learn.selectors import cards_for_practice

    language = (get_language() or "en")[:2]
    card = next((c for c in cards_for_practice(practice_id) if c.slug == slug), None)
    return card.title(language) if card else slug
