"""Questionnaires timed to planned sessions: made when they open, moved with their session
exactly once, cancelled with it, never asked twice."""

import datetime as dt

import pytest

from accounts.localtime import client_today
from appointments import services as sessions
from appointments.models import PlannedSession
from assessments import services, session_timing
from assessments.models import AssessmentRequest, RequestStatus
from tests.factories import make_client, make_practice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    practice = make_practice()
    therapist = make_user(practice, "therapist", timezone="Europe/Amsterdam")
    client = make_client(practice, therapist)
    client.user.timezone = "Europe/Amsterdam"
    client.user.save(update_fields=["timezone"])
    return therapist, client


def _series(client, therapist, first: dt.date, weeks: int = 4):
    return sessions.plan(
        client,
        by=therapist,
        day=first,
        at=dt.time(10, 0),
        repeat_weeks=1,
        until=first + dt.timedelta(weeks=weeks - 1),
    )


def _schedule(client, therapist, every=1, days=2):
    return services.create_schedule(
        client,
        instrument="ecr-r",
        start_date=client_today(client),
        created_by=therapist,
        sessions_every=every,
        open_days_before=days,
    )


def test_a_request_opens_days_before_its_session_and_not_earlier(people):
    therapist, client = people
    today = client_today(client)
    made = _series(client, therapist, today + dt.timedelta(days=1))
    _schedule(client, therapist)
    requests = list(AssessmentRequest.objects.filter(client=client))
    assert [(r.planned_session_id, r.due_date) for r in requests] == [(made[0].pk, today - dt.timedelta(days=1))]
    # The generator, run twice (beat and a manual run), adds nothing for sessions not yet open.
    assert services.generate_due_requests(today) == 0
    assert services.generate_due_requests(today) == 0
    assert AssessmentRequest.objects.filter(client=client).count() == 1


def test_a_moved_session_moves_its_request_exactly_once(people):
    therapist, client = people
    today = client_today(client)
    made = _series(client, therapist, today + dt.timedelta(days=1))
    _schedule(client, therapist)
    (request,) = AssessmentRequest.objects.filter(client=client)
    sessions.move(made[0], by=therapist, day=today + dt.timedelta(days=2), at=dt.time(15, 0))
    sessions.move(
        PlannedSession.objects.get(pk=made[0].pk), by=therapist, day=today + dt.timedelta(days=3), at=dt.time(9, 0)
    )
    services.generate_due_requests(today)
    rows = list(AssessmentRequest.objects.filter(client=client))
    assert [(r.pk, r.due_date, r.status) for r in rows] == [(request.pk, today + dt.timedelta(days=1), "open")]


def test_moving_a_later_session_into_the_opening_window_asks_for_it_once(people):
    therapist, client = people
    today = client_today(client)
    made = _series(client, therapist, today + dt.timedelta(days=1))
    _schedule(client, therapist)
    sessions.move(made[1], by=therapist, day=today + dt.timedelta(days=2), at=dt.time(10, 0))
    services.generate_due_requests(today)
    services.generate_due_requests(today)
    assert sorted(AssessmentRequest.objects.filter(client=client).values_list("planned_session_id", flat=True)) == [
        made[0].pk,
        made[1].pk,
    ]


def test_a_cancelled_session_cancels_its_request(people):
    therapist, client = people
    today = client_today(client)
    made = _series(client, therapist, today + dt.timedelta(days=1))
    _schedule(client, therapist)
    sessions.cancel(made[0], by=therapist)
    assert list(AssessmentRequest.objects.filter(client=client).values_list("status", flat=True)) == [
        RequestStatus.CANCELLED
    ]


def test_every_second_session_gets_a_request_when_it_opens(people):
    therapist, client = people
    today = client_today(client)
    made = _series(client, therapist, today + dt.timedelta(days=1), weeks=5)
    schedule = _schedule(client, therapist, every=2, days=2)
    # Five weeks on (every session has opened; all are still ahead of the real clock).
    session_timing.sync_schedule(schedule, today=today + dt.timedelta(weeks=5))
    assert sorted(AssessmentRequest.objects.filter(client=client).values_list("planned_session_id", flat=True)) == [
        made[0].pk,
        made[2].pk,
        made[4].pk,
    ]


def test_a_submitted_questionnaire_stays_put_when_its_session_moves(people):
    therapist, client = people
    today = client_today(client)
    made = _series(client, therapist, today + dt.timedelta(days=1))
    _schedule(client, therapist)
    (request,) = AssessmentRequest.objects.filter(client=client)
    answers = {n: 4 for n in range(1, 37)}
    services.save_answers(client, request.pk, answers)
    services.submit(client, request.pk)
    sessions.move(made[0], by=therapist, day=today + dt.timedelta(days=4), at=dt.time(10, 0))
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED and request.due_date == today - dt.timedelta(days=1)
    assert AssessmentRequest.objects.filter(client=client).count() == 1
