"""Reads for assessments. A stable API for the dashboard and reminders apps.

Access: functions taking a `client` expect a record obtained through clients.access
(get_client / own_client); functions taking `clients` expect a queryset or list from
clients.access.clients_for(user, Action.VIEW_CLINICAL) (or ids from it). The system-wide
functions (`due_requests_on`, `overdue_requests` without clients) are for background jobs
(the reminders sweep), never for a page.

Public functions (keep these signatures stable):
  history_for_client(client, *, practice_settings=None) -> list[HistoryRow]
  latest_scores(clients, instrument="ecr-r") -> dict[int, Score]             (one query)
  latest_changes(clients, instrument="ecr-r") -> dict[int, HistoryRow]       (two queries)
  reliably_worse(clients, instrument="ecr-r") -> list[int]                   (client ids)
  score_series(client, instrument="ecr-r", target="") -> list[HistoryRow]
  pending_requests_for(client, *, today=None) -> list[AssessmentRequest]
  next_occurrence(start, interval_weeks, end, today, last_requested=None) -> date | None
  next_questionnaire_date(client, *, today=None) -> date | None              (two queries)
  due_requests_on(day) -> QuerySet[AssessmentRequest]
  overdue_requests(clients=None, *, today) -> QuerySet[AssessmentRequest]
  reliability_for(practice, instrument) -> dict[str, ReliabilityFigures]
  practice_baselines(practice, instrument="ecr-r") -> PracticeBaselines           (one query)
  answered_items(administration, language) -> list[ItemAnswer]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import DateField, Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from clients.home import MISSING, CountOf, RowsOf, rows_as

from . import change, scoring
from .change import ReliabilityFigures
from .loader import get_instrument
from .models import (
    Administration,
    AssessmentRequest,
    AssessmentSchedule,
    BaselineOption,
    ReliabilitySetting,
    RequestStatus,
    Score,
)

DIMENSIONS = change.DIMENSIONS


def reliability_for(
    practice, instrument: str, *, settings: dict | None = None, target: str = ""
) -> dict[str, ReliabilityFigures]:
    """SD and r per dimension: the practice's override if any, else the instrument's defaults
    (for an ECR-RS relationship: that relationship's r).

    `settings` ({instrument: ReliabilitySetting}) skips the query when the caller has them."""
    if settings is not None:
        override = settings.get(instrument)
    else:
        override = ReliabilitySetting.objects.filter(practice=practice, instrument=instrument).first()
    return change.figures_for(get_instrument(instrument), override, target)


@dataclass(frozen=True)
class PracticeBaselines:
    """The SD of a practice's clients' first scores of one questionnaire (Jacobson & Truax's
    pre-treatment SD), how many clients have one, and how many are needed before it is used."""

    n: int
    anxiety_sd: float | None
    avoidance_sd: float | None
    minimum_n: int
    chosen: bool  # the practice chose to use it (BaselineOption)

    @property
    def enough(self) -> bool:
        return self.n >= self.minimum_n


def practice_baselines(practice, instrument: str = "ecr-r") -> PracticeBaselines:
    """Each client's first score (no relationship target) of the practice, one query."""
    rows = Score.objects.filter(client__practice=practice, instrument=instrument, target="").order_by(
        "client_id", "submitted_at", "id"
    )
    first: dict[int, tuple] = {}
    for client_id, anxiety, avoidance in rows.values_list("client_id", "anxiety", "avoidance"):
        first.setdefault(client_id, (anxiety, avoidance))
    block = get_instrument(instrument).reliable_change.get("practice_baseline") or {}
    return PracticeBaselines(
        n=len(first),
        anxiety_sd=scoring.sample_sd(a for a, _v in first.values()),
        avoidance_sd=scoring.sample_sd(v for _a, v in first.values()),
        minimum_n=int(block.get("minimum_n", 30)),
        chosen=BaselineOption.objects.filter(practice=practice, instrument=instrument).exists(),
    )


def _practice_settings(practice_id) -> dict[str, ReliabilitySetting]:
    return {s.instrument: s for s in ReliabilitySetting.objects.filter(practice_id=practice_id)}


@dataclass
class HistoryRow:
    score: Score
    vs_baseline: dict[str, scoring.Change] = field(default_factory=dict)
    vs_previous: dict[str, scoring.Change] = field(default_factory=dict)
    is_baseline: bool = False

    @property
    def date(self):
        return self.score.submitted_at

    @property
    def instrument(self) -> str:
        return self.score.instrument

    @property
    def target(self) -> str:
        return self.score.target

    @property
    def anxiety(self) -> Decimal:
        return self.score.anxiety

    @property
    def avoidance(self) -> Decimal:
        return self.score.avoidance

    @property
    def corner(self) -> str:
        return self.score.corner

    @property
    def deterioration(self) -> change.Deterioration:
        """The one deterioration rule (assessments.change.reliable_deterioration) for this score."""
        return change.reliable_deterioration(self.vs_baseline, self.vs_previous)


def _with_changes(scores: Iterable[Score], settings_by_practice: dict) -> list[HistoryRow]:
    """Attach RCI vs the first and the previous score of the same instrument and target."""
    rows: list[HistoryRow] = []
    first: dict[tuple, Score] = {}
    previous: dict[tuple, Score] = {}
    figures_cache: dict[tuple, dict] = {}
    for score in scores:
        key = (score.client_id, score.instrument, score.target)
        practice_id = score.client.practice_id
        fkey = (practice_id, score.instrument, score.target)
        if fkey not in figures_cache:
            figures_cache[fkey] = reliability_for(
                None, score.instrument, settings=settings_by_practice.get(practice_id, {}), target=score.target
            )
        figures = figures_cache[fkey]
        row = HistoryRow(score=score)
        if key not in first:
            first[key] = score
            row.is_baseline = True
        else:
            base, prev = first[key], previous[key]
            for dim in DIMENSIONS:
                f = figures[dim]
                row.vs_baseline[dim] = scoring.reliable_change(getattr(base, dim), getattr(score, dim), f.sd, f.r)
                row.vs_previous[dim] = scoring.reliable_change(getattr(prev, dim), getattr(score, dim), f.sd, f.r)
        previous[key] = score
        rows.append(row)
    return rows


def history_for_client(client) -> list[HistoryRow]:
    """Every stored score of the client, oldest first, with reliable-change labels. 2 queries."""
    scores = Score.objects.filter(client=client).select_related("client").order_by("submitted_at", "id")
    return _with_changes(scores, {client.practice_id: _practice_settings(client.practice_id)})


def score_series(client, instrument: str = "ecr-r", target: str = "") -> list[HistoryRow]:
    """One instrument/target's scores over time (for charts), oldest first."""
    return [r for r in history_for_client(client) if r.instrument == instrument and r.target == target]


def latest_scores(clients, instrument: str = "ecr-r", target: str | None = None) -> dict[int, Score]:
    """The most recent score per client for an instrument, in one query. {client_id: Score}."""
    inner = Score.objects.filter(client=OuterRef("client"), instrument=instrument)
    outer = Score.objects.filter(client__in=clients, instrument=instrument)
    if target is not None:
        inner = inner.filter(target=target)
        outer = outer.filter(target=target)
    latest = inner.order_by("-submitted_at", "-id").values("pk")[:1]
    return {s.client_id: s for s in outer.filter(pk=Subquery(latest))}


def latest_changes(clients, instrument: str = "ecr-r") -> dict[int, HistoryRow]:
    """Per client: the latest score (no target; ECR-R) with RCI vs baseline and previous."""
    scores = list(
        Score.objects.filter(client__in=clients, instrument=instrument, target="")
        .select_related("client")
        .order_by("client_id", "submitted_at", "id")
    )
    practice_ids = {s.client.practice_id for s in scores}
    settings_by_practice: dict = {pid: {} for pid in practice_ids}
    for setting in ReliabilitySetting.objects.filter(practice_id__in=practice_ids, instrument=instrument):
        settings_by_practice[setting.practice_id][setting.instrument] = setting
    result: dict[int, HistoryRow] = {}
    for row in _with_changes(scores, settings_by_practice):
        result[row.score.client_id] = row
    return result


def reliably_worse(clients, instrument: str = "ecr-r") -> list[int]:
    """Ids of clients whose latest score is a reliable deterioration (assessments.change)."""
    return [cid for cid, row in latest_changes(clients, instrument).items() if row.deterioration]


def pending_requests_for(client, *, today: date | None = None) -> list[AssessmentRequest]:
    """Open requests the client can fill in now (due today or earlier), oldest first."""
    today = today or timezone.localdate()
    return list(
        AssessmentRequest.objects.filter(client=client, status=RequestStatus.OPEN, due_date__lte=today)
        .select_related("administration")
        .order_by("due_date", "id")
    )


def upcoming_requests_for(client, *, today: date | None = None) -> list[AssessmentRequest]:
    today = today or timezone.localdate()
    return list(
        AssessmentRequest.objects.filter(client=client, status=RequestStatus.OPEN, due_date__gt=today).order_by(
            "due_date", "id"
        )
    )


def next_occurrence(
    start: date, interval_weeks: int | None, end: date | None, today: date, last_requested: date | None = None
) -> date | None:
    """A recurring schedule's next date that is still to come: on or after `today` and after
    the latest occurrence that already has a request (`last_requested`).

    Why the request matters: on the day of an occurrence, start + k·interval is today also
    once today's questionnaire is submitted; that date is done, so the one after it is next.
    Open requests are the caller's to add (they are due whatever the schedule says).
    """
    if interval_weeks is None:
        return None  # a one-off is due through its request, or already done
    after = today if last_requested is None or last_requested < today else last_requested + timedelta(days=1)
    if start >= after:
        nxt = start
    else:
        step = interval_weeks * 7
        nxt = start + timedelta(days=-(-(after - start).days // step) * step)
    if end and nxt > end:
        return None
    return nxt


def _open_requests(client) -> QuerySet[AssessmentRequest]:
    return AssessmentRequest.objects.filter(client=client, status=RequestStatus.OPEN)


def open_requests_due(client, today: date) -> QuerySet[AssessmentRequest]:
    """Open requests due today or before: the questionnaires the client's home lists."""
    return _open_requests(client).filter(due_date__lte=today)


def _earliest_open(client) -> QuerySet:
    return _open_requests(client).order_by("due_date").values_list("due_date", flat=True)


# The client home reads these with the client's row (clients.home): how many questionnaires
# are due, and the earliest open request's date (next_questionnaire_date's first query).
def due_count_fact(at):
    return CountOf(open_requests_due(OuterRef("pk"), at["today"]))


def earliest_open_fact(at):
    return Subquery(_earliest_open(OuterRef("pk"))[:1])


def next_questionnaire_date(
    client, *, today: date | None = None, open_due=MISSING, schedules: list | None = None
) -> date | None:
    """The date of the client's next questionnaire: the earliest open request, else the
    earliest next occurrence of a live recurring schedule. The caseload applies the same rule
    to the same figures in its one SQL statement (dashboard.selectors). Two queries; none when
    the caller read `open_due` (earliest_open_fact) and `schedules` (schedules_fact) already."""
    today = today or timezone.localdate()
    if open_due is MISSING:
        open_due = _earliest_open(client).first()
    if open_due:
        return open_due
    if schedules is None:
        schedules = _live_schedules(client)
    else:
        found = rows_as(AssessmentSchedule, schedules, annotations={"last_requested": DateField()})
        schedules = [(s.start_date, s.interval_weeks, s.end_date, s.last_requested) for s in found]
    dates = [next_occurrence(s, w, e, today, last) for s, w, e, last in schedules]
    return min((d for d in dates if d), default=None)


def _live_schedules(client) -> QuerySet:
    return (
        AssessmentSchedule.objects.filter(client=client, cancelled_at__isnull=True, interval_weeks__isnull=False)
        .annotate(last_requested=Max("requests__due_date"))
        .values_list(*SCHEDULE_FIELDS)
    )


SCHEDULE_FIELDS = ("start_date", "interval_weeks", "end_date", "last_requested")


def schedules_fact(at):
    """next_questionnaire_date's second query as an expression over the client's row."""
    return RowsOf(_live_schedules(OuterRef("pk")), *SCHEDULE_FIELDS)


def due_requests_on(day: date) -> QuerySet[AssessmentRequest]:
    """All open requests due exactly on `day`, across practices (for the reminders sweep)."""
    return AssessmentRequest.objects.filter(status=RequestStatus.OPEN, due_date=day).select_related(
        "client", "client__user", "client__practice"
    )


def overdue_requests(clients=None, *, today: date) -> QuerySet[AssessmentRequest]:
    """Open requests whose due date has passed; limited to `clients` when given."""
    qs = AssessmentRequest.objects.filter(status=RequestStatus.OPEN, due_date__lt=today)
    if clients is not None:
        qs = qs.filter(client__in=clients)
    return qs.select_related("client", "client__user").order_by("due_date", "id")


def schedules_for(client) -> list[AssessmentSchedule]:
    return list(AssessmentSchedule.objects.filter(client=client).select_related("created_by").order_by("-created_at"))


def open_requests_for(client) -> list[AssessmentRequest]:
    """All open requests of a client (therapist view), with answers given so far counted."""
    return list(
        AssessmentRequest.objects.filter(client=client, status=RequestStatus.OPEN)
        .select_related("administration")
        .order_by("due_date", "id")
    )


def own_request(client, request_id) -> AssessmentRequest:
    """The client's own request (any status), or 404 — never another client's."""
    try:
        return AssessmentRequest.objects.select_related("administration").get(pk=int(request_id), client=client)
    except (AssessmentRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def answers_for(req: AssessmentRequest) -> dict[int, int]:
    admin = getattr(req, "administration", None) if req.pk else None
    if admin is None:
        return {}
    return dict(admin.responses.values_list("item_number", "answer"))


@dataclass(frozen=True)
class ItemAnswer:
    number: int
    text: str
    subscale: str
    reversed: bool
    answer: int | None
    keyed: int | None
    label: str


def answered_items(admin: Administration, language: str = "en") -> list[ItemAnswer]:
    """Every item of an administration (one the caller got through clients.access), its answer
    and the keyed value."""
    spec = get_instrument(admin.instrument)
    answers = dict(admin.responses.values_list("item_number", "answer"))
    rows = []
    for item in spec.items:
        answer = answers.get(item.number)
        rows.append(
            ItemAnswer(
                number=item.number,
                text=item.text(language),
                subscale=item.subscale,
                reversed=item.reversed,
                answer=answer,
                keyed=scoring.keyed(answer, item.reversed, spec.scale_min, spec.scale_max) if answer else None,
                label=spec.scale_label(answer, language) if answer else "",
            )
        )
    return rows
