"""Small builders for assessment tests (plain functions over the real services)."""

from datetime import date, timedelta

from assessments import services
from assessments.loader import get_instrument
from assessments.models import AssessmentRequest

TODAY = date(2026, 3, 2)


def uniform(slug: str, value: int) -> dict[int, int]:
    return dict.fromkeys(get_instrument(slug).item_numbers, value)


def schedule_once(client, therapist, slug="ecr-r", *, targets=(), start=TODAY):
    return services.create_schedule(client, instrument=slug, start_date=start, created_by=therapist, targets=targets)


def open_request(client, therapist, slug="ecr-r", *, start=TODAY, target=""):
    schedule = schedule_once(client, therapist, slug, targets=(target,) if target else (), start=start)
    return AssessmentRequest.objects.get(schedule=schedule, target=target)


def completed(client, therapist, answers: dict[int, int], slug="ecr-r", *, start=TODAY, target=""):
    """A submitted administration with the given answers; returns the Submission."""
    req = open_request(client, therapist, slug, start=start, target=target)
    services.save_answers(client, req.pk, answers)
    return services.submit(client, req.pk)


def shifted(answers: dict[int, int], **_) -> dict[int, int]:
    return dict(answers)


def days(n: int) -> timedelta:
    return timedelta(days=n)
