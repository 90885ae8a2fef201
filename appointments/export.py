"""Sessions in the records app's export and erasure (see records/discovery.py).

- planned sessions (times, length, in person or online; the link only in the client's own
  export) and milestones the viewer may see: for the client and their therapist;
- session notes: only in the treating therapist's export, and only the notes clients.access
  lets that therapist read (a note is the therapist's working record, private to them);
- erase removes all of it for real, notes included.
"""

from __future__ import annotations

from django.http import Http404

from clients.access import Action, can, relation

from . import selectors
from .models import Milestone, PlannedSession, SessionNote, SessionSeries


def _iso(value):
    return value.isoformat() if value is not None else None


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if not can(viewer, Action.VIEW_RECORD, client):
        raise Http404
    if not can(viewer, Action.VIEW_CLINICAL, client):
        return {}
    own = relation(viewer, client) == "self"
    planned = [
        {
            "id": s.pk,
            "series_id": s.series_id,
            "starts_at_utc": _iso(s.starts_at),
            "minutes": s.minutes,
            "mode": s.mode,
            "link": s.link if own else "",
            "status": s.status,
            "held_on": _iso(s.held.held_on) if s.held_id else None,
        }
        for s in PlannedSession.objects.filter(client=client).select_related("held").order_by("starts_at", "pk")
    ]
    milestones = [
        {"id": m.pk, "date": _iso(m.day), "text": m.text, "by_client": m.by_client}
        for m in selectors.milestones(viewer, client)
    ]
    rows = {"planned_sessions": planned, "milestones": milestones}
    if not own:
        rows["session_notes"] = [
            {
                "id": n.pk,
                "session_date": _iso(n.session.held_on),
                "author": str(n.author) if n.author else "",
                "text": n.text,
                "updated_at": _iso(n.updated_at),
            }
            for n in selectors.readable_notes(viewer, client)
        ]
    return rows


def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    return {
        "session_notes": SessionNote.objects.filter(client=client).delete()[0],
        "milestones": Milestone.objects.filter(client=client).delete()[0],
        "planned_sessions": PlannedSession.objects.filter(client=client).delete()[0],
        "session_series": SessionSeries.objects.filter(client=client).delete()[0],
    }
