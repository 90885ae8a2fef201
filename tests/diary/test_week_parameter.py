"""A `?week=` from a hand-typed or stale link never breaks a page: far dates and garbage land on a real week."""

import pytest
from django.urls import reverse

from .helpers import browser, entry

pytestmark = pytest.mark.django_db

WEEKS = ["9999-12-31", "0001-01-01", "1999-12-31", "garbage", "2026-02-30", "2026-13-01", "-1", "9" * 40]


def pages(world):
    client = browser(world.client_a.user)
    therapist = browser(world.therapist_a)
    return [
        (client, reverse("diary:entry_list")),
        (client, reverse("diary:summary")),
        (therapist, reverse("diary:client_entries", args=[world.client_a.pk])),
    ]


@pytest.mark.parametrize("week", WEEKS)
def test_week_far_away_or_garbled_shows_a_week_instead_of_an_error(world, week):
    entry(world.client_a, shared=True, what_happened="THIS-WEEK")
    for http, url in pages(world):
        response = http.get(url, {"week": week})
        assert response.status_code == 200, (url, week)
        monday, sunday = response.context["week"]["monday"], response.context["week"]["sunday"]
        assert monday.year >= 1999 and sunday.year < 9999, (url, week)


def test_far_future_week_shows_this_week_and_no_next_link(world):
    entry(world.client_a, shared=True, what_happened="THIS-WEEK")
    for http, url in pages(world):
        response = http.get(url, {"week": "9999-12-31"})
        assert response.context["week"]["is_current"], url
        assert response.context["week"]["next"] is None, url


def test_far_past_week_is_the_first_diary_week_and_has_no_previous_link(world):
    for http, url in pages(world):
        response = http.get(url, {"week": "0001-01-01"})
        week = response.context["week"]
        assert week["monday"] <= week["monday"].replace(year=2000, month=1, day=1) <= week["sunday"], url
        assert week["prev"] is None, url
        assert "Previous week" in response.content.decode(), url  # shown, but not as a link
