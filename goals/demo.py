"""Demo goals for seed_demo: two goals per client from the templates, 8 weeks of check-ins
and GAS ratings at two reviews.

seed(practice, *, therapists, clients, today) is idempotent: goals are looked up by
(client, template slug), check-ins carry deterministic idempotency keys and ratings are one
per goal per date, so running the seed twice adds nothing.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from django.db import transaction

from accounts.localtime import week_start
from clients.demo import history_window

from . import services
from .models import Goal, Outcome
from .templates_data import get_template

WEEKS_OF_HISTORY = 8
# Anxious-leaning and avoidant-leaning demo clients practise different things.
PLANS = (("ask-for-help", "evening-apart"), ("share-something-personal", "accept-closeness"))
LEVELS = {
    "en": ("I avoid it completely", "I try once", "I do it as planned", "I do it more often", "It feels natural"),
    "nl": ("Ik vermijd het helemaal", "Ik probeer het één keer", "Ik doe het zoals gepland", "Ik doe het vaker",
           "Het voelt vanzelfsprekend"),
}  # fmt: skip


def _key(practice, client, goal_slug: str, day: date) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"securebase-demo/{practice.pk}/{client.pk}/{goal_slug}/{day}")


def seed(practice, *, therapists, clients, today: date) -> dict:
    created = {"goals": 0, "checkins": 0, "gas_ratings": 0}
    weeks_back = week_start(today - timedelta(weeks=WEEKS_OF_HISTORY))
    for index, client in enumerate(clients):
        first, last = history_window(client, today)
        if first > last:
            continue
        start = max(weeks_back, first)  # goals are set in therapy, not before it
        therapist = client.therapist or (therapists[index % len(therapists)] if therapists else None)
        language = client.user.language if client.user.language in LEVELS else "en"
        rng = random.Random(f"goals-{practice.pk}-{client.pk}")  # the same history on every run
        improving = index % 3 != 2
        with transaction.atomic():
            for n, slug in enumerate(PLANS[index % len(PLANS)]):
                template = get_template(slug, language)
                goal = Goal.objects.filter(client=client, template_slug=slug).first()
                if goal is None:
                    minus2, minus1, zero, plus1, plus2 = LEVELS[language]
                    goal = services.create_goal(
                        client,
                        by=therapist,
                        title=template.title,
                        why=template.why,
                        target_per_week=3 - n,
                        start_date=start,
                        review_date=today + timedelta(weeks=4),
                        template_slug=slug,
                        level_minus2=minus2,
                        level_minus1=minus1,
                        level_0=zero,
                        level_plus1=plus1,
                        level_plus2=plus2,
                        steps=template.steps,
                    )
                    created["goals"] += 1
                last_day = min(last, services.client_today(client))  # never in the client's future
                created["checkins"] += _practise(practice, client, goal, slug, start, last_day, rng, improving)
                for weeks_ago, level in ((4, -1), (0, 1 if improving else -1)):
                    review = min(today - timedelta(weeks=weeks_ago), last)
                    if review < goal.start_date:
                        continue  # too new in therapy for this review
                    if not goal.gas_ratings.filter(date=review).exists():
                        services.rate_goal(goal, by=therapist, date=review, level=level)
                        created["gas_ratings"] += 1
    return created


def _practise(practice, client, goal, slug: str, start: date, last_day: date, rng, improving: bool) -> int:
    """Daily practice check-ins from `start` to `last_day`; returns how many were new."""
    steps = list(goal.steps.all())
    made_count = 0
    day = start
    while day <= last_day:
        week = (day - start).days // 7
        # Practice gets more regular (and less frightening) for improving clients.
        chance = (0.25 + 0.06 * week) if improving else 0.3
        if rng.random() < chance * goal.target_per_week / 3:
            anxiety = max(0, min(10, round(7 - (0.4 * week if improving else 0) + rng.uniform(-1.5, 1.5))))
            outcome = rng.choice([Outcome.DONE, Outcome.DONE, Outcome.PARTLY, Outcome.NOT_YET])
            _checkin, made = services.record_checkin(
                client,
                goal,
                date=day,
                outcome=outcome,
                idempotency_key=_key(practice, client, slug, day),
                step=steps[min(len(steps) - 1, week // 3)] if steps else None,
                anxiety_before=anxiety,
                anxiety_after=max(0, anxiety - rng.randint(0, 3)),
            )
            made_count += int(made)
        day += timedelta(days=1)
    return made_count
