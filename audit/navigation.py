"""Menu links the audit app adds for every role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import pgettext


def sessions_link(request) -> dict:
    return {"url": reverse("audit:sessions"), "label": pgettext("logged-in devices", "Sessions")}
