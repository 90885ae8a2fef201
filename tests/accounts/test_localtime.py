"""One rule for a person's zone, their "today" and the start of a week, in every app.

The fixed instant is Sunday 29 Nov 2026 23:30 UTC: already Monday 30 Nov in Amsterdam (the
installation's zone, 00:30) and in Auckland (12:30), still Sunday in UTC. A rule that fell back
to UTC, or read the server's clock, would put the day (and the week) one step behind.
"""

import datetime as dt
import zoneinfo

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts import localtime
from accounts.middleware import UserPreferencesMiddleware
from goals.selectors import compute_progress
from goals.services import client_today
from reminders.kinds import local_day
from reminders.models import ReminderOccurrence
from reminders.scheduling import local_window
from safety.models import Alert
from tests.diary.helpers import browser
from tests.safety.helpers import write_entry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 30)
SUNDAY_BEFORE = dt.date(2026, 11, 29)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def in_zone(client, name: str):
    # Written past the form's choices on purpose: a zone tzdata dropped, or a hand-edited row.
    type(client.user).objects.filter(pk=client.user.pk).update(timezone=name)
    client.user.refresh_from_db()
    return client


def diary_page(client, **params):
    page = browser(client.user).get(reverse("diary:entry_list"), params)
    assert page.status_code == 200
    return page.context


def diary_today(client) -> tuple[dt.date, dt.date]:
    """The day the client's own diary files an entry written now under, and the week it shows as current."""
    write_entry(client)
    context = diary_page(client)
    assert context["week"]["is_current"]
    return context["days"][0]["day"], context["week"]["monday"]


def safety_today(client, oncommit) -> dt.date:
    """The day the safety net files a distressing entry written now under."""
    oncommit(write_entry, client, safety=1, shared=True)
    return Alert.objects.get(client=client).event_date


def activated_today(user) -> dt.date:
    seen = []
    middleware = UserPreferencesMiddleware(lambda request: seen.append(timezone.localdate()) or HttpResponse())
    request = RequestFactory().get("/")
    request.user = user
    middleware(request)
    return seen[0]


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.mark.parametrize("name", ["", "Mars/Base", "Europe", "../etc/passwd"])
def test_a_blank_or_unknown_zone_falls_back_to_the_practice_zone_everywhere(world, frozen, oncommit, settings, name):
    client = in_zone(world.client_a, name)
    user = client.user
    assert localtime.zone_of(user) == zoneinfo.ZoneInfo(settings.TIME_ZONE)
    assert localtime.today_for(user) == MONDAY
    assert activated_today(user) == MONDAY
    assert client_today(client) == MONDAY
    assert diary_today(client) == (MONDAY, MONDAY)
    assert safety_today(client, oncommit) == MONDAY
    assert local_window(NOW, name).day == MONDAY
    assert local_day(ReminderOccurrence(recipient=user, slot=NOW)) == MONDAY


@pytest.mark.parametrize("name", ["Pacific/Auckland", ""])
def test_the_diary_and_the_safety_net_agree_on_today_near_midnight_utc(world, frozen, oncommit, name):
    client = in_zone(world.client_a, name)
    day, _ = diary_today(client)
    assert day == safety_today(client, oncommit) == localtime.today_for(client.user) == MONDAY
    assert localtime.now_for(client.user).date() == MONDAY


def test_weeks_start_on_monday_in_the_diary_and_in_goals(world, frozen):
    client = in_zone(world.client_a, "Pacific/Auckland")
    # This week: Monday 30 Nov in Auckland, though UTC is still on the week of 23 Nov.
    diary_week = diary_page(client)["week"]["monday"]
    goal_week = compute_progress(_Goal(), [], today=client_today(client)).weeks[-1].week_start
    assert diary_week == goal_week == localtime.week_start(localtime.today_for(client.user)) == MONDAY
    # A Sunday belongs to the week that began the Monday before, in both apps.
    assert diary_page(client, week=SUNDAY_BEFORE.isoformat())["week"]["monday"] == dt.date(2026, 11, 23)
    goal_week = compute_progress(_Goal(), [], today=SUNDAY_BEFORE).weeks[-1].week_start
    assert goal_week == localtime.week_start(SUNDAY_BEFORE) == dt.date(2026, 11, 23)


class _Goal:
    pk = 1
    target_per_week = 2
    start_date = dt.date(2026, 1, 5)


def test_week_start_is_the_monday_of_any_day():
    assert [localtime.week_start(dt.date(2026, 11, d)) for d in range(23, 31)] == [dt.date(2026, 11, 23)] * 7 + [MONDAY]


def test_the_safety_net_counts_overdue_days_in_the_clients_calendar(world, frozen, oncommit):
    from assessments import services as assessment_services
    from safety import services as safety_services
    from safety.models import AlertKind

    auckland = in_zone(world.client_a, "Pacific/Auckland")
    utc = in_zone(world.client_b, "Etc/UTC")
    for client, therapist in ((auckland, world.therapist_a), (utc, world.therapist_other)):
        schedule = assessment_services.create_schedule(
            client, instrument="ecr-r", start_date=dt.date(2026, 11, 15), created_by=therapist
        )
        assert schedule.requests.get().due_date == dt.date(2026, 11, 15)
    oncommit(safety_services.scan)
    # Monday 30 Nov in Auckland is 15 days past the due date (over the 14-day limit); in UTC,
    # still Sunday 29 Nov, it is 14.
    assert list(Alert.objects.values_list("client", "kind")) == [(auckland.pk, AlertKind.ASSESSMENT_OVERDUE)]
