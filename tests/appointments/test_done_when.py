"""The whole of it, as people use it, on PostgreSQL with a real Celery worker: a therapist plans a
weekly series and times the ECR-R to the sessions; the worker's generator runs twice and asks
once; the client fills it in before the session it belongs to; the progress chart shows the
sessions and both kinds of milestone, in English and Dutch."""

import datetime as dt

import pytest
from django.test import Client as Http
from django.urls import reverse

from accounts.localtime import client_today
from appointments.models import PlannedSession
from assessments.models import AssessmentRequest, RequestStatus
from assessments.tasks import generate_due_requests
from clients.services import record_session

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _as(user) -> Http:
    http = Http()
    http.force_login(user)
    return http


def test_a_series_a_questionnaire_before_its_session_and_the_chart(celery_worker_process, world):
    client, therapist = world.client_a, world.therapist_a
    today = client_today(client)
    staff, own = _as(therapist), _as(client.user)
    planned = staff.post(
        reverse("appointments:plan", kwargs={"pk": client.pk}),
        {"day": (today + dt.timedelta(days=1)).isoformat(), "at": "11:00", "minutes": "50", "mode": "in_person",
         "repeat_weeks": "1", "until": (today + dt.timedelta(weeks=5)).isoformat()},
    )  # fmt: skip
    assert planned.status_code == 302 and PlannedSession.objects.filter(client=client).count() == 5
    assigned = staff.post(
        reverse("assessments:assign", kwargs={"pk": client.pk}),
        {"instrument": "ecr-r", "start_date": today.isoformat(), "sessions_every": "1", "open_days_before": "2"},
    )
    assert assigned.status_code == 302, assigned.content.decode()[:2000]
    first, second = generate_due_requests.delay(), generate_due_requests.delay()
    assert [first.get(timeout=60), second.get(timeout=60)] == [0, 0]
    (request,) = AssessmentRequest.objects.filter(client=client)
    assert request.planned_session == PlannedSession.objects.filter(client=client).order_by("starts_at").first()

    home = own.get(reverse("client_home")).content.decode()
    assert "Before your session on" in home
    answers = {f"item-{n}": "3" for n in range(1, 37)}
    done = own.post(reverse("assessments:fill", kwargs={"request_pk": request.pk}), {**answers, "action": "submit"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED

    record_session(client, therapist=therapist, held_on=today - dt.timedelta(days=7))
    own.post(reverse("appointments:my_milestones"), {"day": today.isoformat(), "text": "Asked for a hug"})
    staff.post(
        reverse("appointments:milestone_add", kwargs={"pk": client.pk}),
        {"day": today.isoformat(), "text": "First secure response"},
    )
    for language, word in (("en", "Milestone 1"), ("nl", "Mijlpaal 1")):
        therapist.language = language
        therapist.save(update_fields=["language"])
        page = _as(therapist).get(reverse("dashboard:client_progress", kwargs={"pk": client.pk})).content.decode()
        assert "sb-session-tick" in page and word in page
        assert "Asked for a hug" in page and "First secure response" in page
