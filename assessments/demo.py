"""Demo history for seed_demo: ECR-R every 4 weeks, some clients moving toward secure.

seed(practice, *, therapists, clients, today) is idempotent: schedules are looked up by
(client, instrument, start date) and an occurrence that is already submitted is skipped, so
running the seed twice adds nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from clients.demo import history_window
from clients.models import ClientStatus

from . import services
from .loader import get_instrument
from .models import Administration, AssessmentRequest, AssessmentSchedule, BaselineOption, RequestStatus, Score

WEEKS_OF_HISTORY = 16
INTERVAL_WEEKS = 4


def _answers_for(spec, anxiety: float, avoidance: float, rng: random.Random) -> dict[int, int]:
    """Raw answers whose keyed means land near the wanted dimension scores."""
    answers = {}
    for item in spec.items:
        wanted = anxiety if item.subscale == "anxiety" else avoidance
        keyed_value = max(spec.scale_min, min(spec.scale_max, round(wanted + rng.uniform(-0.8, 0.8))))
        # Store what the client would have ticked: undo the reverse key.
        answers[item.number] = spec.scale_min + spec.scale_max - keyed_value if item.reversed else keyed_value
    return answers


def _fill_history(schedule, spec, client, *, today: date, last: date, level, rng: random.Random) -> int:
    """Submit every past occurrence of `schedule` (each of its relationships) with answers near
    level(step, target) = (anxiety, avoidance); the current one stays open. Returns scores made."""
    created = 0
    for step, due in enumerate(services.occurrence_dates(schedule, today)):
        if due >= today or due > last:
            break  # leave today's occurrence open for the client to fill in
        services.ensure_requests(schedule, due)
        for target in schedule.target_list:
            req = AssessmentRequest.objects.get(schedule=schedule, due_date=due, target=target)
            if req.status == RequestStatus.SUBMITTED:
                continue
            if req.status != RequestStatus.OPEN:
                req.status = RequestStatus.OPEN
                req.save(update_fields=["status"])
            services.save_answers(
                client, req.pk, _answers_for(spec, *level(step, target), rng), language=client.user.language
            )
            submission = services.submit(client, req.pk, language=client.user.language)
            # Date the submission on its due day so the demo history has real spacing; a
            # queryset update on purpose, because only demo data may be back-dated.
            moment = timezone.make_aware(datetime.combine(due, time(19, 0)))
            Administration.objects.filter(pk=submission.administration.pk).update(submitted_at=moment)
            Score.objects.filter(administration=submission.administration).update(submitted_at=moment)
            created += 1
    return created


def _schedule(client, spec, *, start: date, therapist, targets=()) -> AssessmentSchedule:
    found = AssessmentSchedule.objects.filter(
        client=client, instrument=spec.slug, start_date=start, interval_weeks=INTERVAL_WEEKS
    ).first()
    return found or services.create_schedule(
        client,
        instrument=spec.slug,
        start_date=start,
        interval_weeks=INTERVAL_WEEKS,
        created_by=therapist,
        targets=list(targets),
    )


def seed(practice, *, therapists, clients, today: date) -> dict:
    spec = get_instrument("ecr-r")
    created_scores = 0
    for index, client in enumerate(clients):
        first, last = history_window(client, today)
        if first > last:
            continue
        # The first questionnaire on the first day of therapy (the baseline), never before.
        start = max(today - timedelta(weeks=WEEKS_OF_HISTORY), first)
        therapist = client.therapist or (therapists[index % len(therapists)] if therapists else None)
        rng = random.Random(f"{practice.pk}-{client.pk}")  # stable per client: same history every run
        # Start somewhere insecure; two of every three clients improve, the rest stay put.
        anxiety0 = rng.uniform(4.2, 5.6)
        avoidance0 = rng.uniform(3.6, 5.2)
        improving = index % 3 != 2

        def level(step, _target, anxiety0=anxiety0, avoidance0=avoidance0, improving=improving, rng=rng):
            drift = 0.55 * step if improving else 0.1 * step * rng.choice([-1, 1])
            return anxiety0 - drift, avoidance0 - drift * 0.8

        with transaction.atomic():
            schedule = _schedule(client, spec, start=start, therapist=therapist)
            created_scores += _fill_history(schedule, spec, client, today=today, last=last, level=level, rng=rng)
            if client.status == ClientStatus.DISCHARGED:
                # Therapy has ended: nothing left to fill in, and no new questionnaires.
                services.cancel_schedule(schedule, by=therapist)
            else:
                services.ensure_requests(schedule, services.occurrence_dates(schedule, today)[-1])
    # The demo practice chose its own baseline SD: with fewer than 30 clients the provisional
    # figures stay, and the reliability page says how many first scores there are so far.
    BaselineOption.objects.get_or_create(practice=practice, instrument="ecr-r")
    return {"assessment_scores": created_scores}


# Where each relationship starts for the demo couple (anxiety, avoidance) and how far it moves
# per questionnaire: the partner relationship grows more secure in couple therapy; the others
# stay roughly where they were, as a relationship map usually shows.
RELATIONSHIP_LEVELS = {"partner": (4.8, 4.2, 0.45), "mother": (3.9, 4.8, 0.05), "friend": (2.6, 2.4, 0.0)}


def seed_relationships(client, *, therapist, today: date) -> int:
    """ECR-RS every four weeks about a partner, a mother and a best friend, for a demo couple's
    partner: the couple page and the relationship map then have something to show."""
    spec = get_instrument("ecr-rs")
    first, last = history_window(client, today)
    if first > last:
        return 0
    rng = random.Random(f"ecr-rs-{client.pk}")

    def level(step, target):
        anxiety, avoidance, per_step = RELATIONSHIP_LEVELS[target]
        return anxiety - per_step * step, avoidance - per_step * 0.8 * step

    start = max(today - timedelta(weeks=WEEKS_OF_HISTORY), first)
    schedule = _schedule(client, spec, start=start, therapist=therapist, targets=RELATIONSHIP_LEVELS)
    created = _fill_history(schedule, spec, client, today=today, last=last, level=level, rng=rng)
    services.ensure_requests(schedule, services.occurrence_dates(schedule, today)[-1])
    return created
