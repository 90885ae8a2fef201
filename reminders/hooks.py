"""What reminders adds to other apps' pages and events, registered in RemindersConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors, services


def create_default_preferences(sender, instance, created, raw=False, **kwargs) -> None:
    # Fixtures (raw) load their own rows; only new people get default reminders.
    if created and not raw:
        services.ensure_preferences(instance)


def notifications_link(request) -> dict:
    unread = selectors.unread_count(request.user)
    label = _("Notifications")
    if unread:
        label = _("Notifications (%(n)s unread)") % {"n": unread}
    return {"url": reverse("reminders:notifications"), "label": label}


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
