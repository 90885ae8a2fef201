"""Attempts per week, the streak and anxiety before/after, computed from known inputs.

Weeks run Monday–Sunday. 2026-01-05 is a Monday.
"""

from datetime import date

import pytest

from goals import selectors, services
from goals.models import GoalStatus, Outcome
from goals.selectors import compute_progress

MON = date(2026, 1, 5)  # Monday of week 1


class FakeGoal:
    def __init__(self, target=2, start=MON):
        self.pk = 1
        self.target_per_week = target
        self.start_date = start


def rows(*items):
    """(day, outcome, before, after) tuples."""
    return list(items)


def test_attempts_count_done_and_partly_but_not_not_yet():
    # Week of 5 Jan: done (5th), partly (6th), not yet (7th) → 2 attempts, 3 check-ins.
    progress = compute_progress(
        FakeGoal(target=2),
        rows(
            (date(2026, 1, 5), Outcome.DONE, 6, 3),
            (date(2026, 1, 6), Outcome.PARTLY, 7, 5),
            (date(2026, 1, 7), Outcome.NOT_YET, 8, None),
        ),
        today=date(2026, 1, 8),
    )
    week = progress.this_week
    assert (week.week_start, week.attempts, week.checkins, week.met) == (MON, 2, 3, True)
    # Anxiety before: (6+7+8)/3 = 7.0; after: (3+5)/2 = 4.0 (the missing rating is skipped).
    assert (week.anxiety_before, week.anxiety_after) == (7.0, 4.0)


def test_weeks_start_at_the_goal_start_and_end_this_week():
    # Goal started Mon 5 Jan, today Wed 21 Jan → weeks of 5, 12, 19 Jan only.
    progress = compute_progress(FakeGoal(), [], today=date(2026, 1, 21), weeks=8)
    assert [w.week_start for w in progress.weeks] == [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)]


def test_streak_counts_consecutive_weeks_meeting_target():
    # target 2. Week 5 Jan: 2 ✓; week 12 Jan: 1 ✗; week 19 Jan: 2 ✓; week 26 Jan: 3 ✓;
    # today Tue 3 Feb with 0 so far → the week in progress does not break it: streak = 2.
    data = rows(
        (date(2026, 1, 5), Outcome.DONE, None, None),
        (date(2026, 1, 9), Outcome.DONE, None, None),
        (date(2026, 1, 13), Outcome.DONE, None, None),
        (date(2026, 1, 19), Outcome.DONE, None, None),
        (date(2026, 1, 25), Outcome.PARTLY, None, None),
        (date(2026, 1, 26), Outcome.DONE, None, None),
        (date(2026, 1, 27), Outcome.DONE, None, None),
        (date(2026, 1, 28), Outcome.DONE, None, None),
    )
    assert compute_progress(FakeGoal(target=2), data, today=date(2026, 2, 3)).streak == 2
    # Once this week reaches 2 attempts it adds to the streak: 3.
    more = data + rows((date(2026, 2, 2), Outcome.DONE, None, None), (date(2026, 2, 3), Outcome.DONE, None, None))
    assert compute_progress(FakeGoal(target=2), more, today=date(2026, 2, 3)).streak == 3


def test_streak_is_zero_when_last_week_missed():
    # Week 5 Jan met (2), week 12 Jan missed (0); today Wed 21 Jan with 1 → streak 0.
    data = rows(
        (date(2026, 1, 5), Outcome.DONE, None, None),
        (date(2026, 1, 6), Outcome.DONE, None, None),
        (date(2026, 1, 20), Outcome.DONE, None, None),
    )
    assert compute_progress(FakeGoal(target=2), data, today=date(2026, 1, 21)).streak == 0


def test_not_yet_does_not_count_for_streak():
    data = rows((date(2026, 1, 5), Outcome.NOT_YET, 5, 5), (date(2026, 1, 6), Outcome.NOT_YET, 5, 5))
    assert compute_progress(FakeGoal(target=1), data, today=date(2026, 1, 12)).streak == 0


