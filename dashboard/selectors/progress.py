"""One client's progress: scores, diary weeks, goal weeks and reviews, as data.

What the progress page, the client's own page, the report and the PDF draw; the charts are
built from this by `dashboard.presenters.progress`. Sharing: every diary figure comes from
`diary.selectors.visible_entries`, the diary's own definition of what the viewer may see.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, CharField, Count, FloatField, Value
from django.db.models.functions import TruncWeek

from accounts.localtime import client_today, week_start, zone_of
from accounts.models import User
from appointments import selectors as appointments
from assessments import change
from assessments.loader import Instrument, get_instrument
from assessments.models import ReliabilitySetting, Score
from clients.models import Client
from config.compiled_query import CompiledQuery
from diary.models import DiaryEntry, Emotion, EntryEmotion
from diary.selectors import visible_entries
from goals import selectors as goal_selectors
from goals.gas import gas_t_score
from goals.models import ATTEMPT_OUTCOMES, CheckIn, GASRating, Goal, GoalStatus

from .. import charts
from ..references import references_for
from .common import PRIMARY_INSTRUMENT, RELATIONSHIP_INSTRUMENT, judge, local_date, primary_instrument
from .compiled_rows import CompiledRows

# The progress page's fixed-shape reads, compiled once per connection (config.compiled_query):
# building and compiling them was a good part of the page's own Python time.
SCORE_HISTORY = CompiledQuery(
    lambda client_id: Score.objects.filter(
        client_id=client_id, instrument__in=(PRIMARY_INSTRUMENT, RELATIONSHIP_INSTRUMENT)
    ).order_by("submitted_at", "id"),
    int,
)
OVERRIDES = CompiledQuery(lambda practice_id: ReliabilitySetting.objects.filter(practice_id=practice_id), int)
GOALS_SHOWN = CompiledQuery(
    lambda client_id: (
        Goal.objects.filter(client_id=client_id).exclude(status=GoalStatus.DROPPED).order_by("start_date", "id")
    ),
    int,
)


def score_history(client: Client) -> list[Score]:
    """The client's ECR-R and ECR-RS scores, oldest first, in one query (split in Python)."""
    return SCORE_HISTORY.fetch(client.pk)


@dataclass
class RelationshipSeries:
    """One ECR-RS relationship target's scores over time."""

    target: str
    label: str
    scores: list[Score]
    points: list[charts.ScorePoint]


@dataclass
class Relationships:
    instrument: Instrument
    series: list[RelationshipSeries]
    references: dict[str, dict[str, charts.DimensionReference]]  # per relationship, per dimension


def score_points(scores: list[Score], instrument: Instrument, language: str) -> list[charts.ScorePoint]:
    return [
        charts.ScorePoint(
            day=local_date(s.submitted_at),
            anxiety=float(s.anxiety),
            avoidance=float(s.avoidance),
            corner=instrument.corner_label(s.corner, language),
        )
        for s in scores
    ]


def relationships(scores: list[Score], overrides: dict[str, ReliabilitySetting], language: str) -> Relationships | None:
    """Per ECR-RS target with scores (in the instrument file's order of targets) its series.
    None when there are no ECR-RS scores. Pure Python over scores already fetched, so the
    page's query count does not change."""
    rs_scores = [s for s in scores if s.instrument == RELATIONSHIP_INSTRUMENT]
    if not rs_scores:
        return None
    instrument = get_instrument(RELATIONSHIP_INSTRUMENT)
    by_target: dict[str, list[Score]] = defaultdict(list)
    for s in rs_scores:
        by_target[s.target].append(s)
    known = [t.slug for t in instrument.targets]
    order = [t for t in known if t in by_target] + sorted(t for t in by_target if t not in known)
    series = [
        RelationshipSeries(
            target,
            instrument.target_label(target, language),
            by_target[target],
            score_points(by_target[target], instrument, language),
        )
        for target in order
    ]
    # Each relationship has its own r (ECR-RS test-retest differs between partner and parents).
    refs = {t: references_for(instrument, overrides.get(RELATIONSHIP_INSTRUMENT), t) for t in order}
    return Relationships(instrument=instrument, series=series, references=refs)


@dataclass
class Progress:
    client: Client
    instrument: Instrument
    scores: list[Score]
    points: list[charts.ScorePoint]
    references: dict[str, charts.DimensionReference]
    changes_baseline: dict[str, change.Change | None]
    changes_previous: dict[str, change.Change | None]
    weeks: list[dt.date]
    emotion_weeks: list[charts.EmotionWeek]
    safety_weeks: list[charts.SafetyWeek]
    goals: list[Goal]
    goal_weeks: list[charts.GoalWeeks]
    gas_reviews: list[charts.GasReview]
    relationships: Relationships | None = None
    sessions: list[dt.date] = field(default_factory=list)  # held or planned, up to today
    milestones: list[charts.Milestone] = field(default_factory=list)  # those the viewer may see

    @property
    def latest(self) -> Score | None:
        return self.scores[-1] if self.scores else None


