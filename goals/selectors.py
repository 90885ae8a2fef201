"""Reads of goals for pages, reminders and the dashboard (a stable interface: keep signatures).

Access: functions taking a `user` pass clients.access; the others take client records the
caller already obtained through clients.access (or, for the reminder sweep, run as the
system) and never widen what the caller may see.

Definitions used everywhere (the pages say the same in plain words):
- A **week** runs Monday to Sunday in the client's own timezone.
- An **attempt** is a check-in with outcome "done" or "partly"; "not yet" is recorded (its
  anxiety ratings still count) but is not an attempt.
- The **target is met** in a week when its attempts reach the goal's target per week.
- The **current streak** is the number of consecutive weeks, counting back from the
  current week, in which the target was met. The week in progress adds to the streak once
  its target is met; until then it neither adds nor breaks it, and counting starts from
  last week. Weeks before the goal's start week end the streak.
- The **GAS T-score** of a client uses the latest rating of every goal that is not
  dropped (see goals/gas.py for the formula and citation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _lazy

from accounts.localtime import client_today, week_start
from clients.home import CountOf, RowsOf, rows_as
from clients.models import Client, ClientStatus

from .gas import gas_t_score
from .models import ATTEMPT_OUTCOMES, CheckIn, GASRating, Goal, GoalStatus

STATUS_ORDER = (GoalStatus.ACTIVE, GoalStatus.PAUSED, GoalStatus.ACHIEVED, GoalStatus.DROPPED)


# --- goals of one client --------------------------------------------------------------------


def goals_for(client: Client) -> QuerySet[Goal]:
    """All goals of the client, active first, with their steps prefetched."""
    # What is being practised comes first: active, paused, achieved, dropped.
    rank = Case(
        *(When(status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)),
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    return client.goals.prefetch_related("steps").order_by(rank, "-start_date", "-id")


def active_goals_for(client: Client) -> QuerySet[Goal]:
    return client.goals.filter(status=GoalStatus.ACTIVE).prefetch_related("steps").order_by("-start_date", "-id")


def due_this_week(client: Client, *, today: date | None = None) -> list[Goal]:
    """Active goals whose weekly target is not reached yet, each with `attempts_this_week`.

    One query that counts this week's check-ins only, so the client home costs the same after
    two years of check-ins as after two weeks. Agrees with GoalProgress.due_this_week.
    """
    today = today or client_today(client)
    return list(_due_goals(client, today, week_start(today)))


def _due_goals(client, today: date, monday: date) -> QuerySet[Goal]:
    # A subquery per goal over this week's dates (the goal-and-date index), not a join of
    # every check-in since the start filtered afterwards.
    attempts = CountOf(
        CheckIn.objects.filter(goal=OuterRef("pk"), date__gte=monday, date__lte=today, outcome__in=ATTEMPT_OUTCOMES)
    )
    goals = Goal.objects.filter(client=client, status=GoalStatus.ACTIVE).annotate(attempts_this_week=attempts)
    return goals.filter(attempts_this_week__lt=F("target_per_week")).order_by(*DUE_ORDER)


# What the client home shows of each goal due (goals/_home_section.html), and its order.
DUE_ORDER = ("-start_date", "-id")
DUE_FIELDS = ("id", "client_id", "title", "start_date", "target_per_week", "attempts_this_week")


def due_this_week_fact(at):
    """due_this_week as an expression over the client's row: the home reads it with that row
    (clients.home); due_from_fact turns it back into the goals."""
    return RowsOf(_due_goals(OuterRef("pk"), at["today"], at["week_start"]), *DUE_FIELDS)


def due_from_fact(rows: list[dict]) -> list[Goal]:
    return rows_as(Goal, rows, order_by=DUE_ORDER)


def recent_checkins(goal: Goal, limit: int = 10) -> list[CheckIn]:
    return list(goal.checkins.select_related("step").order_by("-date", "-id")[:limit])


def gas_ratings(goal: Goal) -> QuerySet[GASRating]:
    return goal.gas_ratings.select_related("rated_by").order_by("-date", "-id")


# --- progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekProgress:
    week_start: date
    attempts: int
    target: int
    checkins: int = 0
    anxiety_before: float | None = None  # mean of the week's check-ins that rated it
    anxiety_after: float | None = None

    @property
    def met(self) -> bool:
        return self.attempts >= self.target


@dataclass
class GoalProgress:
    goal_id: int
    target: int
    weeks: list[WeekProgress] = field(default_factory=list)  # oldest first, ending this week
    streak: int = 0
    anxiety_before: float | None = None  # means over all check-ins of the goal
    anxiety_after: float | None = None
    total_attempts: int = 0

    @property
    def this_week(self) -> WeekProgress | None:
        return self.weeks[-1] if self.weeks else None

    @property
    def attempts_this_week(self) -> int:
        return self.this_week.attempts if self.this_week else 0

    @property
    def due_this_week(self) -> int:
        return max(0, self.target - self.attempts_this_week)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def compute_progress(goal: Goal, rows: Iterable[tuple], *, today: date, weeks: int = 8) -> GoalProgress:
    """Progress of one goal from its check-in rows (date, outcome, anxiety_before, anxiety_after).

    Pure (no queries) so it is tested from known inputs and shared by the batch selectors.
    """
    attempts: dict[date, int] = defaultdict(int)
    counts: dict[date, int] = defaultdict(int)
    before: dict[date, list[int]] = defaultdict(list)
    after: dict[date, list[int]] = defaultdict(list)
    all_before: list[int] = []
    all_after: list[int] = []
    for day, outcome, anx_before, anx_after in rows:
        if day > today:
            continue
        week = week_start(day)
        counts[week] += 1
        if outcome in ATTEMPT_OUTCOMES:
            attempts[week] += 1
        if anx_before is not None:
            before[week].append(anx_before)
            all_before.append(anx_before)
        if anx_after is not None:
            after[week].append(anx_after)
            all_after.append(anx_after)
    current = week_start(today)
    first_week = week_start(goal.start_date)
    shown = []
    for i in range(weeks - 1, -1, -1):
        week = current - timedelta(weeks=i)
        if week < first_week:
            continue
        shown.append(
            WeekProgress(
                week_start=week,
                attempts=attempts[week],
                target=goal.target_per_week,
                checkins=counts[week],
                anxiety_before=_mean(before[week]),
                anxiety_after=_mean(after[week]),
            )
        )
    return GoalProgress(
        goal_id=goal.pk,
        target=goal.target_per_week,
        weeks=shown,
        streak=_streak(attempts, goal.target_per_week, current, first_week),
        anxiety_before=_mean(all_before),
        anxiety_after=_mean(all_after),
        total_attempts=sum(attempts.values()),
    )


def _streak(attempts: dict[date, int], target: int, current: date, first_week: date) -> int:
    streak = 0
    week = current
    if attempts.get(current, 0) < target:
        week = current - timedelta(weeks=1)  # the week in progress does not break the streak
    while week >= first_week and attempts.get(week, 0) >= target:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def progress_for_goals(goals: Iterable[Goal], *, today: date | None = None, weeks: int = 8) -> dict[int, GoalProgress]:
    """Progress of many goals (of one or more clients) in one query: {goal_id: GoalProgress}.

    `today` defaults to today in each goal's client's timezone.
    """
    goals = list(goals)
    rows: dict[int, list[tuple]] = defaultdict(list)
    for goal_id, *row in CheckIn.objects.filter(goal__in=goals).values_list(
        "goal_id", "date", "outcome", "anxiety_before", "anxiety_after"
    ):
        rows[goal_id].append(tuple(row))
    result = {}
    todays: dict[int, date] = {}
    for goal in goals:
        day = today
        if day is None:
            day = todays.get(goal.client_id) or todays.setdefault(goal.client_id, client_today(goal.client))
        result[goal.pk] = compute_progress(goal, rows[goal.pk], today=day, weeks=weeks)
    return result


def goal_progress(goal: Goal, *, today: date | None = None, weeks: int = 8) -> GoalProgress:
    return progress_for_goals([goal], today=today, weeks=weeks)[goal.pk]


# --- batch selectors for reminders and the dashboard --------------------------------------


def checkins_since(clients: Iterable[Client | int], since: date) -> dict[int, int]:
    """{client_id: number of check-ins dated on or after `since`} for every given client (0 included)."""
    ids = [c if isinstance(c, int) else c.pk for c in clients]
    counts = dict.fromkeys(ids, 0)
    for row in CheckIn.objects.filter(client_id__in=ids, date__gte=since).values("client_id").annotate(n=Count("id")):
        counts[row["client_id"]] = row["n"]
    return counts


def _latest_levels(goals: QuerySet[Goal]) -> dict[int, list[tuple[int, int]]]:
    """{client_id: [(level, weight), …]} using the latest rating of each goal."""
    latest: dict[int, tuple[int, int, int]] = {}
    rows = (
        GASRating.objects.filter(goal__in=goals)
        .order_by("goal_id", "-date", "-id")
        .values_list("goal_id", "goal__client_id", "level", "goal__gas_weight")
    )
    for goal_id, client_id, level, weight in rows:
        latest.setdefault(goal_id, (client_id, level, weight))
    per_client: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for client_id, level, weight in latest.values():
        per_client[client_id].append((level, weight))
    return per_client


# The rating levels in plain words: what the client reads instead of −2…+2 and a T-score.
LEVEL_WORDS = {
    2: _lazy("much more than expected"),
    1: _lazy("somewhat more than expected"),
    0: _lazy("as expected"),
    -1: _lazy("somewhat less than expected"),
    -2: _lazy("much less than expected"),
}


@dataclass(frozen=True)
class GoalReview:
    """A goal's latest rating at a review, in words (the goal's own text for that level too)."""

    goal: Goal
    date: date
    level: int
    words: str
    description: str


def latest_reviews(goals: Iterable[Goal]) -> list[GoalReview]:
    """The latest review of every given goal that has one, in the goals' order. One query."""
    goals = list(goals)
    latest: dict[int, tuple[date, int]] = {}
    rows = (
        GASRating.objects.filter(goal__in=goals)
        .order_by("goal_id", "-date", "-id")
        .values_list("goal_id", "date", "level")
    )
    for goal_id, day, level in rows:
        latest.setdefault(goal_id, (day, level))
    return [
        GoalReview(goal, *latest[goal.pk], str(LEVEL_WORDS[latest[goal.pk][1]]), goal.level_text(latest[goal.pk][1]))
        for goal in goals
        if goal.pk in latest
    ]


