"""The Celery app; everything it needs is read from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Every task carries the practice it was published for and runs acting for it (rowsecurity).
app = Celery("securebase", task_cls="rowsecurity.tasks:PracticeTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping(value: str = "pong") -> str:
    """Round-trip check used by the worker test and by health checks."""
    return value
