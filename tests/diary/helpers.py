"""Small builders for diary tests (real services, real database)."""

import datetime as dt
import uuid

from django.test import Client as HttpClient
from django.utils import timezone

from diary.models import Emotion
from diary.services import create_entry


def entry(client, *, shared=False, emotions=None, days_ago=0, **fields):
    fields.setdefault("occurred_at", timezone.now() - dt.timedelta(days=days_ago, minutes=1))
    made, _ = create_entry(
        client, emotions=emotions or [(Emotion.SAD, 5)], shared=shared, idempotency_key=uuid.uuid4(), **fields
    )
    return made


def browser(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http
