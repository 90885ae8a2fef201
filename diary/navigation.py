"""Menu links the diary adds for a role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def nav_diary(request) -> dict | None:
    return {"url": reverse("diary:entry_list"), "label": _("Diary")}
