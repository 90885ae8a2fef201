"""Goal and GAS dates keep to the diary's bounds (from 2000) and plan a few years ahead at most.

A typing slip such as 0001-01-01 or 9999-12-31 is refused in the user's language with what was
typed kept, by the form and by the service alike (a direct call or POST saves nothing).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from diary.limits import EARLIEST_DATE
from goals import services
from goals.models import GASRating, Goal

EARLY = "Choose a date from the year 2000 on."
LATE = f"Choose a date no more than {services.PLAN_AHEAD_YEARS} years from today."
LATE_NL = f"Kies een datum die niet meer dan {services.PLAN_AHEAD_YEARS} jaar na vandaag ligt."


def login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def goal_post(**overrides):
    data = {
        "title": "Say what I need",
        "why": "So we fight less",
        "target_per_week": "2",
        "start_date": "2026-01-05",
        "review_date": "2026-03-01",
        "steps": "write it down",
        "level_0": "Twice a week",
        "status": "active",
    }
    data.update(overrides)
    return data


@pytest.fixture
def goal_a(world):
    return services.create_goal(
        world.client_a, by=world.therapist_a, title="Ask for help", start_date=date(2026, 1, 5), steps=["Small favour"]
    )


@pytest.mark.parametrize(
    ("field", "day", "message"),
    [
        ("start_date", "0001-01-01", EARLY),
        ("start_date", "9999-12-31", LATE),
        ("review_date", "0001-01-01", EARLY),
        ("review_date", "9999-12-31", LATE),
    ],
)
def test_creating_a_goal_with_a_far_off_date_is_refused_and_the_text_kept(world, field, day, message):
    http = login(world.therapist_a)
    data = goal_post(**{field: day})
    if field == "start_date":
        data["review_date"] = ""  # only the bound speaks, not "review before start"
    response = http.post(reverse("goals:goal_create", args=[world.client_a.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "So we fight less" in body and "write it down" in body
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("field", "day", "message"), [("start_date", "0001-01-01", EARLY), ("review_date", "9999-12-31", LATE)]
)
def test_editing_a_goal_to_a_far_off_date_is_refused_and_nothing_changes(world, goal_a, field, day, message):
    http = login(world.client_a.user)
    response = http.post(reverse("goals:goal_edit", args=[goal_a.pk]), goal_post(**{field: day}))
    assert response.status_code == 400
    assert message in response.content.decode()
    goal_a.refresh_from_db()
    assert (goal_a.title, goal_a.start_date, goal_a.review_date) == ("Ask for help", date(2026, 1, 5), None)


def test_the_last_plannable_day_is_accepted_and_the_next_is_not(world, goal_a):
    # Editing knows whose goal it is, so the form's today is the client's own, as in the service.
    http = login(world.therapist_a)
    latest = services.latest_plan_date(services.client_today(world.client_a))
    url = reverse("goals:goal_edit", args=[goal_a.pk])
    too_late = http.post(url, goal_post(review_date=(latest + timedelta(days=1)).isoformat()))
    assert too_late.status_code == 400 and LATE in too_late.content.decode()
    response = http.post(url, goal_post(start_date=EARLIEST_DATE.isoformat(), review_date=latest.isoformat()))
    assert response.status_code == 302
    goal_a.refresh_from_db()
    assert (goal_a.start_date, goal_a.review_date) == (EARLIEST_DATE, latest)


def test_creating_never_accepts_a_day_the_service_would_refuse(world):
    # Before the view names the client the form counts from the earliest today anywhere, so a
    # date it lets through is never refused by the service (which would be an error page).
    http = login(world.therapist_a)
    latest = services.latest_plan_date(services.client_today(world.client_a))
    url = reverse("goals:goal_create", args=[world.client_a.pk])
    response = http.post(url, goal_post(review_date=(latest + timedelta(days=1)).isoformat()))
    assert response.status_code == 400 and LATE in response.content.decode()
    page = http.get(url).content.decode()
    form_max = date.fromisoformat(page.split('name="review_date"')[1].split('max="')[1][:10])
    assert latest - timedelta(days=1) <= form_max <= latest


def test_a_far_off_review_date_is_refused_in_dutch(world):
    client = world.client_a
    client.user.language = "nl"
    client.user.save()
    http = login(client.user)
    response = http.post(reverse("goals:goal_create", args=[client.pk]), goal_post(review_date="9999-12-31"))
    assert response.status_code == 400
    body = response.content.decode()
    assert LATE_NL in body
    assert "So we fight less" in body
    early = http.post(reverse("goals:goal_create", args=[client.pk]), goal_post(start_date="0001-01-01"))
    assert "Kies een datum vanaf het jaar 2000." in early.content.decode()
    assert not Goal.objects.exists()


def test_the_goal_services_refuse_far_off_dates(world, goal_a):
    with pytest.raises(ValidationError) as error:
        services.create_goal(
            world.client_a, by=world.therapist_a, title="Slip", start_date=date(1, 1, 1), review_date=date(9999, 12, 31)
        )
    assert error.value.message_dict == {"start_date": [EARLY], "review_date": [LATE]}
    with pytest.raises(ValidationError) as error:
        services.update_goal(goal_a, review_date=date(9999, 12, 31))
    assert error.value.message_dict == {"review_date": [LATE]}
    goal_a.refresh_from_db()
    assert Goal.objects.count() == 1 and goal_a.review_date is None


def test_a_goal_from_before_2000_can_still_change_its_status(world, goal_a):
    # Only the dates being written are checked: an old goal is not locked by its old date.
    Goal.objects.filter(pk=goal_a.pk).update(start_date=date(1999, 6, 1))
    goal_a.refresh_from_db()
    services.update_goal(goal_a, status="paused")
    goal_a.refresh_from_db()
    assert goal_a.status == "paused"


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_a_gas_rating_before_2000_is_refused_and_the_note_kept(world, goal_a, day):
    http = login(world.therapist_a)
    response = http.post(reverse("goals:gas_rate", args=[goal_a.pk]), {"date": day, "level": "1", "note": "steady now"})
    assert response.status_code == 400
    body = response.content.decode()
    assert EARLY in body and "steady now" in body
    assert not GASRating.objects.exists()


def test_the_rating_service_refuses_dates_before_2000_and_in_the_future(world, goal_a):
    today = services.client_today(world.client_a)
    for day in (date(1, 1, 1), EARLIEST_DATE - timedelta(days=1), today + timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.rate_goal(goal_a, by=world.therapist_a, date=day, level=1)
        assert set(error.value.message_dict) == {"date"}
    assert not GASRating.objects.exists()
    services.rate_goal(goal_a, by=world.therapist_a, date=EARLIEST_DATE, level=1)
    assert GASRating.objects.get().date == EARLIEST_DATE
