"""Data export and erasure of a client's goals (GDPR access and erasure requests).

export_rows(client, viewer) -> {"goals": [...], "goal_steps": [...], "goal_checkins": [...],
"goal_gas_ratings": [...]}: plain dicts with JSON-serialisable values. Goals are clinical
(clients.access VIEW_CLINICAL): the client and their therapist get everything, a practice
admin gets nothing from this app, anyone without access to the record gets Http404.

erase(client) deletes every goal of the client with its steps, check-ins and GAS ratings
for real (rows removed, not blanked or flagged), so no note or free text survives.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from clients.access import Action, can

from .models import CheckIn, GASRating, Goal, Step


def _iso(value):
    return value.isoformat() if value is not None else None


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if not can(viewer, Action.VIEW_RECORD, client):
        raise Http404
    if not can(viewer, Action.VIEW_CLINICAL, client):
        return {}
    own = can(viewer, Action.WRITE_OWN, client)
    goals = [
        {
            "id": g.pk,
            "title": g.title,
            "why": g.why,
            "target_per_week": g.target_per_week,
            "start_date": _iso(g.start_date),
            "review_date": _iso(g.review_date),
            "status": g.status,
            "template": g.template_slug,
            "gas_level_minus2": g.level_minus2,
            "gas_level_minus1": g.level_minus1,
            "gas_level_0": g.level_0,
            "gas_level_plus1": g.level_plus1,
            "gas_level_plus2": g.level_plus2,
            "gas_weight": g.gas_weight,
            "created_by": str(g.created_by) if g.created_by else "",
            "created_at": _iso(g.created_at),
        }
        for g in Goal.objects.filter(client=client).select_related("created_by").order_by("pk")
    ]
    steps = [
        {"id": s.pk, "goal_id": s.goal_id, "position": s.position, "text": s.text}
        for s in Step.objects.filter(goal__client=client).order_by("goal_id", "position", "pk")
    ]
    checkins = [
        {
            "id": c.pk,
            "goal_id": c.goal_id,
            "step_id": c.step_id,
            "date": _iso(c.date),
            "outcome": c.outcome,
            "anxiety_before": c.anxiety_before,
            "anxiety_after": c.anxiety_after,
            "what_happened": c.what_happened,
            "what_helped": c.what_helped,
            # The link names a diary entry: only the client, or a therapist once it is shared.
            "diary_entry_id": c.diary_entry_id if own or (c.diary_entry_id and c.diary_entry.shared) else None,
            "created_at": _iso(c.created_at),
        }
        for c in CheckIn.objects.filter(client=client).select_related("diary_entry").order_by("date", "pk")
    ]
    ratings = [
        {
            "id": r.pk,
            "goal_id": r.goal_id,
            "date": _iso(r.date),
            "level": r.level,
            "note": r.note,
            "rated_by": str(r.rated_by) if r.rated_by else "",
        }
        for r in GASRating.objects.filter(goal__client=client).select_related("rated_by").order_by("date", "pk")
    ]
    return {"goals": goals, "goal_steps": steps, "goal_checkins": checkins, "goal_gas_ratings": ratings}


@transaction.atomic
def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    """Delete all goal data of the client; returns how many rows of each kind went."""
    counts = {
        "goal_checkins": CheckIn.objects.filter(client=client).delete()[0],
        "goal_gas_ratings": GASRating.objects.filter(goal__client=client).delete()[0],
        "goal_steps": Step.objects.filter(goal__client=client).delete()[0],
    }
    counts["goals"] = Goal.objects.filter(client=client).delete()[0]
    return counts
