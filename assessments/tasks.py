"""Celery entry points; each is safe to run twice (the services are idempotent)."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="assessments.generate_due_requests")
def generate_due_requests() -> int:
    """Create today's occurrences of every active schedule (beat: daily; reminders may call it)."""
    return services.generate_due_requests(timezone.localdate())
