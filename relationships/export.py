"""Data export and erasure of a client's couple links (GDPR access and erasure requests).

export_rows(client, viewer) -> {"couple_links": [...], "couple_shared_notes": [...]}: the
client's own side of each link (when it was made, when they agreed, whether they showed the
plane, when it ended) and which of their own notes they shared with the couple. Nothing of the
partner beyond the fact of the link: the partner's consents and data are the partner's.
Clinical (clients.access VIEW_CLINICAL): the client and their therapist, not a practice admin.

erase(client) deletes every link the client is part of (with its shares and shared-goal rows;
each partner's goals stay with the goals app), so the other partner's page loses it at once.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from clients.access import Action, can

from .models import CoupleEntryShare, CoupleLink


def _iso(value):
    return value.isoformat() if value is not None else None


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if not can(viewer, Action.VIEW_RECORD, client):
        raise Http404
    if not can(viewer, Action.VIEW_CLINICAL, client):
        return {}
    links = CoupleLink.objects.filter(Q(partner_a=client) | Q(partner_b=client)).order_by("created_at")
    rows = []
    for link in links:
        side = link.side(client)
        rows.append(
            {
                "id": link.pk,
                "created_at": _iso(link.created_at),
                "agreed_at": _iso(getattr(link, f"consent_{side}_at")),
                "showed_plane_from": _iso(getattr(link, f"shows_{side}_at")),
                "ended_at": _iso(link.ended_at),
            }
        )
    shares = CoupleEntryShare.objects.filter(entry__client=client).order_by("shared_at")
    notes = [{"link_id": s.link_id, "diary_entry_id": s.entry_id, "shared_at": _iso(s.shared_at)} for s in shares]
    return {"couple_links": rows, "couple_shared_notes": notes}


def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    shares, _rows = CoupleEntryShare.objects.filter(entry__client=client).delete()
    links = CoupleLink.objects.filter(Q(partner_a=client) | Q(partner_b=client))
    count = links.count()
    links.delete()
    return {"couple_links": count, "couple_shared_notes": shares}
