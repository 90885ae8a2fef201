"""Reads of client records, always starting from what the access policy allows."""

from django.db.models import Q, QuerySet

from .access import Action, clients_for
from .models import Client, ClientStatus, TherapistAssignment, TherapySession


def caseload(therapist, *, query: str = "", status: str = "") -> QuerySet[Client]:
    clients = clients_for(therapist, Action.TREAT).select_related("user")
    if query:
        clients = clients.filter(Q(display_name__icontains=query) | Q(user__email__icontains=query))
    if status in ClientStatus.values:
        clients = clients.filter(status=status)
    return clients.order_by("display_name")


def practice_clients(admin, *, query: str = "", status: str = "", therapist_id: str = "") -> QuerySet[Client]:
    clients = clients_for(admin, Action.MANAGE_RECORD).select_related("user", "therapist")
    if query:
        clients = clients.filter(Q(display_name__icontains=query) | Q(user__email__icontains=query))
    if status in ClientStatus.values:
        clients = clients.filter(status=status)
    if therapist_id.isdigit():
        clients = clients.filter(therapist_id=int(therapist_id))
    return clients.order_by("display_name")


def assignment_history(client: Client) -> QuerySet[TherapistAssignment]:
    return client.assignments.select_related("therapist", "assigned_by").order_by("-assigned_at")


def sessions_held(client: Client) -> QuerySet[TherapySession]:
    return client.sessions.order_by("-held_on")


def last_session(client: Client) -> TherapySession | None:
    return client.sessions.order_by("-held_on").first()
