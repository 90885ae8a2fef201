"""Writes on client records that span models; each runs in one transaction."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role

from .models import Client, TherapistAssignment, TherapySession


class AssignmentError(ValueError):
    pass


@transaction.atomic
def assign_therapist(client: Client, therapist, *, by) -> TherapistAssignment | None:
    """Make `therapist` the client's therapist, closing the previous assignment.

    Assigning the therapist the client already has changes nothing (a resubmitted form must
    not add history rows).
    """
    if therapist.practice_id != client.practice_id or therapist.role != Role.THERAPIST or not therapist.is_active:
        raise AssignmentError("The therapist must be an active therapist of the same practice.")
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.therapist_id == therapist.pk:
        return None
    now = timezone.now()
    TherapistAssignment.objects.filter(client=client, ended_at__isnull=True).update(ended_at=now)
    client.therapist = therapist
    client.save(update_fields=["therapist", "updated_at"])
    return TherapistAssignment.objects.create(client=client, therapist=therapist, assigned_by=by, assigned_at=now)


def update_record(client: Client, **fields) -> Client:
    """The practice admin's edit of the record's own fields (the form lists which)."""
    for name, value in fields.items():
        setattr(client, name, value)
    client.save(update_fields=[*fields, "updated_at"])
    return client


def set_results_visible(client: Client, visible: bool) -> bool:
    """Whether the client sees their own scores and progress; True when this changed it."""
    if client.results_visible_to_client == visible:
        return False
    client.results_visible_to_client = visible
    client.save(update_fields=["results_visible_to_client", "updated_at"])
    return True


def record_session(client: Client, *, therapist, held_on: date, note: str = "") -> TherapySession:
    """Idempotent per client and day: recording the same date twice keeps one row."""
    try:
        with transaction.atomic():
            session, created = TherapySession.objects.get_or_create(
                client=client, held_on=held_on, defaults={"therapist": therapist, "note": note}
            )
    except IntegrityError:
        session = TherapySession.objects.get(client=client, held_on=held_on)
    return session
