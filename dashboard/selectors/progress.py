"""Reads for the dashboard pages, each a fixed number of SQL queries.

The caseload is one SQL statement over the therapist's clients (`caseload_sql`: latest and
first score, next due request and schedules, shared diary counts, open alerts, goal
attempts, the practice's reliability override). Sorting and filtering happen in Python on
those rows: a caseload is tens of clients, and the reliable-change mark and flags need the
instrument's figures anyway.

Sharing: every diary figure a therapist sees is computed from `diary.selectors.SHARED`
(the caseload) or `diary.selectors.visible_entries` (the progress pages), the diary's own
definition of what a therapist may see. Private entries are never counted, not even as
"last entry at", so a page cannot reveal that a private entry exists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    FloatField,
    Q,
)
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext

from accounts.localtime import client_today, week_start, zone_of
from accounts.models import Role, User
from assessments import change
from assessments.loader import Instrument, get_instrument
from assessments.models import AssessmentRequest, ReliabilitySetting, RequestStatus, Score
from assessments.scoring import Change, reliable_change
from assessments.selectors import HistoryRow, history_for_client, next_occurrence
from clients.access import Action, clients_for
from clients.models import Client, ClientStatus, TherapySession
from diary.models import DiaryEntry, Emotion, EntryEmotion
from diary.selectors import visible_entries
from goals import selectors as goal_selectors
from goals.gas import gas_t_score
from goals.models import ATTEMPT_OUTCOMES, CheckIn, GASRating, Goal, GoalStatus

from .. import charts
from ..caseload_sql import caseload_records
from ..references import references_for, reliability_for

# The instrument the caseload and the progress charts follow: the global ECR-R. ECR-RS
# scores are per relationship and are not mixed into one line.
PRIMARY_INSTRUMENT = "ecr-r"
# ECR-RS is charted in its own section, one series per relationship target.
RELATIONSHIP_INSTRUMENT = "ecr-rs"
RECENT_DAYS = 7  # "in the last 7 days" columns
OVERDUE_FLAG_DAYS = 14
NO_DIARY_FLAG_DAYS = 10
LOW_SAFETY_MAX = 2  # felt safety 0–2 on a shared entry in the recent window raises a flag

FLAG_DETERIORATION = "deterioration"
FLAG_OVERDUE = "overdue"
FLAG_NO_DIARY = "no_diary"
FLAG_LOW_SAFETY = "low_safety"
FLAG_ALERT = "open_alert"  # the safety net's open alerts for this client
FLAGS = (FLAG_ALERT, FLAG_DETERIORATION, FLAG_OVERDUE, FLAG_NO_DIARY, FLAG_LOW_SAFETY)


def primary_instrument() -> Instrument:
    return get_instrument(PRIMARY_INSTRUMENT)


# --- caseload -------------------------------------------------------------------------------------


@dataclass
class CaseloadRow:
    client: Client
    last_assessed: dt.datetime | None = None
    anxiety: Decimal | None = None
    avoidance: Decimal | None = None
    corner: str = ""
    corner_label: str = ""
    change_anxiety: Change | None = None
    change_avoidance: Change | None = None
    next_due: dt.date | None = None
    overdue_days: int = 0
    diary_recent: int = 0
    last_shared_at: dt.datetime | None = None
    attempts_recent: int = 0
    low_safety: bool = False
    open_alerts: int = 0
    flags: list[str] = field(default_factory=list)

    @property
    def has_scores(self) -> bool:
        return self.anxiety is not None


def _next_scheduled(schedules: str | None, today: dt.date) -> dt.date | None:
    """The earliest next date among "start|weeks|end|last requested;…" (recurring schedules, as
    the query joins them), by the assessments app's rule (see next_occurrence)."""
    dates = []
    for text in (schedules or "").split(";"):
        if not text:
            continue
        start, weeks, end, last = text.split("|")
        nxt = next_occurrence(
            dt.date.fromisoformat(start[:10]),
            int(weeks),
            dt.date.fromisoformat(end[:10]) if end else None,
            today,
            dt.date.fromisoformat(last[:10]) if last else None,
        )
        if nxt:
            dates.append(nxt)
    return min(dates, default=None)


