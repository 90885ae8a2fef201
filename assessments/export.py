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

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from clients.access import Action, can

from .models import Administration, AssessmentRequest, AssessmentSchedule, Response, Score


def _iso(value):
    return value.isoformat() if value is not None else None


def export_rows(client, viewer) -> dict[str, list[dict]]:
    if not can(viewer, Action.VIEW_RECORD, client):
        raise Http404
    schedules = [
        {
            "id": s.pk,
            "instrument": s.instrument,
            "targets": list(s.targets or []),
            "start_date": _iso(s.start_date),
            "interval_weeks": s.interval_weeks,
            "end_date": _iso(s.end_date),
            "created_at": _iso(s.created_at),
            "cancelled_at": _iso(s.cancelled_at),
        }
        for s in AssessmentSchedule.objects.filter(client=client).order_by("pk")
    ]
    requests = [
        {
            "id": r.pk,
            "schedule_id": r.schedule_id,
            "instrument": r.instrument,
            "target": r.target,
            "due_date": _iso(r.due_date),
            "status": r.status,
        }
        for r in AssessmentRequest.objects.filter(client=client).order_by("pk")
    ]
    administrations = [
        {
            "id": a.pk,
            "request_id": a.request_id,
            "instrument": a.instrument,
            "instrument_version": a.instrument_version,
            "target": a.target,
            "language": a.language,
            "started_at": _iso(a.started_at),
            "submitted_at": _iso(a.submitted_at),
        }
        for a in Administration.objects.filter(client=client).order_by("pk")
    ]
    responses = [
        {
            "administration_id": r.administration_id,
            "item_number": r.item_number,
            "answer": r.answer,
            "answered_at": _iso(r.answered_at),
        }
        for r in Response.objects.filter(administration__client=client).order_by("administration_id", "item_number")
    ]
    scores = [
        {
            "administration_id": s.administration_id,
            "instrument": s.instrument,
            "instrument_version": s.instrument_version,
            "target": s.target,
            "submitted_at": _iso(s.submitted_at),
            "anxiety": str(s.anxiety),
            "avoidance": str(s.avoidance),
            "corner": s.corner,
            "split_point": str(s.split_point),
        }
        for s in Score.objects.filter(client=client).order_by("submitted_at", "pk")
    ]
    return {
        "assessment_schedules": schedules,
        "assessment_requests": requests,
        "assessment_administrations": administrations,
        "assessment_responses": responses,
        "assessment_scores": scores,
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
