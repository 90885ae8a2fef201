"""Menu links reminders adds for a role (see accounts.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from clients.home import MISSING, home_fact

from . import selectors


def notifications_link(request) -> dict:
    """The unread count is a badge beside the label, so the menu keeps to one line; screen
    readers hear it in words."""
    link = {"url": reverse("reminders:notifications"), "label": _("Notifications")}
    unread = home_fact(request, "unread_notifications")
    if unread is MISSING:
        unread = selectors.unread_count(request.user)
    if unread:
        link["count"] = unread
        link["count_label"] = ngettext("%(n)s unread", "%(n)s unread", unread) % {"n": unread}
    return link


def unconfirmed_link(request) -> dict | None:
    """Only while some reminder email's arrival is unconfirmed (the admin's menu is full)."""
    from .unconfirmed import count_label, unconfirmed_count

    n = unconfirmed_count(request.user.practice_id)
    if not n:
        return None
    return {
        "url": reverse("reminders:unconfirmed"),
        "label": pgettext("menu", "Emails to check"),
        "count": n,
        "count_label": count_label(n),
    }
