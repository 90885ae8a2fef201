"""The client home's facts (read with the client's row, clients.home) under row-level
security: served as the app role, the home shows the same counts and banner as the owner sees."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reminders.models import Notification
from safety.models import CrisisPrompt
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
