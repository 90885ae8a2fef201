"""Panels for the client's home and the therapist's client page (see clients.home)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import get_language

from accounts.localtime import client_today, day_of
from clients.home import MISSING, home_fact

from .loader import get_instrument
from .selectors import history_for_client, next_questionnaire_date, open_requests_due


def _lang() -> str:
    return (get_language() or "en")[:2]


def client_home_section(request, client) -> dict | None:
    today = client_today(client)
    lang = _lang()
    # The home read how many are due with the client's row: most days none, and no query.
    due = (
        []
        if home_fact(request, "questionnaires_due") == 0
        else open_requests_due(client, today)
        .select_related("planned_session")
        .annotate(answered=Count("administration__responses"))
        .order_by("due_date", "id")
    )
    entries = []
    for req in due:
        spec = get_instrument(req.instrument)
        entries.append(
            {
                "url": reverse("assessments:fill", kwargs={"request_pk": req.pk}),
                "name": spec.name(lang),
                "target": spec.target_label(req.target, lang) if req.target else "",
                "due_date": req.due_date,
                # Timed to a session: "before your session on …" instead of a due date.
                "session_day": day_of(request.user, req.planned_session.starts_at) if req.planned_session else None,
                "overdue": req.due_date < today and req.planned_session is None,
                "answered": req.answered,
                "total": len(spec.items),
            }
        )
    # Nothing to fill in today: when the next one comes, by the caseload's rule (never a
    # date whose questionnaire is already submitted).
    open_due, schedules = home_fact(request, "earliest_open_request"), home_fact(request, "questionnaire_schedules")
    schedules = None if schedules is MISSING else schedules
    upcoming = None if entries else next_questionnaire_date(client, today=today, open_due=open_due, schedules=schedules)
    if not entries and not upcoming:
        return None
    context = {"entries": entries, "next_date": upcoming}
    return {"template": "assessments/_home_section.html", "context": context, "order": 10}


def client_record_section(request, client) -> dict | None:
    entries = [
        {
            **result,
            "url": reverse(
                "assessments:administration_detail",
                kwargs={"pk": client.pk, "administration_pk": result["row"].score.administration_id},
            ),
        }
        for result in latest_results(client, _lang())
    ]
    context = {
        "client": client,
        "entries": entries,
        "history_url": reverse("assessments:client_history", kwargs={"pk": client.pk}),
    }
    return {"template": "assessments/_record_section.html", "context": context, "order": 10}


def latest_results(client, lang: str) -> list[dict]:
    """The client's latest score per questionnaire (and relationship), for their own progress
    page (assessments/_my_results.html). The caller has asked clients.access.can_see_results."""
    last_by_key = {}
    for row in history_for_client(client):
        last_by_key[(row.instrument, row.target)] = row
    results = []
    for (instrument, target), row in last_by_key.items():
        spec = get_instrument(instrument)
        results.append(
            {
                "row": row,
                "name": spec.name(lang),
                "target_label": spec.target_label(target, lang) if target else "",
                "corner_label": spec.corner_label(row.corner, lang),
            }
        )
    return results
