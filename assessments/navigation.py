"""Menu links the questionnaires add for a role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import pgettext


def admin_reliability_link(request) -> dict | None:
    return {"url": reverse("assessments:reliability_settings"), "label": pgettext("menu", "Reliable change")}
