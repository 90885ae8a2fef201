"""Panels the diary adds to the client's home and to the therapist's client page."""

import datetime as dt

from django.urls import reverse

from accounts.localtime import client_today, zone_of
from clients.access import Action, can
from clients.home import MISSING, home_fact
from clients.selectors import last_session

from . import selectors


def diary_today(request, client) -> dict | None:
    """On the client's own home: written today or not, and the quick-entry button."""
    if not can(request.user, Action.WRITE_OWN, client):
        return None
    written = home_fact(request, "diary_written_today")
    if written is MISSING:
        written = selectors.written_on(client, client_today(client))
    return {
        "template": "diary/_home_section.html",
        "context": {"written_today": written},
        "order": 20,
    }


def shared_since_session(request, client) -> dict | None:
    """On the therapist's client page: shared entries since the last session (shared only)."""
    if not can(request.user, Action.VIEW_CLINICAL, client):
        return None
    tz = zone_of(client.user)
    session = last_session(client)
    if session is not None:
        since = session.held_on
    else:
        since = client_today(client) - dt.timedelta(days=27)
    entries = selectors.visible_entries(request.user, client).filter(occurred_at__gte=selectors.start_of_day(since, tz))
    return {
        "template": "diary/_record_section.html",
        "context": {
            "count": entries.count(),
            "latest": list(entries[:3]),
            "session": session,
            "since": since,
            "url": reverse("diary:client_entries", args=[client.pk]),
        },
        "order": 30,
    }
