"""Reminder emails whose arrival is unconfirmed, for the practice admin.

A worker lost inside an email's send window (see services/__init__.py) leaves a delivery whose
outcome nobody can know: the mail server may or may not have taken it. It is never sent again
by itself; this module is where those deliveries surface: a count (the admin's menu and
morning email) and a list with a one-click resend (views.unconfirmed). One query each.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import kinds
from .models import Delivery, DeliveryState, Kind, ReminderOccurrence

# Resends stay listed this long with their outcome, so the admin sees whether they arrived.
RECENT_RESENDS = dt.timedelta(days=7)


def unconfirmed(practice_id: int) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(state=DeliveryState.UNKNOWN, occurrence__recipient__practice_id=practice_id)
        .select_related("occurrence__recipient")
        .order_by("-occurrence__slot", "-id")
    )


def unconfirmed_count(practice_id: int) -> int:
    return unconfirmed(practice_id).count()


def recent_resends(practice_id: int, now: dt.datetime) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(
            resent_by__isnull=False,
            occurrence__recipient__practice_id=practice_id,
            occurrence__resent_at__gte=now - RECENT_RESENDS,
        )
        .exclude(state=DeliveryState.UNKNOWN)
        .select_related("occurrence__recipient", "resent_by")
        .order_by("-occurrence__resent_at", "-id")
    )


def count_label(n: int) -> str:
    """The one wording of the count (menu badge, morning email)."""
    return ngettext(
        "%(n)s reminder email may not have arrived", "%(n)s reminder emails may not have arrived", n
    ) % {"n": n}


def admin_digest_message(occurrence: ReminderOccurrence) -> kinds.Message:
    n = unconfirmed_count(occurrence.recipient.practice_id)
    return kinds.Message(
        subject=_("Reminder emails to check"),
        lines=[
            count_label(n) + ".",
            _("The mail server stopped answering while they were being handed over, so nobody can tell "
              "whether they arrived. Open the list to send them again with one click."),
        ],
        link=kinds.first_url(("reminders:unconfirmed", {})),
        link_label=_("Open the list"),
    )


def admin_digest_due(occurrence: ReminderOccurrence) -> bool:
    """Only on a morning when something is unconfirmed: no empty emails."""
    return unconfirmed(occurrence.recipient.practice_id).exists()


kinds.MESSAGES[Kind.ADMIN_DIGEST] = admin_digest_message
kinds.STILL_DUE[Kind.ADMIN_DIGEST] = admin_digest_due
