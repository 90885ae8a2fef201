"""Diary part of a client's data export and erasure.

``export_rows(client, viewer)`` reads through ``selectors.visible_entries``: the client gets
every entry, their therapist only what is shared at this moment, anyone else nothing.
``erase(client)`` deletes every diary row of the client for real (no soft delete).
"""

from __future__ import annotations

from clients.access import Action, clients_for
from clients.models import Client

from . import selectors, services


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _entry_row(entry) -> dict:
    return {
        "entry_id": entry.pk,
        "occurred_at": _iso(entry.occurred_at),
        "with_whom": entry.with_whom,
        "what_happened": entry.what_happened,
        "body_signals": entry.body_signals,
        "i_feel": entry.i_feel,
        "when": entry.when,
        "because": entry.because,
        "i_need": entry.i_need,
        "reactions": ";".join(entry.reactions or []),
        "pattern_tags": ";".join(tag.slug for tag in entry.pattern_tags.all()),
        "pattern_note": entry.pattern_note,
        "felt_safety": "" if entry.felt_safety is None else entry.felt_safety,
        "shared": entry.shared,
        "shared_at": _iso(entry.shared_at),
        "edited_at": _iso(entry.edited_at),
        "created_at": _iso(entry.created_at),
        "updated_at": _iso(entry.updated_at),
    }


def export_rows(client: Client, viewer) -> dict[str, list[dict]]:
    entries = list(selectors.visible_entries(viewer, client).order_by("occurred_at", "id"))
    result: dict[str, list[dict]] = {
        "diary_entries": [],
        "diary_emotions": [],
        "diary_comments": [],
        "diary_settings": [],
    }
    for entry in entries:
        result["diary_entries"].append(_entry_row(entry))
        for emotion in entry.emotions.all():
            result["diary_emotions"].append(
                {
                    "entry_id": entry.pk,
                    "emotion": emotion.emotion,
                    "intensity": emotion.intensity,
                    "shared": entry.shared,
                }
            )
        for comment in entry.comments.all():
            result["diary_comments"].append(
                {
                    "entry_id": entry.pk,
                    "author": str(comment.author) if comment.author else "",
                    "body": comment.body,
                    "recommended_card": comment.card_slug,
                    "created_at": _iso(comment.created_at),
                    # Lets the records app's own shared-only check cover these rows too.
                    "shared": entry.shared,
                }
            )
    # Sharing settings are the client's own choices; only the client's export carries them.
    if clients_for(viewer, Action.WRITE_OWN).filter(pk=client.pk).exists():
        settings = services.settings_for(client)
        result["diary_settings"].append(
            {
                "share_new_entries": settings.share_new_entries,
                "share_from": _iso(settings.share_from),
                "pattern_shared_at": _iso(settings.pattern_shared_at),
            }
        )
    return result


def erase(client: Client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    """Delete all diary text of the client (entries, emotions, comments, settings); nothing is kept."""
    return {"diary_rows": services.erase_client_diary(client)}
