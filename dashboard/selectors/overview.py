"""The practice admin's overview: counts per therapist, no client content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Role, User
from assessments.models import AssessmentRequest, RequestStatus
from clients.access import Action, clients_for
from clients.models import ClientStatus, TherapySession


@dataclass
class TherapistCounts:
    therapist: User
    active: int = 0
    paused: int = 0
    discharged: int = 0
    requests_overdue: int = 0
    sessions_recent: int = 0


def practice_overview(admin: User, *, today: dt.date | None = None) -> list[TherapistCounts]:
    """Per therapist of the admin's practice: how many clients and overdue questionnaires.

    Only counts of records the admin may manage (VIEW_RECORD-level facts); no scores, no
    diary, no goals. Two queries.
    """
    today = today or timezone.localdate()
    clients = clients_for(admin, Action.MANAGE_RECORD)
    therapists = list(
        User.objects.filter(practice_id=admin.practice_id, role=Role.THERAPIST, is_active=True).order_by(
            "name", "email"
        )
    )
    rows = {t.pk: TherapistCounts(therapist=t) for t in therapists}
    session_from = today - dt.timedelta(days=30)
    counts = (
        clients.filter(therapist__isnull=False)
        .values("therapist_id")
        .annotate(
            active=Count("id", filter=Q(status=ClientStatus.ACTIVE), distinct=True),
            paused=Count("id", filter=Q(status=ClientStatus.PAUSED), distinct=True),
            discharged=Count("id", filter=Q(status=ClientStatus.DISCHARGED), distinct=True),
        )
        .order_by()
    )
    overdue = dict(
        AssessmentRequest.objects.filter(
            client__in=clients, client__status=ClientStatus.ACTIVE, status=RequestStatus.OPEN, due_date__lt=today
        )
        .values("client__therapist_id")
        .annotate(n=Count("id"))
        .values_list("client__therapist_id", "n")
        .order_by()
    )
    sessions = dict(
        TherapySession.objects.filter(client__in=clients, held_on__gte=session_from)
        .values("client__therapist_id")
        .annotate(n=Count("id"))
        .values_list("client__therapist_id", "n")
        .order_by()
    )
    for row in counts:
        if row["therapist_id"] in rows:
            r = rows[row["therapist_id"]]
            r.active, r.paused, r.discharged = row["active"], row["paused"], row["discharged"]
    for therapist_id, r in rows.items():
        r.requests_overdue = overdue.get(therapist_id, 0)
        r.sessions_recent = sessions.get(therapist_id, 0)
    return list(rows.values())
