"""A client's devices with notifications on, in their own export; gone with the client."""

from .models import PushSubscription


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if viewer is None or viewer.pk != client.user_id:
        return {}  # which phones a client uses is theirs, not the practice's
    rows = [
        {
            "device": sub.label,
            "created_at": sub.created_at.isoformat(),
            "last_sent_at": sub.last_sent_at.isoformat() if sub.last_sent_at else "",
        }
        for sub in PushSubscription.objects.filter(user_id=client.user_id)
    ]
    return {"push_devices": rows} if rows else {}


def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    deleted, _counts = PushSubscription.objects.filter(user_id=client.user_id).delete()
    return {"push_devices": deleted}