def _change(before, after, sd_r) -> Change | None:
    if before is None or after is None:
        return None
    return reliable_change(before, after, *sd_r)


# The client fields a caseload row carries, in model order as Model.from_db expects.
CLIENT_FIELDS_FROM = {"id": "client_id"}
CLIENT_FIELDS = [
    f.attname
    for f in Client._meta.concrete_fields
    if f.attname in {"id", "display_name", "practice_id", "therapist_id", "status", "user_id"}
]


def caseload(therapist: User, *, now: dt.datetime | None = None, today: dt.date | None = None) -> list[CaseloadRow]:
    """Every active client of the therapist with figures and flags. One query in all."""
    now = now or timezone.now()
    today = today or timezone.localdate()
    instrument = primary_instrument()
    records = caseload_records(
        therapist,
        since=now - dt.timedelta(days=RECENT_DAYS),
        recent_from=today - dt.timedelta(days=RECENT_DAYS - 1),
        today=today,
        low_safety_max=LOW_SAFETY_MAX,
    )
    language = getattr(therapist, "language", "en") or "en"
    no_diary_before = now - dt.timedelta(days=NO_DIARY_FLAG_DAYS)
    figures_by_override: dict[tuple, dict] = {}
    rows = []
    for c in records:
        override_key = (c.anxiety_sd, c.anxiety_r, c.avoidance_sd, c.avoidance_r)
        if override_key not in figures_by_override:
            override = (
                None
                if c.anxiety_sd is None
                else ReliabilitySetting(
                    anxiety_sd=c.anxiety_sd,
                    anxiety_r=c.anxiety_r,
                    avoidance_sd=c.avoidance_sd,
                    avoidance_r=c.avoidance_r,
                )
            )
            figures_by_override[override_key] = reliability_for(instrument, override)
        figures = figures_by_override[override_key]
        # As the ORM builds rows (other fields deferred): Client(...) would compute defaults.
        client = Client.from_db(
            "default",
            CLIENT_FIELDS,
            [getattr(c, CLIENT_FIELDS_FROM.get(name, name)) for name in CLIENT_FIELDS],
        )
        row = CaseloadRow(
            client=client,
            last_assessed=c.last_assessed,
            anxiety=c.anxiety,
            avoidance=c.avoidance,
            corner=c.corner or "",
            corner_label=instrument.corner_label(c.corner, language) if c.corner else "",
            diary_recent=c.diary_recent,
            last_shared_at=c.last_shared_at,
            attempts_recent=c.attempts_recent,
            low_safety=bool(c.low_safety),
            open_alerts=c.open_alerts,
        )
        if c.first_score_id != c.latest_score_id:  # at least two scores: a change to judge
            row.change_anxiety = _change(c.base_anxiety, c.anxiety, figures["anxiety"])
            row.change_avoidance = _change(c.base_avoidance, c.avoidance, figures["avoidance"])
        row.next_due = c.next_open_due or _next_scheduled(c.schedules, today)
        if c.next_open_due and c.next_open_due < today:
            row.overdue_days = (today - c.next_open_due).days
        if c.open_alerts:
            row.flags.append(FLAG_ALERT)
        if any(ch and ch.label == "worse" for ch in (row.change_anxiety, row.change_avoidance)):
            row.flags.append(FLAG_DETERIORATION)
        if row.overdue_days > OVERDUE_FLAG_DAYS:
            row.flags.append(FLAG_OVERDUE)
        if c.last_shared_at is None or c.last_shared_at < no_diary_before:
            row.flags.append(FLAG_NO_DIARY)
        if c.low_safety:
            row.flags.append(FLAG_LOW_SAFETY)
        rows.append(row)
    return rows


