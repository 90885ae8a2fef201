"""Menu links the goals app adds for a role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import pgettext


def client_nav_link(request) -> dict | None:
    return {"url": reverse("goals:my_goals"), "label": pgettext("menu", "My goals")}
