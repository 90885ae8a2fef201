"""Demo Learn data for seed_demo: the cards each demo client's therapist put first, and one
card of the demo practice's own. Idempotent: the choice is replaced, the card looked up by slug.
"""

from __future__ import annotations

from . import services
from .models import PracticeCard

# Anxious-leaning and avoidant-leaning demo clients alternate (like the goals demo).
FIRST = (
    ("two-dimensions", "style-anxious", "goal-evening-apart"),
    ("two-dimensions", "style-avoidant", "goal-accept-closeness"),
)


def seed(practice, *, therapists, clients, today) -> None:
    for i, client in enumerate(clients):
        services.set_first_cards(client, list(FIRST[i % 2]))
    if not PracticeCard.objects.filter(practice=practice, slug="our-group-evenings").exists():
        services.save_practice_card(
            practice,
            {
                "slug": "our-group-evenings",
                "order": 210,
                "title_en": "Our group evenings",
                "title_nl": "Onze groepsavonden",
                "body_en": "Once a month we hold an evening where clients practise the small steps together. "
                "Ask your therapist if it suits you.",
                "body_nl": "Eén keer per maand houden we een avond waarop cliënten samen de kleine stappen oefenen. "
                "Vraag je therapeut of het bij je past.",
                "sources": "Demo practice (2026). Leaflet about group evenings.",
            },
        )