def _emotion_names() -> dict[str, str]:
    """Each emotion's label in the active language, translated once per page (not per row)."""
    return {value: str(label) for value, label in Emotion.choices}


def diary_week_rows(viewer: User, client: Client, since: dt.datetime, tz: dt.tzinfo):
    """Emotions per week (count, mean intensity) and felt safety per week over the entries
    the viewer may see since `since`: shared entries for the therapist (diary's own rule), all
    of them for the client. One statement: the two aggregates side by side (UNION ALL), a
    safety row's emotion empty (an emotion row always has one). DIARY_WEEK_ROWS runs it."""
    visible = visible_entries(viewer, client).filter(occurred_at__gte=since).order_by().values("pk")
    emotion_rows = (
        EntryEmotion.objects.filter(entry__in=visible)
        .annotate(week=TruncWeek("entry__occurred_at", tzinfo=tz))
        .values("week", "emotion")
        .annotate(n=Count("id"), mean=Avg("intensity", output_field=FloatField()))
        .order_by()
    )
    safety_rows = (
        DiaryEntry.objects.filter(pk__in=visible)
        .annotate(week=TruncWeek("occurred_at", tzinfo=tz), emotion=Value(None, output_field=CharField()))
        .values("week", "emotion")
        .annotate(n=Count("id"), mean=Avg("felt_safety", output_field=FloatField()))
        .order_by()
    )
    return emotion_rows.union(safety_rows, all=True)


# Compiled once per connection, viewer role and zone: building it was ~4 ms of Python per view.
DIARY_WEEK_ROWS = CompiledRows(diary_week_rows)


def diary_weeks(viewer: User, client: Client, weeks: list[dt.date]):
    """The diary's weeks from the first of `weeks` (diary_week_rows), as chart rows."""
    tz = zone_of(client.user)
    start = dt.datetime.combine(weeks[0], dt.time.min, tzinfo=tz)
    labels = _emotion_names()
    emotion_weeks, safety_weeks = [], []
    for row in DIARY_WEEK_ROWS.rows(viewer, client, start, tz):
        week, mean = local_date(row["week"], tz), float(row["mean"]) if row["mean"] is not None else None
        if row["emotion"] is None:
            safety_weeks.append(charts.SafetyWeek(week=week, mean_safety=mean, entries=row["n"]))
        else:
            emotion = labels.get(row["emotion"], row["emotion"])
            emotion_weeks.append(charts.EmotionWeek(week=week, emotion=emotion, count=row["n"], mean_intensity=mean))
    return emotion_weeks, safety_weeks


