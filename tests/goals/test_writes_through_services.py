"""Goal and step pages write through goals.services (never form.save()), the goal's fields are
listed once, and creating a goal bounds its dates by the client's own today."""

from datetime import date

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.localtime import client_today
from goals import services
from goals.forms import GoalForm
from goals.models import Goal

pytestmark = pytest.mark.django_db

GOAL_POST = {
    "title": "Say what I need",
    "why": "So we fight less",
    "target_per_week": "2",
    "start_date": "2026-01-05",
    "review_date": "",
    "level_0": "Twice a week",
    "status": "paused",
}


def login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def spy(monkeypatch, name: str) -> list:
    calls, real = [], getattr(services, name)

    def wrapper(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, name, wrapper)
    return calls


@pytest.fixture
def goal(world) -> Goal:
    return services.create_goal(
        world.client_a, by=world.therapist_a, title="Ask for help", start_date=date(2026, 1, 5), steps=["Say hello"]
    )


def test_editing_a_goal_goes_through_update_goal(world, goal, monkeypatch):
    calls = spy(monkeypatch, "update_goal")
    response = login(world.therapist_a).post(reverse("goals:goal_edit", args=[goal.pk]), GOAL_POST)
    assert response.status_code == 302
    assert len(calls) == 1 and calls[0][1]["status"] == "paused"
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Say what I need", "paused")


def test_editing_a_step_goes_through_update_step(world, goal, monkeypatch):
    calls = spy(monkeypatch, "update_step")
    step = goal.steps.get()
    url = reverse("goals:step_edit", args=[goal.pk, step.pk])
    assert login(world.client_a.user).post(url, {"text": "  Say good morning  "}).status_code == 302
    assert len(calls) == 1
    step.refresh_from_db()
    assert step.text == "Say good morning"


def test_the_goal_form_lists_the_services_fields():
    assert list(GoalForm.Meta.fields) == list(services.GOAL_FIELDS)


def test_creating_a_goal_bounds_its_dates_by_the_clients_today(world):
    # UTC+14 and UTC-12 are always on different dates, so the form's "today" tells whose it is.
    world.client_a.user.timezone = "Pacific/Kiritimati"
    world.client_a.user.save(update_fields=["timezone"])
    today = client_today(world.client_a)
    http = login(world.therapist_a)
    url = reverse("goals:goal_create", args=[world.client_a.pk])
    for response in (http.get(url), http.post(url, {**GOAL_POST, "title": ""})):
        assert response.context["form"].today == today
        assert f'max="{services.latest_plan_date(today).isoformat()}"' in response.content.decode()
