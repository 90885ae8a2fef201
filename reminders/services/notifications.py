"""In-app notifications."""

from __future__ import annotations

from django.utils import timezone

from ..models import (
    Notification,
)

# --- in-app notifications -----------------------------------------------------------------


def mark_read(user, pk: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