def _sort_key(column: str):
    """A key per column; None means "no value", which always sorts last."""
    keys = {
        "name": lambda r: r.client.display_name.lower(),
        "assessed": lambda r: r.last_assessed,
        "anxiety": lambda r: r.anxiety,
        "avoidance": lambda r: r.avoidance,
        "change": lambda r: max((ch.rci for ch in (r.change_anxiety, r.change_avoidance) if ch), default=None),
        "due": lambda r: r.next_due,
        "diary": lambda r: r.diary_recent,
        "attempts": lambda r: r.attempts_recent,
        "flags": lambda r: (len(r.flags), [f in r.flags for f in FLAGS]),
    }
    return keys.get(column)


SORT_COLUMNS = ("name", "assessed", "anxiety", "avoidance", "change", "due", "diary", "attempts", "flags")


def sort_and_filter(
    rows: list[CaseloadRow], *, sort: str = "", query: str = "", flag: str = "", corner: str = ""
) -> list[CaseloadRow]:
    """Server-side sorting (`sort`, `-sort` for descending) and filtering of caseload rows."""
    if query:
        needle = query.casefold()
        rows = [r for r in rows if needle in r.client.display_name.casefold()]
    if flag == "any":
        rows = [r for r in rows if r.flags]
    elif flag in FLAGS:
        rows = [r for r in rows if flag in r.flags]
    if corner:
        rows = [r for r in rows if r.corner == corner]
    descending = sort.startswith("-")
    key = _sort_key(sort.lstrip("-"))
    if key is None:
        # Default: who needs attention first, then by name.
        return sorted(rows, key=lambda r: (-len(r.flags), r.client.display_name.lower()))
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + sorted(missing, key=lambda r: r.client.display_name.lower())


# --- practice admin: counts per therapist, no client content --------------------------------------


@dataclass
class TherapistCounts:
    therapist: User
    active: int = 0
    paused: int = 0
    discharged: int = 0
    requests_overdue: int = 0
    sessions_recent: int = 0


def practice_overview(admin: User, *, today: dt.date | None = None) -> list[TherapistCounts]:
    """Per therapist of the admin's practice: how many clients and overdue questionnaires.

    Only counts of records the admin may manage (VIEW_RECORD-level facts); no scores, no
    diary, no goals. Two queries.
    """
    today = today or timezone.localdate()
    clients = clients_for(admin, Action.MANAGE_RECORD)
    therapists = list(
        User.objects.filter(practice_id=admin.practice_id, role=Role.THERAPIST, is_active=True).order_by(
            "name", "email"
        )
    )
    rows = {t.pk: TherapistCounts(therapist=t) for t in therapists}
    session_from = today - dt.timedelta(days=30)
    counts = (
        clients.filter(therapist__isnull=False)
        .values("therapist_id")
        .annotate(
            active=Count("id", filter=Q(status=ClientStatus.ACTIVE), distinct=True),
            paused=Count("id", filter=Q(status=ClientStatus.PAUSED), distinct=True),
            discharged=Count("id", filter=Q(status=ClientStatus.DISCHARGED), distinct=True),
        )
        .order_by()
    )
    overdue = dict(
        AssessmentRequest.objects.filter(
            client__in=clients, client__status=ClientStatus.ACTIVE, status=RequestStatus.OPEN, due_date__lt=today
        )
        .values("client__therapist_id")
        .annotate(n=Count("id"))
        .values_list("client__therapist_id", "n")
        .order_by()
    )
    sessions = dict(
        TherapySession.objects.filter(client__in=clients, held_on__gte=session_from)
        .values("client__therapist_id")
        .annotate(n=Count("id"))
        .values_list("client__therapist_id", "n")
        .order_by()
    )
    for row in counts:
        if row["therapist_id"] in rows:
            r = rows[row["therapist_id"]]
            r.active, r.paused, r.discharged = row["active"], row["paused"], row["discharged"]
    for therapist_id, r in rows.items():
        r.requests_overdue = overdue.get(therapist_id, 0)
        r.sessions_recent = sessions.get(therapist_id, 0)
    return list(rows.values())


