"""The progress page's diary weeks, goal attempts and GAS ratings are read by statements compiled
once per connection, role and zone (dashboard.selectors.compiled_rows); each viewer must get
what the queryset gives them, and the goal reads what the querysets they replaced read."""

import datetime as dt

from django.utils import timezone

from accounts.localtime import zone_of
from dashboard.selectors import progress
from goals.models import ATTEMPT_OUTCOMES, CheckIn, GASRating, GoalStatus, Outcome
from tests.seeding import add_checkin, add_entry, add_gas, add_goal


def _history(world):
    """Two weeks of client A (shared and private entries, several emotions), one entry of B."""
    now = timezone.now()
    add_entry(
        world.client_a, now - dt.timedelta(days=1), shared=True, emotions=[("sad", 7), ("calm", 2)], felt_safety=3
    )
    add_entry(world.client_a, now - dt.timedelta(days=2), shared=False, emotions=[("sad", 9)], felt_safety=8)
    add_entry(world.client_a, now - dt.timedelta(days=9), shared=True, emotions=[("angry", 6)], felt_safety=6)
    add_entry(world.client_a, now - dt.timedelta(days=60), shared=True, emotions=[("sad", 1)], felt_safety=1)
    add_entry(world.client_b, now - dt.timedelta(days=3), shared=True, emotions=[("calm", 4)], felt_safety=9)


def _both(viewer, client, since):
    tz = zone_of(client.user)
    compiled = progress.DIARY_WEEK_ROWS.rows(viewer, client, since, tz)
    built = list(progress.diary_week_rows(viewer, client, since, tz))

    def key(row):
        return (row["week"], row["emotion"] or "")

    return sorted(compiled, key=key), sorted(built, key=key)


def test_each_viewer_gets_the_diary_weeks_the_queryset_gives_them(world):
    _history(world)
    since = timezone.now() - dt.timedelta(days=30)
    seen = {}
    for name, viewer, client in [
        ("therapist", world.therapist_a, world.client_a),
        ("client", world.client_a.user, world.client_a),
        ("admin", world.admin, world.client_a),
        ("other therapist of B", world.therapist_other, world.client_b),
        ("not theirs", world.therapist_other, world.client_a),
        ("other practice", world.therapist_x, world.client_a),
        ("client B", world.client_b.user, world.client_b),
    ]:
        compiled, built = _both(viewer, client, since)
        assert compiled == built, name
        seen[name] = compiled
    # The history is read as meant: the therapist sees shared entries only, the client all of
    # theirs, nobody else's rows come along, and entries before `since` stay out.
    therapist_safety = sorted(r["n"] for r in seen["therapist"] if r["emotion"] is None)
    client_safety = sorted(r["n"] for r in seen["client"] if r["emotion"] is None)
    assert sum(therapist_safety) == 2 and sum(client_safety) == 3
    assert seen["not theirs"] == seen["other practice"] == []
    assert [r["n"] for r in seen["other therapist of B"] if r["emotion"] is None] == [1]


def test_the_diary_weeks_statement_is_built_once_for_viewers_of_one_role(world, monkeypatch):
    _history(world)
    since = timezone.now() - dt.timedelta(days=30)
    progress.DIARY_WEEK_ROWS.rows(world.therapist_a, world.client_a, since, zone_of(world.client_a.user))
    built = []
    original = progress.DIARY_WEEK_ROWS.build
    monkeypatch.setattr(progress.DIARY_WEEK_ROWS, "build", lambda *a: built.append(a) or original(*a))
    rows = progress.DIARY_WEEK_ROWS.rows(world.therapist_other, world.client_b, since, zone_of(world.client_b.user))
    assert built == [] and [r["n"] for r in rows if r["emotion"] is None] == [1]


def _goal_history(world):
    """Client A: a goal kept and one dropped, attempts and misses in and before the window,
    ratings on shared and separate days; client B: a goal with its own attempts and rating."""
    today = timezone.localdate()
    kept, dropped = add_goal(world.client_a, "Kept"), add_goal(world.client_a, "Dropped")
    other = add_goal(world.client_b, "B's")
    for goal, days in [(kept, (0, 1, 8, 9, 40)), (dropped, (0, 8)), (other, (1, 2))]:
        for d in days:
            add_checkin(goal, today - dt.timedelta(days=d))
    add_checkin(kept, today - dt.timedelta(days=2), Outcome.PARTLY)
    add_checkin(kept, today - dt.timedelta(days=3), Outcome.NOT_YET)
    for goal, d, level in [(kept, 30, -1), (dropped, 30, 0), (kept, 10, 1), (dropped, 5, 2), (other, 10, 1)]:
        add_gas(goal, today - dt.timedelta(days=d), level)
    dropped.status = GoalStatus.DROPPED
    dropped.save()
    return today


def test_goal_attempts_and_gas_ratings_read_what_the_replaced_querysets_read(world):
    from django.db.models import Count
    from django.db.models.functions import TruncWeek

    today = _goal_history(world)
    since = today - dt.timedelta(days=14)
    for viewer, client in [(world.therapist_a, world.client_a), (world.client_b.user, world.client_b)]:
        shown = [g.pk for g in client.goals.exclude(status=GoalStatus.DROPPED)]
        replaced_attempts = (
            CheckIn.objects.filter(client=client, goal__in=shown, outcome__in=ATTEMPT_OUTCOMES)
            .filter(date__gte=since)
            .annotate(week=TruncWeek("date"))
            .values("goal_id", "week")
            .annotate(n=Count("id"))
            .order_by()
        )
        attempts = progress.GOAL_ATTEMPT_ROWS.rows(viewer, client, since, dt.UTC)
        key = lambda row: (row["goal_id"], row["week"])  # noqa: E731
        assert sorted(attempts, key=key) == sorted(replaced_attempts, key=key) != []
        replaced_ratings = list(
            GASRating.objects.filter(goal__client=client)
            .exclude(goal__status=GoalStatus.DROPPED)
            .order_by("date", "id")
            .values_list("date", "goal_id", "level", "goal__gas_weight")
        )
        ratings = progress.GAS_RATING_ROWS.rows(viewer, client, dt.date.min, dt.UTC)
        assert [tuple(row.values()) for row in ratings] == replaced_ratings != []
    # Client A's kept goal: two attempts this week (done, partly; the miss not counted), two last week.
    kept = world.client_a.goals.get(title="Kept")
    goals, weeks = progress.goal_weeks(world.therapist_a, world.client_a, progress.weeks_window(today, 2))
    assert [g.pk for g in goals] == [kept.pk] and sum(weeks[0].attempts.values()) >= 3
