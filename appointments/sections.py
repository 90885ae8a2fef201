"""Panels on the client's home (the next session) and the therapist's client page (planned
sessions, recording one as held, milestones), registered with clients.home."""

from __future__ import annotations

from django.utils import timezone

from accounts.localtime import client_today
from clients.home import MISSING, home_fact

from . import display, selectors
from .forms import MilestoneForm
from .models import Mode


def home_section(request, client) -> dict | None:
    rows = home_fact(request, "next_sessions")
    session = selectors.next_session(client, rows=None if rows is MISSING else rows)
    if session is None:
        return None
    context = {
        "session": session,
        "when": display.when(session, request.user),
        "online": session.mode == Mode.ONLINE,
        "zone": str(request.user.timezone or ""),
    }
    return {"template": "appointments/_home_section.html", "context": context, "order": 5}


def record_section(request, client) -> dict | None:
    viewer, now = request.user, timezone.now()
    upcoming = [
        {"session": s, "when": display.when(s, viewer), "in_series": bool(s.series_id)}
        for s in selectors.upcoming(client, now=now).select_related("series")[:12]
        if s.starts_at > now
    ]
    due = [{"session": s, "when": display.when(s, viewer)} for s in selectors.to_record(client, now=now)[:5]]
    context = {
        "client": client,
        "upcoming": upcoming,
        "to_record": due,
        "milestones": selectors.milestones(viewer, client),
        "milestone_form": MilestoneForm(today=client_today(client), initial={"day": client_today(client)}),
    }
    return {"template": "appointments/_record_section.html", "context": context, "order": 1}
