from django import template

register = template.Library()


@register.simple_tag
def card_title(card, language: str) -> str:
    return card.title(language)
