"""Template filters for scores: `{{ value|score }}`, `{{ value|score:1 }}`, `{{ change|score_change }}`.

Thin wrappers around assessments.display, the one formatter for scores and changes.
"""

from django import template

from assessments.display import format_change, format_score

register = template.Library()


@register.filter
def score(value, digits=2) -> str:
    return format_score(value, int(digits))


@register.filter
def score_change(value, digits=2) -> str:
    return format_change(value, int(digits))
