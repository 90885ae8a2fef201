"""The welcome is three short screens with next, back and skip; the last shows the reminder times."""

import re
from datetime import time

import pytest
from django.urls import reverse

from reminders.models import Kind, ReminderPreference

pytestmark = pytest.mark.django_db


def _get(client, step: int | None = None) -> str:
    url = reverse("client_welcome") if step is None else reverse("client_welcome_step", args=[step])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _href(html: str, element_id: str) -> str | None:
    found = re.search(rf'id="{element_id}" href="([^"]+)"', html)
    return found.group(1) if found else None


def test_three_screens_linked_by_next_back_and_skip(world, client):
    client.force_login(world.client_a.user)
    first = _get(client)
    assert "Step 1 of 3" in first and _href(first, "welcome-back") is None
    assert _href(first, "welcome-next") == reverse("client_welcome_step", args=[2])
    assert _href(first, "welcome-skip") == reverse("client_home")
    second = _get(client, 2)
    assert "Step 2 of 3" in second
    assert _href(second, "welcome-back") == reverse("client_welcome_step", args=[1])
    assert _href(second, "welcome-next") == reverse("client_welcome_step", args=[3])
    third = _get(client, 3)
    assert "Step 3 of 3" in third and _href(third, "welcome-next") is None and _href(third, "welcome-skip") is None
    assert _href(third, "welcome-done") == reverse("client_home")
    assert client.get(reverse("client_welcome_step", args=[4])).status_code == 404
    assert client.get(reverse("client_welcome_step", args=[0])).status_code == 404


def test_screens_say_what_stays_private_and_how_diary_and_questionnaires_work(world, client):
    client.force_login(world.client_a.user)
    first, second = _get(client, 1), _get(client, 2)
    assert "never an entry you kept private" in first
    assert "A quick entry" in second and "A full entry" in second
    assert "When your therapist asks you to fill in a questionnaire" in second
    assert "once your therapist switches them on" in second


def test_last_screen_shows_the_current_reminder_times_in_dutch(world, client):
    user = world.client_a.user
    user.language = "nl"
    user.save(update_fields=["language"])
    ReminderPreference.objects.filter(user=user, kind=Kind.DIARY).update(local_time=time(21, 15), days="1234567")
    ReminderPreference.objects.filter(user=user, kind=Kind.GOAL_CHECKIN).update(enabled=False)
    client.force_login(user)
    html = _get(client, 3)
    times = html[html.index('id="welcome-reminder-times"') :].split("</ul>")[0]
    assert "21:15, elke dag" in times
    assert re.search(r"Check-in doelen</strong>:\s*uit</li>", times)
    assert reverse("reminders:preferences") in html
    assert "Eén keer per week kan securebase ook vragen wat je opviel aan je patroon" in html
    assert re.search(r"Wekelijkse terugblik</strong>:\s*19:00, zondag", html)
    # No phone app exists yet, so the screen does not talk about push messages.
    assert "push" not in html.lower()
