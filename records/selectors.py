"""Reads for the audit pages, always scoped to the viewer's practice."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from audit.models import AuditAction, AuditEvent
from clients.access import Action, clients_for
from clients.models import Client

# What a client sees of their own trail: people opening or changing their record, not the
# refusals or logins that are the practice's security business.
CLIENT_VISIBLE_ACTIONS = (
    AuditAction.VIEW,
    AuditAction.CHANGE,
    AuditAction.EXPORT,
    AuditAction.DELETE,
    AuditAction.ERASE,
)


def practice_events(admin, *, client_id=None, actor_id=None, action="", date_from=None, date_to=None):
    events = AuditEvent.objects.filter(practice_id=admin.practice_id).select_related("actor")
    if client_id:
        events = events.filter(client_id=client_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if action:
        events = events.filter(action=action)
    tz = timezone.get_current_timezone()
    if date_from:
        events = events.filter(at__gte=timezone.make_aware(datetime.combine(date_from, time.min), tz))
    if date_to:
        events = events.filter(at__lte=timezone.make_aware(datetime.combine(date_to, time.max), tz))
    return events.order_by("-at", "-id")


def client_names(admin, client_ids) -> dict[int, str]:
    return dict(
        Client.objects.filter(practice_id=admin.practice_id, pk__in=set(client_ids)).values_list("pk", "display_name")
    )


def practice_clients(admin) -> QuerySet[Client]:
    return clients_for(admin, Action.MANAGE_RECORD).select_related("therapist", "user").order_by("display_name")


def practice_members(admin) -> QuerySet[User]:
    return User.objects.filter(practice_id=admin.practice_id).order_by("role", "name", "email")


def access_log(client: Client) -> QuerySet[AuditEvent]:
    """Who opened the client's record: staff only (the client's own visits are theirs)."""
    return (
        AuditEvent.objects.filter(
            client_id=client.pk, practice_id=client.practice_id, action__in=CLIENT_VISIBLE_ACTIONS
        )
        .exclude(actor_id=client.user_id)
        .exclude(actor__isnull=True)
        .select_related("actor")
        .order_by("-at", "-id")
    )