def gas_t_scores_for(clients: Iterable[Client | int]) -> dict[int, float | None]:
    """{client_id: GAS T-score or None when no goal has been rated}, in one query."""
    ids = [c if isinstance(c, int) else c.pk for c in clients]
    per_client = _latest_levels(Goal.objects.filter(client_id__in=ids).exclude(status=GoalStatus.DROPPED))
    scores: dict[int, float | None] = {}
    for client_id in ids:
        pairs = per_client.get(client_id, [])
        scores[client_id] = (
            gas_t_score([level for level, _ in pairs], [weight for _, weight in pairs]) if pairs else None
        )
    return scores


def gas_t_score_for(client: Client) -> float | None:
    return gas_t_scores_for([client])[client.pk]


def goals_needing_checkin(on_date: date, clients: QuerySet[Client] | None = None) -> QuerySet[Goal]:
    """Active goals (of active clients) whose client should get a check-in reminder on `on_date`.

    Follows the target frequency by pacing it over the week: a goal is behind when its
    attempts this week (Monday up to `on_date`) are fewer than
    floor(target_per_week × days_elapsed / 7), days_elapsed counting `on_date` itself.
    So 7×/week reminds daily, 3×/week from Wednesday when nothing happened, 1×/week on
    Sunday. A goal with any check-in dated `on_date` is never due that day. `on_date` is
    the client's local date: the reminder sweep passes each timezone's date with `clients`
    narrowed to that timezone. The result carries `attempts_this_week` and is ordered by client.
    """
    monday = week_start(on_date)
    days_elapsed = (on_date - monday).days + 1
    goals = Goal.objects.filter(status=GoalStatus.ACTIVE, client__status=ClientStatus.ACTIVE, start_date__lte=on_date)
    if clients is not None:
        goals = goals.filter(client__in=clients)
    checked_in_today = CheckIn.objects.filter(goal=OuterRef("pk"), date=on_date)
    return (
        goals.annotate(
            attempts_this_week=Count(
                "checkins",
                filter=Q(
                    checkins__date__gte=monday,
                    checkins__date__lte=on_date,
                    checkins__outcome__in=ATTEMPT_OUTCOMES,
                ),
            ),
            checked_in_today=Exists(checked_in_today),
        )
        .filter(checked_in_today=False, attempts_this_week__lt=F("target_per_week") * days_elapsed / 7)
        .select_related("client", "client__user")
        .order_by("client_id", "id")
    )
