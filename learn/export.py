"""Data export and erasure of what the Learn app keeps about a client: the cards their
therapist chose for them to read first (card slugs in order). Reading is not tracked.

Clinical (the therapist's choice for treatment): the client and their therapist get it, a
practice admin gets nothing from this app, anyone without access to the record gets Http404.
"""

from __future__ import annotations

from django.http import Http404

from clients.access import Action, can

from .models import CardChoice


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if not can(viewer, Action.VIEW_RECORD, client):
        raise Http404
    if not can(viewer, Action.VIEW_CLINICAL, client):
        return {}
    rows = CardChoice.objects.filter(client=client).order_by("position")
    return {"learn_first_cards": [{"card": row.slug, "position": row.position + 1} for row in rows]}


def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    deleted, _ = CardChoice.objects.filter(client=client).delete()
    return {"learn_first_cards": deleted}