def goal_attempt_rows(viewer: User, client: Client, since: dt.date, tz: dt.tzinfo):
    """Attempts (done/partly check-ins) per goal not dropped and week, from `since`; the viewer
    and zone play no part (GOAL_ATTEMPT_ROWS runs it)."""
    return (
        CheckIn.objects.filter(client=client, goal__client=client, outcome__in=ATTEMPT_OUTCOMES, date__gte=since)
        .exclude(goal__status=GoalStatus.DROPPED)
        .annotate(week=TruncWeek("date"))
        .values("goal_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    )


def gas_rating_rows(viewer: User, client: Client, since: dt.date, tz: dt.tzinfo):
    """Every GAS rating of the client's goals not dropped, oldest first (GAS_RATING_ROWS runs it)."""
    return (
        GASRating.objects.filter(goal__client=client)
        .exclude(goal__status=GoalStatus.DROPPED)
        .order_by("date", "id")
        .values("date", "goal_id", "level", "goal__gas_weight")
    )


GOAL_ATTEMPT_ROWS = CompiledRows(goal_attempt_rows)
GAS_RATING_ROWS = CompiledRows(gas_rating_rows)


def goal_weeks(viewer: User, client: Client, weeks: list[dt.date]) -> tuple[list[Goal], list[charts.GoalWeeks]]:
    """Attempts (done/partly check-ins) per goal per week, for goals not dropped. Two queries."""
    goals = GOALS_SHOWN.fetch(client.pk)
    for goal in goals:
        goal.client = client  # as client.goals would have set it
    attempts: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for row in GOAL_ATTEMPT_ROWS.rows(viewer, client, weeks[0], dt.UTC):
        attempts[row["goal_id"]][local_date(row["week"])] = row["n"]
    return goals, [charts.GoalWeeks(g.title, g.target_per_week, attempts.get(g.pk, {})) for g in goals]


def gas_reviews(viewer: User, client: Client) -> list[charts.GasReview]:
    """The GAS T-score at every review date, from each goal's latest rating up to that date.

    Goals dropped since are left out, as in goals.selectors.gas_t_scores_for. One query.
    """
    ratings = [
        (row["date"], row["goal_id"], row["level"], row["goal__gas_weight"])
        for row in GAS_RATING_ROWS.rows(viewer, client, dt.date.min, dt.UTC)  # every rating: no day
    ]
    latest: dict[int, tuple[int, int]] = {}
    reviews: list[charts.GasReview] = []
    for i, (day, goal_id, level, weight) in enumerate(ratings):
        latest[goal_id] = (level, weight)
        if i + 1 < len(ratings) and ratings[i + 1][0] == day:
            continue  # several goals rated the same day: one review
        pairs = list(latest.values())
        t = gas_t_score([p[0] for p in pairs], [p[1] for p in pairs])
        if t is not None:
            reviews.append(charts.GasReview(day=day, t_score=round(t, 1), goals_rated=len(pairs)))
    return reviews


def weeks_window(today: dt.date, count: int) -> list[dt.date]:
    last = week_start(today)
    return [last - dt.timedelta(weeks=i) for i in range(count - 1, -1, -1)]


def weeks_with_data(
    window: list[dt.date], start: dt.date, safety: list[charts.SafetyWeek], goals: list[charts.GoalWeeks]
) -> list[dt.date]:
    """The window from the first week with a diary entry or a goal attempt in it, so that the
    charts and tables do not open on weeks of zeros; without any, from the week therapy began.
    Data from before the start date (a start date set later than the diary began) is still
    shown: a therapist should not lose sight of a shared entry because of a date field."""
    used = [s.week for s in safety if s.entries] + [w for g in goals for w, n in g.attempts.items() if n]
    first = min(used) if used else week_start(start)
    return [w for w in window if w >= first] or window[-1:]


def _changes(scores: list[Score], refs: dict) -> tuple[dict, dict]:
    """The latest score's reliable change per dimension against the baseline and the previous."""
    baseline: dict[str, change.Change | None] = dict.fromkeys(change.DIMENSIONS)
    previous: dict[str, change.Change | None] = dict.fromkeys(change.DIMENSIONS)
    if len(scores) > 1:
        for dim in change.DIMENSIONS:
            figures = (refs[dim].sd, refs[dim].reliability)
            baseline[dim] = judge(getattr(scores[0], dim), getattr(scores[-1], dim), figures)
            previous[dim] = judge(getattr(scores[-2], dim), getattr(scores[-1], dim), figures)
    return baseline, previous


def client_progress(viewer: User, client: Client, *, weeks: int = 16, today: dt.date | None = None) -> Progress:
    """Everything the progress page, the client's own view and the report draw. The caller has
    passed clients.access for `client`. Nine queries whatever the number of records."""
    today = today or client_today(client)
    instrument = primary_instrument()
    overrides = {o.instrument: o for o in OVERRIDES.fetch(client.practice_id)}
    refs = references_for(instrument, overrides.get(PRIMARY_INSTRUMENT))
    all_scores = score_history(client)
    scores = [s for s in all_scores if s.instrument == PRIMARY_INSTRUMENT and s.target == ""]
    language = getattr(viewer, "language", "en") or "en"
    changes_baseline, changes_previous = _changes(scores, refs)
    window = weeks_window(today, weeks)
    emotion_w, safety_w = diary_weeks(viewer, client, window)
    goals, goal_w = goal_weeks(viewer, client, window)
    return Progress(
        client=client,
        instrument=instrument,
        scores=scores,
        points=score_points(scores, instrument, language),
        references=refs,
        changes_baseline=changes_baseline,
        changes_previous=changes_previous,
        weeks=weeks_with_data(window, client.start_date, safety_w, goal_w),
        emotion_weeks=emotion_w,
        safety_weeks=safety_w,
        goals=goals,
        goal_weeks=goal_w,
        gas_reviews=gas_reviews(viewer, client),
        relationships=relationships(all_scores, overrides, language),
        **session_marks(viewer, client, scores, window, today),
    )


def session_marks(viewer: User, client: Client, scores: list[Score], window: list[dt.date], today: dt.date) -> dict:
    """Sessions (held, or planned and passed) and the milestones this viewer may see, from the
    first score or the window's start, whichever is earlier, up to today. Three queries."""
    first = min([window[0]] + [s.submitted_at.astimezone(zone_of(client.user)).date() for s in scores[:1]])
    days = [d for d in appointments.session_days(client, first, zone_of(client.user)) if d <= today]
    seen = appointments.milestones(viewer, client, since=first)
    return {
        "sessions": days,
        "milestones": [charts.Milestone(m.day, m.text, m.by_client) for m in seen if m.day <= today],
    }


def own_goals_in_words(goals: list[Goal]) -> dict:
    """For the client's own progress page: each goal's week so far and its latest review in
    words (goals.selectors), never the GAS T-score or its formula. Two queries."""
    progress = goal_selectors.progress_for_goals(goals)
    return {
        "goal_rows": [(goal, progress[goal.pk]) for goal in goals],
        "reviews": goal_selectors.latest_reviews(goals),
    }
