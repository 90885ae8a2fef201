"""The client home's facts (read with the client's row, clients.home) under row-level
security: served as the app role, the home shows the same counts and banner as the owner sees."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import PlannedSession
from assessments.models import AssessmentSchedule
from learn.models import CardChoice, PracticeCard
from reminders.models import Notification
from safety.models import CrisisPrompt
from tests import seeding
from tests.diary.helpers import entry
from tests.rowsecurity.test_access_as_app_role import requests_as_app_role  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_home_shows_todays_entries_unread_count_and_banner_as_the_app_role(
    world,
    requests_as_app_role,  # noqa: F811
    client,
):
    me, now = world.client_a, timezone.now()
    entry(me)
    for read in (None, None, now):
        Notification.objects.create(recipient=me.user, kind="diary", title="t", created_at=now, read_at=read)
    CrisisPrompt.objects.create(client=me, event_key="entry:1", created_at=now)
    client.force_login(me.user)
    CrisisPrompt.objects.update(shown_at=None)  # a login settles older prompts; this one is new
    page = client.get(reverse("client_home")).content.decode()
    assert "You wrote 1 entry today." in page
    assert "2 unread" in page
    assert 'id="crisis-prompt"' in page


def test_the_home_shows_the_panels_short_lists_as_the_app_role(
    world,
    requests_as_app_role,  # noqa: F811
    client,
):
    """Goals due, the next session, the therapist's card and the next questionnaire are read
    with the client's row (clients.home.RowsOf): under row security they are the client's own."""
    me, now = world.client_a, timezone.now()
    today = timezone.localdate()
    goal = seeding.add_goal(me, "Ask for help", target=2, start=today - dt.timedelta(days=30))
    seeding.add_checkin(goal, today)
    PlannedSession.objects.create(client=me, therapist=world.therapist_a, starts_at=now + dt.timedelta(days=2))
    PracticeCard.objects.create(
        practice=me.practice,
        slug="our-card",
        title_en="Our own card",
        title_nl="Onze kaart",
        body_en="b",
        body_nl="b",
        sources="s",
    )
    CardChoice.objects.create(client=me, slug="our-card", position=1)
    AssessmentSchedule.objects.create(
        client=me, instrument="ecr-r", start_date=today + dt.timedelta(days=3), interval_weeks=4
    )
    client.force_login(me.user)
    page = client.get(reverse("client_home")).content.decode()
    assert "This week: 1 of 2" in page
    assert 'id="next-session"' in page
    assert "Our own card" in page
    assert 'id="next-questionnaire"' in page
