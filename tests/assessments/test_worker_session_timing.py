"""A questionnaire timed to a session, through a real Celery worker on PostgreSQL: the session is
moved twice, the generator runs twice at once, and there is still exactly one request, on the
moved session's opening day."""

import datetime as dt

import pytest

from accounts.localtime import client_today
from appointments import services as sessions
from appointments.models import PlannedSession
from assessments import services
from assessments.models import AssessmentRequest
from assessments.tasks import generate_due_requests

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_moved_session_moves_its_request_exactly_once_with_the_worker(celery_worker_process, world):
    client, therapist = world.client_a, world.therapist_a
    today = client_today(client)
    made = sessions.plan(
        client, by=therapist, day=today + dt.timedelta(days=1), at=dt.time(10, 0), repeat_weeks=1,
        until=today + dt.timedelta(weeks=3), zone=client.user.timezone,
    )  # fmt: skip
    services.create_schedule(
        client, instrument="ecr-r", start_date=today, created_by=therapist, sessions_every=1, open_days_before=2
    )
    (request,) = AssessmentRequest.objects.filter(client=client)
    sessions.move(made[0], by=therapist, day=today + dt.timedelta(days=2), at=dt.time(16, 0))
    sessions.move(
        PlannedSession.objects.get(pk=made[0].pk), by=therapist, day=today + dt.timedelta(days=3), at=dt.time(9, 0)
    )
    first, second = generate_due_requests.delay(), generate_due_requests.delay()
    assert [first.get(timeout=60), second.get(timeout=60)] == [0, 0]
    rows = list(AssessmentRequest.objects.filter(client=client).values_list("pk", "planned_session_id", "due_date"))
    assert rows == [(request.pk, made[0].pk, today + dt.timedelta(days=1))]
