"""The practice admin's one-click resend of a reminder email whose arrival is unconfirmed."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q

from ..models import Delivery, DeliveryState, ReminderOccurrence, State


def resend(delivery: Delivery, by, now: datetime) -> bool:
    """Put one unconfirmed delivery back in line; False when it was already resent (a second
    click, a second tab). Only that channel goes again: the others keep their outcome."""
    with transaction.atomic():
        taken = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.UNKNOWN).update(
            state=DeliveryState.PENDING, started_at=None, finished_at=None, resent_by=by, note="resent by the admin"
        )
        if not taken:
            return False
        occurrence = ReminderOccurrence.objects.filter(pk=delivery.occurrence_id)
        # The missed-reminder cut-off now counts from the resend; a fresh set of attempts.
        occurrence.update(resent_at=now)
        occurrence.filter(~Q(state=State.CLAIMED)).update(state=State.PENDING, attempts=0, enqueued_at=now)
        transaction.on_commit(lambda: _enqueue(delivery.occurrence_id))
    return True


def _enqueue(occurrence_id: int) -> None:
    from ..tasks import enqueue_sends

    try:
        enqueue_sends([occurrence_id])
    except Exception:  # noqa: BLE001, S110 - broker down: the requeue task sends it within a minute
        pass
