"""Links from shared pages (navigation bar, therapist's client page) to the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from clients.access import Action, can


def admin_link(request) -> dict:
    return {"url": reverse("dashboard:overview"), "label": _("Overview")}


def client_link(request) -> dict | None:
    """The client's one progress page (its questionnaire part asks can_see_results itself)."""
    if getattr(request.user, "client_record", None) is None:
        return None
    return {"url": reverse("dashboard:my_progress"), "label": pgettext("menu", "My progress")}


def record_section(request, client) -> dict | None:
    if not can(request.user, Action.TREAT, client):
        return None
    return {"template": "dashboard/_record_section.html", "context": {"client": client}, "order": 20}
