"""The generator task through a real Celery worker: run twice (beat + retry), one request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import AssessmentRequest
from assessments.tasks import generate_due_requests

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_generates_todays_request_once(celery_worker_process, world):
    today = timezone.localdate()
    schedule = services.create_schedule(
        world.client_a,
        instrument="ecr-r",
        start_date=today - timedelta(weeks=3),
        interval_weeks=1,
        created_by=world.therapist_a,
    )
    first = generate_due_requests.delay()
    second = generate_due_requests.delay()
    assert sorted([first.get(timeout=30), second.get(timeout=30)]) == [0, 1]
    due = AssessmentRequest.objects.filter(schedule=schedule).order_by("due_date").values_list("due_date", flat=True)
    assert list(due) == [today - timedelta(weeks=3), today]
