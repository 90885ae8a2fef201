"""Menu links the Learn app adds for a role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import pgettext


def nav_link(request) -> dict | None:
    return {"url": reverse("learn:index"), "label": pgettext("menu", "Learn")}


def admin_nav_link(request) -> dict | None:
    return {"url": reverse("learn:practice_cards"), "label": pgettext("menu", "Learn cards")}
