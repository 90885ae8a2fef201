"""Synthetic history for the tests and bench/dashboard_bench.py: scores, diary entries, goals, check-ins.

Written with bulk_create straight into the domain apps' tables (bypassing their services) so
that two years for 500 clients seeds in seconds. The rows have the same shape the services
write: a score hangs off a submitted administration of a submitted request of a schedule.
Never used by the running application.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from assessments.models import (
    Administration,
    AssessmentRequest,
    AssessmentSchedule,
    RequestStatus,
    Score,
)
from assessments.scoring import corner
from clients.models import Client
from diary.models import DiaryEntry, Emotion, EntryEmotion
from goals.models import CheckIn, GASRating, Goal, Outcome

INSTRUMENT = "ecr-r"
EMOTIONS = [e.value for e in Emotion]


def _aware(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())


def add_scores(
    client: Client,
    series: Sequence[tuple[dt.date, float, float]],
    *,
    schedule_start=None,
    instrument: str = INSTRUMENT,
    target: str = "",
) -> list[Score]:
    """Scored administrations (ECR-R unless told) on the given dates: [(date, anxiety, avoidance), …].

    For ECR-RS pass instrument="ecr-rs" and the relationship `target` slug."""
    return bulk_scores({client.pk: series}, schedule_start=schedule_start, instrument=instrument, target=target)[
        client.pk
    ]


def bulk_scores(
    per_client: dict[int, Sequence[tuple[dt.date, float, float]]],
    *,
    schedule_start=None,
    interval_weeks=4,
    instrument: str = INSTRUMENT,
    target: str = "",
) -> dict[int, list[Score]]:
    version = f"{instrument}@1.0.0"
    schedules = AssessmentSchedule.objects.bulk_create(
        [
            AssessmentSchedule(
                client_id=cid,
                instrument=instrument,
                targets=[target] if target else [],
                start_date=schedule_start or (min(d for d, _, _ in s) if s else timezone.localdate()),
                interval_weeks=interval_weeks,
            )
            for cid, s in per_client.items()
        ]
    )
    by_client = {s.client_id: s for s in schedules}
    requests = AssessmentRequest.objects.bulk_create(
        [
            AssessmentRequest(
                schedule=by_client[cid],
                client_id=cid,
                instrument=instrument,
                target=target,
                due_date=day,
                status=RequestStatus.SUBMITTED,
            )
            for cid, series in per_client.items()
            for day, _, _ in series
        ]
    )
    admins = Administration.objects.bulk_create(
        [
            Administration(
                request=req,
                client_id=req.client_id,
                instrument=instrument,
                instrument_version=version,
                target=target,
                submitted_at=_aware(req.due_date),
            )
            for req in requests
        ]
    )
    values = [(cid, a, v) for cid, series in per_client.items() for _, a, v in series]
    scores = Score.objects.bulk_create(
        [
            Score(
                administration=admin,
                client_id=cid,
                instrument=instrument,
                target=target,
                submitted_at=admin.submitted_at,
                anxiety=Decimal(str(round(a, 4))),
                avoidance=Decimal(str(round(v, 4))),
                corner=corner(Decimal(str(a)), Decimal(str(v)), Decimal(4)),
                split_point=Decimal(4),
                instrument_version=version,
            )
            for admin, (cid, a, v) in zip(admins, values, strict=True)
        ]
    )
    result: dict[int, list[Score]] = {cid: [] for cid in per_client}
    for s in scores:
        result[s.client_id].append(s)
    return result


def add_open_request(client: Client, due: dt.date) -> AssessmentRequest:
    schedule = AssessmentSchedule.objects.create(client=client, instrument=INSTRUMENT, start_date=due)
    return AssessmentRequest.objects.create(schedule=schedule, client=client, instrument=INSTRUMENT, due_date=due)


def add_entry(
    client: Client,
    when: dt.datetime,
    *,
    shared: bool,
    emotions: Sequence[tuple[str, int]] = (("sad", 5),),
    felt_safety: int | None = None,
) -> DiaryEntry:
    entry = DiaryEntry.objects.create(client=client, occurred_at=when, shared=shared, felt_safety=felt_safety)
    EntryEmotion.objects.bulk_create([EntryEmotion(entry=entry, emotion=e, intensity=i) for e, i in emotions])
    return entry


def add_goal(client: Client, title: str = "Ask for help", *, target: int = 3, start: dt.date | None = None) -> Goal:
    return Goal.objects.create(
        client=client, title=title, target_per_week=target, start_date=start or timezone.localdate()
    )


def add_checkin(goal: Goal, day: dt.date, outcome: str = Outcome.DONE) -> CheckIn:
    return CheckIn.objects.create(client_id=goal.client_id, goal=goal, date=day, outcome=outcome)


def add_gas(goal: Goal, day: dt.date, level: int) -> GASRating:
    return GASRating.objects.create(goal=goal, date=day, level=level)


def seed_history(
    clients: Sequence[Client],
    *,
    days: int = 730,
    today: dt.date | None = None,
    rng: random.Random | None = None,
    entries_per_day: float = 1.0,
    batch: int = 20000,
) -> dict[str, int]:
    """Two years (by default) per client: ECR-R every 4 weeks drifting toward secure, about
    one diary entry a day (half shared, 1–3 emotions), three goals with check-ins and a GAS
    review every 8 weeks. Returns row counts."""
    rng = rng or random.Random(8)  # noqa: S311 - synthetic data
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=days)
    counts = dict.fromkeys(("scores", "entries", "emotions", "goals", "checkins", "gas"), 0)
    per_client_scores = {}
    for client in clients:
        anx, avo = rng.uniform(3.5, 6.0), rng.uniform(3.0, 6.0)
        series = []
        day = start
        while day <= today:
            series.append((day, min(7, max(1, anx + rng.gauss(0, 0.3))), min(7, max(1, avo + rng.gauss(0, 0.3)))))
            anx -= rng.uniform(0, 0.08)
            avo -= rng.uniform(0, 0.06)
            day += dt.timedelta(weeks=4)
        per_client_scores[client.pk] = series
    counts["scores"] = sum(len(s) for s in bulk_scores(per_client_scores, schedule_start=start).values())

    tz = timezone.get_default_timezone()
    entries: list[DiaryEntry] = []
    for client in clients:
        for offset in range(days):
            if rng.random() > entries_per_day:
                continue
            day = start + dt.timedelta(days=offset)
            entries.append(
                DiaryEntry(
                    client_id=client.pk,
                    occurred_at=dt.datetime.combine(day, dt.time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=tz),
                    shared=rng.random() < 0.5,
                    felt_safety=rng.randint(0, 10),
                    idempotency_key=uuid.uuid4(),
                )
            )
    for i in range(0, len(entries), batch):
        created = DiaryEntry.objects.bulk_create(entries[i : i + batch])
        emotions = []
        for entry in created:
            for name in rng.sample(EMOTIONS, rng.randint(1, 3)):
                emotions.append(EntryEmotion(entry_id=entry.pk, emotion=name, intensity=rng.randint(0, 10)))
        EntryEmotion.objects.bulk_create(emotions, batch_size=batch)
        counts["emotions"] += len(emotions)
    counts["entries"] = len(entries)

    goals = Goal.objects.bulk_create(
        [
            Goal(client_id=client.pk, title=title, target_per_week=target, start_date=start)
            for client in clients
            for title, target in (("Ask for help", 3), ("Say 'I feel …'", 2), ("Stay in a conflict", 1))
        ]
    )
    counts["goals"] = len(goals)
    checkins, ratings = [], []
    outcomes = [Outcome.DONE, Outcome.PARTLY, Outcome.NOT_YET]
    for goal in goals:
        for offset in range(days):
            if rng.random() < goal.target_per_week / 7:
                checkins.append(
                    CheckIn(
                        client_id=goal.client_id,
                        goal_id=goal.pk,
                        date=start + dt.timedelta(days=offset),
                        outcome=rng.choice(outcomes),
                        anxiety_before=rng.randint(3, 9),
                        anxiety_after=rng.randint(1, 7),
                        idempotency_key=uuid.uuid4(),
                    )
                )
        for offset in range(56, days, 56):
            ratings.append(GASRating(goal_id=goal.pk, date=start + dt.timedelta(days=offset), level=rng.randint(-2, 2)))
    CheckIn.objects.bulk_create(checkins, batch_size=batch)
    GASRating.objects.bulk_create(ratings, batch_size=batch)
    counts["checkins"], counts["gas"] = len(checkins), len(ratings)
    return counts