@pytest.mark.django_db
def test_batch_selectors_from_the_database(world):
    client = world.client_a
    goal = services.create_goal(client, by=world.therapist_a, title="G", target_per_week=2, start_date=MON)
    other = services.create_goal(world.client_b, by=world.therapist_other, title="H", start_date=MON)
    for day, key in ((date(2026, 1, 5), 1), (date(2026, 1, 6), 2), (date(2026, 1, 13), 3)):
        services.record_checkin(
            client, goal, date=day, outcome=Outcome.DONE, idempotency_key=f"00000000-0000-4000-8000-00000000000{key}"
        )
    services.record_checkin(
        world.client_b,
        other,
        date=date(2026, 1, 14),
        outcome=Outcome.DONE,
        idempotency_key="00000000-0000-4000-8000-000000000009",
    )
    weeks = selectors.goal_progress(goal, today=date(2026, 1, 14)).weeks
    assert [(w.week_start, w.attempts) for w in weeks] == [(date(2026, 1, 5), 2), (date(2026, 1, 12), 1)]
    assert selectors.goal_progress(goal, today=date(2026, 1, 14), weeks=1).streak == 1
    # Since 6 Jan: client A has the 6th and 13th (2), client B the 14th (1), client X none.
    counts = selectors.checkins_since([client, world.client_b, world.client_x], date(2026, 1, 6))
    assert counts == {client.pk: 2, world.client_b.pk: 1, world.client_x.pk: 0}


@pytest.mark.django_db
def test_gas_t_score_for_uses_latest_rating_of_goals_not_dropped(world):
    client = world.client_a
    g1 = services.create_goal(client, by=world.therapist_a, title="A", start_date=MON)
    g2 = services.create_goal(client, by=world.therapist_a, title="B", start_date=MON)
    dropped = services.create_goal(client, by=world.therapist_a, title="C", start_date=MON)
    services.rate_goal(g1, by=world.therapist_a, date=date(2026, 1, 10), level=-1)
    services.rate_goal(g1, by=world.therapist_a, date=date(2026, 2, 10), level=1)  # latest: +1
    services.rate_goal(g2, by=world.therapist_a, date=date(2026, 2, 10), level=2)
    services.rate_goal(dropped, by=world.therapist_a, date=date(2026, 2, 10), level=-2)
    services.update_goal(dropped, status=GoalStatus.DROPPED)
    # Levels +1, +2 with equal weights → 50 + 30/√2.6 = 68.6052 (see test_gas_score).
    assert selectors.gas_t_score_for(client) == pytest.approx(68.6052, abs=1e-4)
    assert selectors.gas_t_scores_for([client, world.client_b]) == {
        client.pk: pytest.approx(68.6052, abs=1e-4),
        world.client_b.pk: None,
    }


@pytest.mark.django_db
def test_goals_needing_checkin_follows_the_target_pace(world):
    client = world.client_a
    three = services.create_goal(client, by=world.therapist_a, title="3x", target_per_week=3, start_date=MON)
    daily = services.create_goal(client, by=world.therapist_a, title="7x", target_per_week=7, start_date=MON)
    services.create_goal(
        client, by=world.therapist_a, title="paused", target_per_week=7, start_date=MON, status=GoalStatus.PAUSED
    )
    # Tuesday 6 Jan: floor(3·2/7) = 0 → the 3×/week goal is on pace; floor(7·2/7) = 2 → daily is behind.
    assert list(selectors.goals_needing_checkin(date(2026, 1, 6))) == [daily]
    # Wednesday 7 Jan: floor(3·3/7) = 1 → with no attempt the 3× goal is due too.
    assert set(selectors.goals_needing_checkin(date(2026, 1, 7))) == {three, daily}
    # A check-in on the day takes the goal off that day's list.
    services.record_checkin(
        client,
        three,
        date=date(2026, 1, 7),
        outcome=Outcome.NOT_YET,
        idempotency_key="00000000-0000-4000-8000-000000000001",
    )
    assert list(selectors.goals_needing_checkin(date(2026, 1, 7))) == [daily]
    # Reminders use it as a subquery of client ids.
    from clients.models import Client

    due_clients = Client.objects.filter(pk__in=selectors.goals_needing_checkin(date(2026, 1, 7)).values("client_id"))
    assert list(due_clients) == [client]
    # Narrowed to other clients: nothing.
    assert not selectors.goals_needing_checkin(date(2026, 1, 7), clients=[world.client_b]).exists()
