"""Every refused check-in says why, in the client's language, and keeps what they typed."""

import re
import uuid

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from goals import services
from goals.models import CheckIn

TYPED = "I asked my sister to help me move a cupboard."


def login(user, language="en"):
    if language != "en":
        user.language = language
        user.save(update_fields=["language"])
    http = HttpClient(headers={"accept-language": language})
    http.force_login(user)
    return http


@pytest.fixture
def goal_a(world):
    return services.create_goal(
        world.client_a, by=world.therapist_a, title="Ask for help", steps=["Small favour", "Bigger favour"]
    )


def form_data(world, **overrides):
    data = {
        "outcome": "done",
        "date": services.client_today(world.client_a).isoformat(),
        "anxiety_before": "7",
        "anxiety_after": "4",
        "what_happened": TYPED,
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def refused(response) -> str:
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="checkin-refused"' in page
    assert TYPED in page  # what was typed is still in the form
    return page


def test_the_only_step_deleted_while_the_form_is_open_is_explained(world):
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="Ask for help", steps=["Small favour"])
    step = goal.steps.get()
    http = login(world.client_a.user)
    step.delete()  # the therapist removes it while the client has the form open
    page = refused(http.post(reverse("goals:checkin", args=[goal.pk]), form_data(world, step=str(step.pk))))
    assert "That step is no longer part of this goal" in page
    assert CheckIn.objects.count() == 0


def test_a_step_deleted_meanwhile_is_explained_in_dutch(world, goal_a):
    step = goal_a.steps.first()
    http = login(world.client_a.user, "nl")
    step.delete()
    page = refused(http.post(reverse("goals:checkin", args=[goal_a.pk]), form_data(world, step=str(step.pk))))
    assert "Die stap hoort niet meer bij dit doel" in page
    assert "Je check-in is nog niet opgeslagen" in page


def test_a_page_without_a_usable_key_is_explained_and_saves_once_when_sent_again(world, goal_a):
    http = login(world.client_a.user)
    url = reverse("goals:checkin", args=[goal_a.pk])
    page = refused(http.post(url, form_data(world, idempotency_key="")))
    assert "This page was open for a long time" in page
    fresh = re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', page).group(1)
    again = form_data(world, idempotency_key=fresh)
    assert http.post(url, again).status_code == 302
    assert http.post(url, again).status_code == 302  # a double tap on the resent form
    assert CheckIn.objects.count() == 1


def test_a_diary_entry_deleted_meanwhile_is_explained(world, goal_a):
    from tests.diary.helpers import entry

    linked = entry(world.client_a)
    http = login(world.client_a.user)
    linked_pk = linked.pk
    linked.delete()
    page = refused(http.post(reverse("goals:checkin", args=[goal_a.pk]), form_data(world, diary_entry=str(linked_pk))))
    assert "That diary entry can no longer be linked" in page


def test_a_date_in_the_future_is_explained_at_the_top_and_by_the_field(world, goal_a):
    http = login(world.client_a.user)
    tomorrow = services.client_today(world.client_a).toordinal() + 1
    import datetime

    day = datetime.date.fromordinal(tomorrow).isoformat()
    page = refused(http.post(reverse("goals:checkin", args=[goal_a.pk]), form_data(world, date=day)))
    assert "cannot be dated in the future" in page
