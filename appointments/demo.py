"""Demo sessions for seed_demo: each active client gets a weekly series for the next eight weeks
(on the weekday of their last session held, at a time per client), a note on their last session,
and two milestones: one in the client's words, one clinical.

seed(practice, *, therapists, clients, today) is idempotent: a client who already has planned
sessions, a note or milestones gets nothing more of that kind.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from clients.models import ClientStatus

from . import services
from .models import Milestone, PlannedSession, SessionNote

WORDS = {
    "en": ("I told my partner I felt left out", "Rupture and repair in session"),
    "nl": ("Ik zei tegen mijn partner dat ik me buitengesloten voelde", "Breuk en herstel in de sessie"),
}
NOTES = {
    "en": "Talked about the weekend apart; noticed the urge to check her phone and named it.",
    "nl": "Gesproken over het weekend apart; de neiging om haar telefoon te checken opgemerkt en benoemd.",
}


def seed(practice, *, therapists, clients, today: date) -> dict:
    created = {"planned_sessions": 0, "session_notes": 0, "milestones": 0}
    for index, client in enumerate(c for c in clients if c.status == ClientStatus.ACTIVE):
        therapist = client.therapist
        if therapist is None:
            continue
        language = "nl" if (client.user.language or "en").startswith("nl") else "en"
        last = client.sessions.order_by("-held_on").first()
        if not PlannedSession.objects.filter(client=client).exists():
            first = today + timedelta(days=1)
            if last is not None:
                first += timedelta(days=(last.held_on.weekday() - first.weekday()) % 7)
            made = services.plan(
                client, by=therapist, day=first, at=time(9 + index % 8, 0), repeat_weeks=1,
                until=first + timedelta(weeks=7), zone=therapist.timezone or "Europe/Amsterdam",
            )  # fmt: skip
            created["planned_sessions"] += len(made)
        if last is not None and not SessionNote.objects.filter(client=client).exists():
            services.save_note(last, by=therapist, text=NOTES[language])
            created["session_notes"] += 1
        if not Milestone.objects.filter(client=client).exists():
            start = max(client.start_date, today - timedelta(weeks=6))
            own, clinical = WORDS[language]
            own_day, clinical_day = (min(today, start + timedelta(days=d)) for d in (10, 24))
            services.add_milestone(client, by=client.user, day=own_day, text=own, by_client=True)
            services.add_milestone(client, by=therapist, day=clinical_day, text=clinical, by_client=False)
            created["milestones"] += 2
    return created
