"""Demo data for ``seed_demo``: a few weeks of plausible diary entries per client.

Idempotent: every demo entry has a deterministic idempotency key, so running the seed again
finds the existing entries instead of adding new ones. About half the entries are shared;
the client's therapist has commented on some of the shared ones.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence

from django.utils import timezone

from accounts.localtime import zone_of
from clients.demo import history_window

from .models import Comment, Emotion, PatternTag, Reaction, WithWhom
from .services import create_entry

DEMO_NAMESPACE = uuid.UUID("6f1d0c1e-8a53-4c55-9a39-5d3c3e0f7a21")

# (emotions, with_whom, reactions, tags, felt_safety, text_en, text_nl)
SCENARIOS = [
    (
        [(Emotion.JEALOUS, 7), (Emotion.AFRAID, 6)],
        WithWhom.PARTNER,
        [Reaction.SOUGHT_CLOSENESS],
        ["jealous-when-insecure", "fear-of-being-left"],
        3,
        "My partner came home late without texting. I kept checking my phone.",
        "Mijn partner kwam laat thuis zonder te appen. Ik bleef op mijn telefoon kijken.",
    ),
    (
        [(Emotion.LONELY, 6), (Emotion.SAD, 5)],
        WithWhom.ALONE,
        [Reaction.WITHDREW],
        ["shutting-down"],
        4,
        "Quiet evening on my own. Nobody called and I did not call anyone either.",
        "Rustige avond alleen. Niemand belde en ik belde zelf ook niemand.",
    ),
    (
        [(Emotion.CALM, 6), (Emotion.CLOSE, 7)],
        WithWhom.PARTNER,
        [Reaction.TALKED],
        [],
        8,
        "We talked about the weekend plans and I said what I needed. It went well.",
        "We praatten over het weekend en ik zei wat ik nodig had. Dat ging goed.",
    ),
    (
        [(Emotion.ANGRY, 8), (Emotion.HURT, 6)],
        WithWhom.FAMILY,
        [Reaction.ATTACKED],
        ["not-good-enough"],
        2,
        "My mother commented on my job again. I snapped at her.",
        "Mijn moeder had weer commentaar op mijn werk. Ik viel tegen haar uit.",
    ),
    (
        [(Emotion.REJECTED, 7), (Emotion.ASHAMED, 5)],
        WithWhom.FRIEND,
        [Reaction.WITHDREW],
        ["fear-of-being-left", "need-for-reassurance"],
        3,
        "A friend cancelled our plans at the last minute. I told myself it was my fault.",
        "Een vriendin zegde op het laatste moment af. Ik dacht meteen dat het aan mij lag.",
    ),
    (
        [(Emotion.RELIEVED, 7), (Emotion.SAFE, 6)],
        WithWhom.COLLEAGUE,
        [Reaction.ASKED_HELP],
        ["hard-to-ask-for-help"],
        7,
        "I asked a colleague for help with a deadline. She said yes right away.",
        "Ik vroeg een collega om hulp met een deadline. Ze zei meteen ja.",
    ),
    (
        [(Emotion.TENSE, 6)],
        WithWhom.PARTNER,
        [Reaction.WITHDREW],
        ["need-for-distance"],
        5,
        "After a busy day I wanted to be left alone and went for a long walk.",
        "Na een drukke dag wilde ik even alleen zijn en ging ik een lang eind wandelen.",
    ),
    (
        [(Emotion.HAPPY, 7), (Emotion.LOVED, 8)],
        WithWhom.FAMILY,
        [Reaction.TALKED],
        [],
        9,
        "Dinner with my sister. She listened without giving advice.",
        "Eten met mijn zus. Ze luisterde zonder meteen advies te geven.",
    ),
]

COMMENTS = {
    "en": "Thank you for writing this down. Let's look at what you needed in that moment next session.",
    "nl": "Dank je dat je dit hebt opgeschreven. Laten we volgende sessie kijken wat je op dat moment nodig had.",
}


def seed(practice, *, therapists: Sequence, clients: Sequence, today: dt.date, weeks: int = 3) -> int:
    """Create (or find) demo entries for each client of ``practice``; returns how many were new."""
    tags = {tag.slug: tag for tag in PatternTag.objects.all()}
    created_count = 0
    now = timezone.now()
    for client in clients:
        if client.practice_id != practice.pk:
            continue
        therapist = client.therapist or (therapists[0] if therapists else None)
        language = "nl" if client.user.language == "nl" else "en"
        rng = random.Random(f"securebase-demo-diary-{client.user.email}")
        tz = zone_of(client.user)
        first, last = history_window(client, today)
        for index, days_ago in enumerate(range(weeks * 7, 0, -1)):
            if rng.random() < 0.35:  # not every day has an entry
                continue
            emotions, with_whom, reactions, tag_slugs, safety, text_en, text_nl = rng.choice(SCENARIOS)
            day = today - dt.timedelta(days=days_ago)
            if not first <= day <= last:
                continue  # only while in therapy
            occurred = dt.datetime.combine(day, dt.time(rng.choice([8, 12, 18, 21]), rng.choice([0, 15, 30, 45])), tz)
            occurred = min(occurred, now)
            shared = index % 2 == 0
            entry, created = create_entry(
                client,
                emotions=[(code, max(0, min(10, level + rng.randint(-1, 1)))) for code, level in emotions],
                idempotency_key=uuid.uuid5(DEMO_NAMESPACE, f"{client.user.email}-{days_ago}-{index}"),
                shared=shared,
                pattern_tags=[tags[slug] for slug in tag_slugs if slug in tags],
                occurred_at=occurred,
                with_whom=with_whom,
                what_happened=text_nl if language == "nl" else text_en,
                reactions=list(reactions),
                felt_safety=safety,
            )
            created_count += int(created)
            if shared and therapist is not None and index % 3 == 0:
                if not Comment.objects.filter(entry=entry, author=therapist).exists():
                    Comment.objects.create(entry=entry, author=therapist, body=COMMENTS[language])
    return created_count
