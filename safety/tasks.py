from celery import shared_task

from . import services


@shared_task(name="safety.scan", ignore_result=True)
def scan_alerts() -> int:
    # Idempotent: every alert is unique per (client, event), so overlapping runs are harmless.
    return services.scan()


@shared_task(name="safety.escalate", ignore_result=True)
def escalate_alerts() -> int:
    return services.escalate()
