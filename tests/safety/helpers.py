import datetime as dt

from django.utils import timezone

from assessments import services as assessment_services
from diary import services as diary_services


def write_entry(client, *, safety=None, emotions=(("sad", 3),), shared=False, when=None, text="plain day"):
    entry, _ = diary_services.create_entry(
        client,
        emotions=list(emotions),
        shared=shared,
        felt_safety=safety,
        what_happened=text,
        occurred_at=when or timezone.now(),
    )
    return entry


def submit_ecr_r(client, therapist, value_for_anxiety: int, value_for_avoidance: int):
    """Submit an ECR-R whose raw answers give the wanted dimension means (no reverse keys hit)."""
    from assessments.loader import get_instrument

    spec = get_instrument("ecr-r")
    schedule = assessment_services.create_schedule(
        client, instrument="ecr-r", start_date=timezone.localdate(), created_by=therapist
    )
    request = schedule.requests.order_by("-id").first()
    answers = {}
    for item in spec.items:
        wanted = value_for_anxiety if item.subscale == "anxiety" else value_for_avoidance
        answers[item.number] = 8 - wanted if item.reversed else wanted
    assessment_services.save_answers(client, request.pk, answers)
    return assessment_services.submit(client, request.pk).administration.score


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)
