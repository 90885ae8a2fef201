"""Menu links to the dashboard for a role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def admin_link(request) -> dict:
    return {"url": reverse("dashboard:overview"), "label": _("Overview")}


def client_link(request) -> dict | None:
    """The client's one progress page (its questionnaire part asks can_see_results itself)."""
    if getattr(request.user, "client_record", None) is None:
        return None
    return {"url": reverse("dashboard:my_progress"), "label": pgettext("menu", "My progress")}
