"""Short dates in the reader's language: "1 Dec" in English, "1 dec" in Dutch.

Django's "M" format capitalises the month in every language ("1 Dec" in Dutch too), and Dutch
writes month names in lower case. One place decides how a day and month are written, so the
diary's week, the goals' weeks and the therapist's entry list read alike.
"""

from datetime import datetime

from django import template
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

register = template.Library()


def _month_format() -> str:
    return "b" if (translation.get_language() or "en").startswith("nl") else "M"


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day_month(value) -> str:
    if not value:
        return ""
    return date_format(_local(value), f"j {_month_format()}")


@register.filter
def day_month_year(value) -> str:
    if not value:
        return ""
    return date_format(_local(value), f"j {_month_format()} Y")
