"""Planning sessions: series across daylight-saving changes, moving and cancelling one or the
rest of a series, recording a planned session as held."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from appointments import display, services
from appointments.models import PlannedSession, SessionStatus
from tests.factories import make_client, make_practice, make_user

pytestmark = pytest.mark.django_db

AMS, NYC = "Europe/Amsterdam", "America/New_York"


@pytest.fixture
def people():
    practice = make_practice()
    therapist = make_user(practice, "therapist", timezone=AMS)
    client = make_client(practice, therapist)
    client.user.timezone = NYC
    client.user.save(update_fields=["timezone"])
    return therapist, client


def _utc_hours(sessions):
    return [s.starts_at.astimezone(dt.UTC).strftime("%m-%d %H:%M") for s in sessions]


def test_a_weekly_amsterdam_series_stays_at_ten_across_the_change_to_summer_time(people):
    therapist, client = people
    made = services.plan(
        client, by=therapist, day=dt.date(2026, 3, 19), at=dt.time(10, 0), repeat_weeks=1, until=dt.date(2026, 4, 9)
    )
    # 10:00 in Amsterdam is 09:00 UTC in winter and 08:00 UTC from 29 March.
    assert _utc_hours(made) == ["03-19 09:00", "03-26 09:00", "04-02 08:00", "04-09 08:00"]
    with translation.override("en"):
        for_therapist = [display.clock(s, therapist) for s in made]
        # The client in New York (summer time since 8 March, UTC-4 throughout) sees the
        # Amsterdam change as the session moving from 05:00 to 04:00 on their clock.
        for_client = [display.clock(s, client.user) for s in made]
    assert for_therapist == ["10:00"] * 4
    assert for_client == ["05:00", "05:00", "04:00", "04:00"]


def test_a_fortnightly_new_york_series_stays_at_nine_across_the_autumn_change(people):
    therapist, client = people
    made = services.plan(
        client,
        by=client.user,  # the zone is the planner's; here the series is planned on a New York clock
        day=dt.date(2026, 10, 20),
        at=dt.time(9, 0),
        repeat_weeks=2,
        until=dt.date(2026, 11, 20),
        zone=NYC,
    )
    # New York leaves summer time on 1 November (UTC-4 -> UTC-5); Amsterdam on 25 October.
    assert _utc_hours(made) == ["10-20 13:00", "11-03 14:00", "11-17 14:00"]
    with translation.override("en"):
        assert [display.clock(s, client.user) for s in made] == ["09:00"] * 3
        assert [display.clock(s, therapist) for s in made] == ["15:00", "15:00", "15:00"]


def test_moving_the_rest_of_a_series_keeps_each_session_on_its_own_local_clock(people):
    therapist, client = people
    made = services.plan(
        client, by=therapist, day=dt.date(2026, 3, 12), at=dt.time(10, 0), repeat_weeks=1, until=dt.date(2026, 4, 2)
    )
    services.move(made[1], by=therapist, day=dt.date(2026, 3, 20), at=dt.time(14, 30), scope="following")
    after = list(PlannedSession.objects.filter(client=client).order_by("starts_at"))
    assert _utc_hours(after) == ["03-12 09:00", "03-20 13:30", "03-27 13:30", "04-03 12:30"]
    assert [s.sequence for s in after] == [0, 1, 1, 1]


def test_moving_one_session_leaves_the_rest_of_the_series(people):
    therapist, client = people
    made = services.plan(
        client, by=therapist, day=dt.date(2026, 5, 4), at=dt.time(10, 0), repeat_weeks=1, until=dt.date(2026, 5, 18)
    )
    services.move(made[1], by=therapist, day=dt.date(2026, 5, 12), at=dt.time(16, 0))
    assert _utc_hours(PlannedSession.objects.filter(client=client).order_by("starts_at")) == [
        "05-04 08:00",
        "05-12 14:00",
        "05-18 08:00",
    ]


def test_cancelling_the_rest_of_a_series_cancels_only_the_later_ones(people):
    therapist, client = people
    made = services.plan(
        client, by=therapist, day=dt.date(2026, 5, 4), at=dt.time(10, 0), repeat_weeks=2, until=dt.date(2026, 6, 29)
    )
    assert len(made) == 5
    assert services.cancel(made[2], by=therapist, scope="following") == 3
    assert services.cancel(made[2], by=therapist, scope="following") == 0
    statuses = list(PlannedSession.objects.filter(client=client).order_by("starts_at").values_list("status", flat=True))
    assert statuses == ["planned", "planned", "cancelled", "cancelled", "cancelled"]


def test_an_online_session_needs_its_link(people):
    therapist, client = people
    with pytest.raises(services.PlanningError):
        services.plan(client, by=therapist, day=dt.date(2026, 5, 4), at=dt.time(10, 0), mode="online")


def test_recording_a_planned_session_as_held_is_one_click_and_idempotent(people):
    therapist, client = people
    start = timezone.now() - dt.timedelta(hours=2)
    local = start.astimezone(dt.UTC)
    (session,) = services.plan(client, by=therapist, day=local.date(), at=local.time(), zone="UTC")
    held = services.record_held(session, by=therapist)
    again = services.record_held(session, by=therapist)
    assert held.pk == again.pk and client.sessions.count() == 1
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD and session.held_id == held.pk


def test_a_time_that_does_not_exist_on_the_spring_forward_day_is_read_before_the_change():
    from appointments import timing

    # 02:30 on 29 March 2026 does not exist in Amsterdam (02:00 -> 03:00): it becomes 03:30 CEST.
    moment = timing.instant(dt.date(2026, 3, 29), dt.time(2, 30), AMS)
    assert moment == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert timing.local(moment, AMS).strftime("%H:%M") == "03:30"
    # 02:30 on 25 October occurs twice: the first time (still summer time) is meant.
    assert timing.instant(dt.date(2026, 10, 25), dt.time(2, 30), AMS) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
