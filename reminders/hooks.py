"""What reminders adds to other apps' pages and events, registered in RemindersConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import selectors, services


def create_default_preferences(sender, instance, created, raw=False, **kwargs) -> None:
    # Fixtures (raw) load their own rows; only new people get default reminders.
    if created and not raw:
        services.ensure_preferences(instance)


def notifications_link(request) -> dict:
    """The unread count is a badge beside the label, so the menu keeps to one line; screen
    readers hear it in words."""
    link = {"url": reverse("reminders:notifications"), "label": _("Notifications")}
    unread = selectors.unread_count(request.user)
    if unread:
        link["count"] = unread
        link["count_label"] = ngettext("%(n)s unread", "%(n)s unread", unread) % {"n": unread}
    return link


def record_section(request, client) -> dict:
    """The therapist sees which reminders are on, never what they said or when they were read."""
    return {
        "template": "reminders/record_section.html",
        "context": {"rows": selectors.reminder_status(client.user)},
        "order": 90,
    }


def session_prep_section(request, client, since) -> dict:
    """Reminders since the last session on the therapist's preparation page (counts only)."""
    return {
        "template": "reminders/session_prep_section.html",
        "context": {"rows": selectors.since_for_session_prep(client, since)},
    }
