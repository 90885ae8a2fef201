"""Menu links the safety net adds for therapists and practice admins (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def alerts_link(request) -> dict:
    return {"url": reverse("safety:alerts"), "label": _("Alerts")}


def practice_link(request) -> dict:
    return {"url": reverse("safety:practice"), "label": _("Safety net")}
