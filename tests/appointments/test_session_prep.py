"""Session preparation is for the next planned session, and starts from the last session
(a planned one whose time has passed counts, even before it is recorded as held)."""

import datetime as dt
import zoneinfo

import pytest
from django.test import Client as Http
from django.urls import reverse
from django.utils import timezone, translation

from appointments import services
from appointments.models import PlannedSession
from dashboard.selectors import since_last_session

pytestmark = pytest.mark.django_db


def test_preparation_names_the_next_session_and_starts_at_the_last_one(world):
    client, therapist = world.client_a, world.therapist_a
    client.user.timezone = therapist.timezone = "Europe/Amsterdam"
    client.user.save(update_fields=["timezone"])
    therapist.save(update_fields=["timezone"])
    (past,) = services.plan(client, by=therapist, day=timezone.localdate() + dt.timedelta(days=1), at=dt.time(10, 0))
    PlannedSession.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(days=6))
    (ahead,) = services.plan(client, by=therapist, day=timezone.localdate() + dt.timedelta(days=2), at=dt.time(9, 0))
    since = since_last_session(therapist, client)
    assert since.next_planned.pk == ahead.pk
    six_days_ago = (timezone.now() - dt.timedelta(days=6)).astimezone(zoneinfo.ZoneInfo("Europe/Amsterdam")).date()
    assert since.since == six_days_ago and since.last_session is None
    http = Http()
    http.force_login(therapist)
    with translation.override("en"):
        page = http.get(reverse("dashboard:session_prep", kwargs={"pk": client.pk})).content.decode()
    assert "For the session of" in page and "09:00–09:50" in page