# --- one client's progress ---------------------------------------------------------------------


def score_history(client: Client) -> list[Score]:
    """The client's ECR-R and ECR-RS scores, oldest first, in one query (split in Python)."""
    return list(
        Score.objects.filter(client=client, instrument__in=(PRIMARY_INSTRUMENT, RELATIONSHIP_INSTRUMENT)).order_by(
            "submitted_at", "id"
        )
    )


@dataclass
class RelationshipSeries:
    """One ECR-RS relationship target's scores over time, with its chart."""

    target: str
    label: str
    scores: list[Score]
    points: list[charts.ScorePoint]
    change_labels: list[str]
    chart: charts.Chart | None = None


@dataclass
class Relationships:
    instrument: Instrument
    series: list[RelationshipSeries]
    plane: charts.Chart


def change_labels(scores: list[Score], figures: dict, *, plain: bool = False) -> list[str]:
    """Per score (oldest first) its reliable change against the first, both dimensions in one
    text; the first has none. `plain`: in a client's words ("clearly better since the first
    time"), else in a therapist's ("reliably improved")."""
    words = change.lay_words if plain else change.words
    dims = charts.lay_dimension_labels() if plain else charts.dimension_labels()
    labels = [""] if scores else []
    for s in scores[1:]:
        parts = []
        for dim in ("anxiety", "avoidance"):
            judged = _change(getattr(scores[0], dim), getattr(s, dim), figures[dim])
            parts.append(f"{dims[dim]}: {words(judged.label)}")
        labels.append("; ".join(parts))
    return labels


def relationships(
    scores: list[Score], overrides: dict[str, ReliabilitySetting], language: str, *, plain: bool = False
) -> Relationships | None:
    """Per ECR-RS target with scores: the series with reliable change vs its own baseline,
    and the latest point of each target on one plane. None when there are no ECR-RS scores.

    Pure Python over scores already fetched, so the page's query count does not change.
    """
    rs_scores = [s for s in scores if s.instrument == RELATIONSHIP_INSTRUMENT]
    if not rs_scores:
        return None
    instrument = get_instrument(RELATIONSHIP_INSTRUMENT)
    refs = references_for(instrument, overrides.get(RELATIONSHIP_INSTRUMENT))
    figures = {dim: (refs[dim].sd, refs[dim].reliability) for dim in ("anxiety", "avoidance")}
    by_target: dict[str, list[Score]] = defaultdict(list)
    for s in rs_scores:
        by_target[s.target].append(s)
    known = [t.slug for t in instrument.targets]
    order = [t for t in known if t in by_target] + sorted(t for t in by_target if t not in known)
    series = []
    for target in order:
        target_scores = by_target[target]
        label = instrument.target_label(target, language)
        changes = change_labels(target_scores, figures, plain=plain)
        points = [
            charts.ScorePoint(
                day=_local_date(s.submitted_at),
                anxiety=float(s.anxiety),
                avoidance=float(s.avoidance),
                corner=instrument.corner_label(s.corner, language),
            )
            for s in target_scores
        ]
        item = RelationshipSeries(target, label, target_scores, points, changes)
        item.chart = charts.with_phone(
            charts.score_timeline_chart,
            points,
            refs,
            slug=f"rs-{target or 'none'}",
            title=gettext("%(relationship)s: anxiety and avoidance over time") % {"relationship": label},
            change_labels=changes,
            plain=plain,
        )
        series.append(item)
    plane = charts.relationship_plane_chart(
        [charts.TargetPoint(item.target, item.label, item.points[-1]) for item in series],
        split=float(instrument.split_point),
        labels={c: instrument.corner_label(c, language) for c in charts.CORNERS},
    )
    return Relationships(instrument=instrument, series=series, plane=plane)


