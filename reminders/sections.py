"""Panels reminders adds to the therapist's client page and session preparation (see clients.home)."""

from . import selectors


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


def welcome_section(request, client) -> dict:
    """The client's current reminder times on the last onboarding screen (read only)."""
    return {
        "template": "reminders/welcome_section.html",
        "context": {"rows": selectors.schedule_summary(client.user)},
        "order": 10,
    }
