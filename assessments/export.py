"""Data export and erasure for the trust/export helper (GDPR access and erasure requests).

export_rows(client, viewer) -> {"assessment_schedules": [...], "assessment_requests": [...],
"assessment_administrations": [...], "assessment_responses": [...], "assessment_scores": [...]}
Each list holds plain dicts (JSON-serialisable values). The viewer must be allowed to see the
client's record (clients.access VIEW_RECORD); otherwise Http404, like every other read.

erase(client, keep=()) deletes the client's assessment data (see its docstring for `keep`).
Assessments hold no free text, but the function exists so erasure has one entry point per
app. Submitted administrations are immutable for everyday code; erasure is the one lawful
exception, so it deletes through querysets (which do not call the model's delete guard).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from clients.access import Action, can

from .models import Administration, AssessmentRequest, AssessmentSchedule, Response, Score

# Exported columns per kind, in file order (the model attribute of the same name).
SCHEDULE_FIELDS = (
    "id",
    "instrument",
    "targets",
    "start_date",
    "interval_weeks",
    "end_date",
    "created_at",
    "cancelled_at",
)
REQUEST_FIELDS = ("id", "schedule_id", "instrument", "target", "due_date", "status")
ADMINISTRATION_FIELDS = (
    "id",
    "request_id",
    "instrument",
    "instrument_version",
    "target",
    "language",
    "started_at",
    "submitted_at",
)
RESPONSE_FIELDS = ("administration_id", "item_number", "answer", "answered_at")
SCORE_FIELDS = (
    "administration_id",
    "instrument",
    "instrument_version",
    "target",
    "submitted_at",
    "anxiety",
    "avoidance",
    "corner",
    "split_point",
)


def _plain(name: str, value):
    """A JSON-safe value: dates as ISO text, decimals as exact text, no targets as an empty list."""
    if name == "targets":
        return list(value or [])
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(queryset, fields: tuple[str, ...]) -> list[dict]:
    return [{name: _plain(name, getattr(obj, name)) for name in fields} for obj in queryset]


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if not can(viewer, Action.VIEW_RECORD, client):
        raise Http404
    responses = Response.objects.filter(administration__client=client).order_by("administration_id", "item_number")
    return {
        "assessment_schedules": _rows(AssessmentSchedule.objects.filter(client=client).order_by("pk"), SCHEDULE_FIELDS),
        "assessment_requests": _rows(AssessmentRequest.objects.filter(client=client).order_by("pk"), REQUEST_FIELDS),
        "assessment_administrations": _rows(
            Administration.objects.filter(client=client).order_by("pk"), ADMINISTRATION_FIELDS
        ),
        "assessment_responses": _rows(responses, RESPONSE_FIELDS),
        "assessment_scores": _rows(Score.objects.filter(client=client).order_by("submitted_at", "pk"), SCORE_FIELDS),
    }


@transaction.atomic
def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    """Delete the client's assessment data; with "assessment_scores" in `keep` (the default
    of settings.ERASURE_KEEP) the scores and the administrations they hang on stay, while the
    item answers, schedules' future requests and unfinished administrations go."""
    if "assessment_scores" in keep:
        responses = Response.objects.filter(administration__client=client).delete()[0]
        unfinished = AssessmentRequest.objects.filter(client=client).exclude(administration__submitted_at__isnull=False)
        requests = unfinished.delete()[0]
        AssessmentSchedule.objects.filter(client=client, cancelled_at__isnull=True).update(cancelled_at=timezone.now())
        return {"responses": responses, "requests": requests, "scores": 0}
    return {
        "scores": Score.objects.filter(client=client).delete()[0],
        "responses": Response.objects.filter(administration__client=client).delete()[0],
        "administrations": Administration.objects.filter(client=client).delete()[0],
        "requests": AssessmentRequest.objects.filter(client=client).delete()[0],
        "schedules": AssessmentSchedule.objects.filter(client=client).delete()[0],
    }