@dataclass
class Progress:
    client: Client
    instrument: Instrument
    scores: list[Score]
    points: list[charts.ScorePoint]
    references: dict[str, charts.DimensionReference]
    changes_baseline: dict[str, Change | None]
    changes_previous: dict[str, Change | None]
    weeks: list[dt.date]
    emotion_weeks: list[charts.EmotionWeek]
    safety_weeks: list[charts.SafetyWeek]
    goals: list[Goal]
    goal_weeks: list[charts.GoalWeeks]
    gas_reviews: list[charts.GasReview]
    charts: dict[str, charts.Chart] = field(default_factory=dict)
    relationships: Relationships | None = None

    @property
    def latest(self) -> Score | None:
        return self.scores[-1] if self.scores else None


def _local_date(value, tz: dt.tzinfo | None = None) -> dt.date:
    """A date from a DateField, a truncated datetime or a moment, in `tz` (default: active)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            return value.astimezone(tz).date() if tz else timezone.localtime(value).date()
        return value.date()
    return value


def diary_weeks(viewer: User, client: Client, weeks: list[dt.date]):
    """Emotions per week (count, mean intensity) and felt safety per week over the entries
    the viewer may see: shared entries for the therapist (diary's own rule), all of them for
    the client. Two queries."""
    tz = zone_of(client.user)
    start = dt.datetime.combine(weeks[0], dt.time.min, tzinfo=tz)
    visible = visible_entries(viewer, client).filter(occurred_at__gte=start).order_by().values("pk")
    labels = dict(Emotion.choices)
    emotion_rows = (
        EntryEmotion.objects.filter(entry__in=visible)
        .annotate(week=TruncWeek("entry__occurred_at", tzinfo=tz))
        .values("week", "emotion")
        .annotate(n=Count("id"), mean=Avg("intensity", output_field=FloatField()))
        .order_by()
    )
    emotion_weeks = [
        charts.EmotionWeek(
            week=_local_date(row["week"], tz),
            emotion=str(labels.get(row["emotion"], row["emotion"])),
            count=row["n"],
            mean_intensity=float(row["mean"]) if row["mean"] is not None else None,
        )
        for row in emotion_rows
    ]
    safety_rows = (
        DiaryEntry.objects.filter(pk__in=visible)
        .annotate(week=TruncWeek("occurred_at", tzinfo=tz))
        .values("week")
        .annotate(n=Count("id"), safety=Avg("felt_safety", output_field=FloatField()))
        .order_by()
    )
    safety_weeks = [
        charts.SafetyWeek(
            week=_local_date(row["week"], tz),
            mean_safety=float(row["safety"]) if row["safety"] is not None else None,
            entries=row["n"],
        )
        for row in safety_rows
    ]
    return emotion_weeks, safety_weeks


def goal_weeks(client: Client, weeks: list[dt.date]) -> tuple[list[Goal], list[charts.GoalWeeks]]:
    """Attempts (done/partly check-ins) per goal per week, for goals not dropped. Two queries."""
    goals = list(client.goals.exclude(status=GoalStatus.DROPPED).order_by("start_date", "id"))
    attempts: dict[int, dict[dt.date, int]] = defaultdict(dict)
    rows = (
        CheckIn.objects.filter(client=client, goal__in=[g.pk for g in goals], outcome__in=ATTEMPT_OUTCOMES)
        .filter(date__gte=weeks[0])
        .annotate(week=TruncWeek("date"))
        .values("goal_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        attempts[row["goal_id"]][_local_date(row["week"])] = row["n"]
    return goals, [charts.GoalWeeks(g.title, g.target_per_week, attempts.get(g.pk, {})) for g in goals]


def gas_reviews(client: Client) -> list[charts.GasReview]:
    """The GAS T-score at every review date, from each goal's latest rating up to that date.

    Goals dropped since are left out, as in goals.selectors.gas_t_scores_for. One query.
    """
    ratings = list(
        GASRating.objects.filter(goal__client=client)
        .exclude(goal__status=GoalStatus.DROPPED)
        .order_by("date", "id")
        .values_list("date", "goal_id", "level", "goal__gas_weight")
    )
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


def client_progress(viewer: User, client: Client, *, weeks: int = 16, today: dt.date | None = None) -> Progress:
    """Everything the progress page, the client's own view and the report draw. The caller has
    passed clients.access for `client`. Eight queries whatever the number of records."""
    today = today or client_today(client)
    instrument = primary_instrument()
    overrides = {o.instrument: o for o in ReliabilitySetting.objects.filter(practice_id=client.practice_id)}
    refs = references_for(instrument, overrides.get(PRIMARY_INSTRUMENT))
    all_scores = score_history(client)
    scores = [s for s in all_scores if s.instrument == PRIMARY_INSTRUMENT and s.target == ""]
    language = getattr(viewer, "language", "en") or "en"
    points = [
        charts.ScorePoint(
            day=_local_date(s.submitted_at),
            anxiety=float(s.anxiety),
            avoidance=float(s.avoidance),
            corner=instrument.corner_label(s.corner, language),
        )
        for s in scores
    ]
    figures = {dim: (refs[dim].sd, refs[dim].reliability) for dim in ("anxiety", "avoidance")}
    changes_baseline: dict[str, Change | None] = {"anxiety": None, "avoidance": None}
    changes_previous: dict[str, Change | None] = {"anxiety": None, "avoidance": None}
    if len(scores) > 1:
        for dim in ("anxiety", "avoidance"):
            changes_baseline[dim] = _change(getattr(scores[0], dim), getattr(scores[-1], dim), figures[dim])
            changes_previous[dim] = _change(getattr(scores[-2], dim), getattr(scores[-1], dim), figures[dim])
    window = weeks_window(today, weeks)
    emotion_w, safety_w = diary_weeks(viewer, client, window)
    goals, goal_w = goal_weeks(client, window)
    window = weeks_with_data(window, client.start_date, safety_w, goal_w)
    plain = client.user_id == viewer.pk  # the client's own pages speak without statistics
    progress = Progress(
        client=client,
        instrument=instrument,
        scores=scores,
        points=points,
        references=refs,
        changes_baseline=changes_baseline,
        changes_previous=changes_previous,
        weeks=window,
        emotion_weeks=emotion_w,
        safety_weeks=safety_w,
        goals=goals,
        goal_weeks=goal_w,
        gas_reviews=gas_reviews(client),
        relationships=relationships(all_scores, overrides, language, plain=plain),
    )
    split = float(instrument.split_point)
    corner_names = {c: instrument.corner_label(c, language) for c in charts.CORNERS}
    progress.charts = {
        "scores": charts.with_phone(
            charts.score_timeline_chart,
            points,
            refs,
            change_labels=change_labels(scores, figures, plain=plain),
            plain=plain,
        ),
        "plane": charts.attachment_plane_chart(points, split=split, labels=corner_names),
        "diary": charts.with_phone(charts.diary_chart, window, emotion_w, safety_w, shared_only=not plain),
        "goals": charts.with_phone(charts.goal_attempts_chart, goal_w, window),
        "gas": charts.with_phone(charts.gas_chart, progress.gas_reviews),
    }
    return progress


def own_goals_in_words(goals: list[Goal]) -> dict:
    """For the client's own progress page: each goal's week so far and its latest review in
    words (goals.selectors), never the GAS T-score or its formula. Two queries."""
    progress = goal_selectors.progress_for_goals(goals)
    return {
        "goal_rows": [(goal, progress[goal.pk]) for goal in goals],
        "reviews": goal_selectors.latest_reviews(goals),
    }


# --- since the last session --------------------------------------------------------------------


@dataclass
class SinceLastSession:
    last_session: TherapySession | None
    since: dt.date
    scores: list[HistoryRow]  # each with reliable change vs its baseline and previous score
    entries: list[DiaryEntry]
    checkins: list[CheckIn]
    requests_missed: list[AssessmentRequest]
    goals_behind: list[tuple[Goal, int]]
    checkins_by_goal: list[tuple[Goal, list[CheckIn]]] = field(default_factory=list)


def _new_scores(client: Client, start: dt.datetime, language: str) -> list[HistoryRow]:
    """Scores since `start` with their reliable change (assessments' own history, which knows
    the practice's figures and each instrument's baseline), named in the viewer's language."""
    rows = [row for row in history_for_client(client) if row.date >= start]
    for row in rows:
        spec = get_instrument(row.instrument)
        row.corner_label = spec.corner_label(row.corner, language)
        row.target_label = spec.target_label(row.target, language) if row.target else ""
    return rows


def _checkins_by_goal(therapist: User, client: Client, checkins: list[CheckIn]) -> list[tuple[Goal, list[CheckIn]]]:
    """Check-ins per goal (goals in order of their first check-in). A check-in's own notes are
    written for the goal work the therapist shares (goal pages show them too); a linked diary
    entry is named only when the therapist may see it (shared), never a private one."""
    linked = {c.diary_entry_id for c in checkins if c.diary_entry_id}
    visible = dict(
        visible_entries(therapist, client).filter(pk__in=linked).values_list("pk", "occurred_at") if linked else ()
    )
    groups: dict[int, tuple[Goal, list[CheckIn]]] = {}
    for c in checkins:
        c.shared_entry_at = visible.get(c.diary_entry_id)
        groups.setdefault(c.goal_id, (c.goal, []))[1].append(c)
    return list(groups.values())


def since_last_session(therapist: User, client: Client, *, today: dt.date | None = None) -> SinceLastSession:
    """What happened since the last recorded session (or the last 14 days when none is).

    Shared diary entries only (diary.visible_entries for the therapist). Reminders are not
    read here: the dashboard may not import the reminders app (see ARCHITECTURE.md); the
    reminders app adds its part through clients.home.SESSION_PREP_SECTIONS. Fixed number
    of queries.
    """
    today = today or client_today(client)
    last = client.sessions.order_by("-held_on", "-id").first()
    since = last.held_on if last else today - dt.timedelta(days=14)
    tz = zone_of(client.user)
    start = dt.datetime.combine(since, dt.time.min, tzinfo=tz)
    scores = _new_scores(client, start, getattr(therapist, "language", "en") or "en")
    entries = list(visible_entries(therapist, client).filter(occurred_at__gte=start).order_by("occurred_at"))
    checkins = list(
        CheckIn.objects.filter(client=client, date__gte=since).select_related("goal", "step").order_by("date", "id")
    )
    missed = list(
        AssessmentRequest.objects.filter(client=client, due_date__gte=since, due_date__lt=today)
        .filter(Q(status=RequestStatus.MISSED) | Q(status=RequestStatus.OPEN))
        .order_by("due_date")
    )
    active_goals = list(client.goals.filter(status=GoalStatus.ACTIVE).order_by("start_date", "id"))
    attempts = defaultdict(int)
    for c in checkins:
        if c.outcome in ATTEMPT_OUTCOMES:
            attempts[c.goal_id] += 1
    days = max(1, (today - since).days + 1)
    behind = []
    for goal in active_goals:
        expected = int(goal.target_per_week * min(days, (today - max(since, goal.start_date)).days + 1) / 7)
        if attempts[goal.pk] < expected:
            behind.append((goal, expected - attempts[goal.pk]))
    return SinceLastSession(
        last_session=last,
        since=since,
        scores=scores,
        entries=entries,
        checkins=checkins,
        requests_missed=missed,
        goals_behind=behind,
        checkins_by_goal=_checkins_by_goal(therapist, client, checkins),
    )
