"""Menu links to a client's own data and the practice's data pages (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def my_data_link(request) -> dict:
    return {"url": reverse("records:my_data"), "label": _("Your data")}


def client_data_link(request) -> dict:
    return {"url": reverse("records:practice_clients"), "label": _("Client data")}


def audit_link(request) -> dict:
    return {"url": reverse("records:audit_search"), "label": _("Audit trail")}
