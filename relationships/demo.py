"""Demo couple for seed_demo: the first two clients of the first therapist are linked as
partners, results switched on for both, both agreed and show each other the plane, with a
shared small-step goal and, for each, ECR-RS about the partner (and a mother and a best friend,
for the relationship map). Idempotent: an open link of either client is kept as it is."""

from __future__ import annotations

from django.utils import timezone

from assessments.demo import seed_relationships
from clients.services import set_results_visible
from diary.models import DiaryEntry

from . import services
from .models import CoupleEntryShare
from .selectors import open_links_of

GOAL = "When we argue, neither of us walks away for the first ten minutes"


def seed(practice, *, therapists, clients, today) -> None:
    therapist = therapists[0]
    treated = [c for c in clients if c.therapist_id == therapist.pk][:2]
    if len(treated) < 2 or open_links_of(treated[0]) or open_links_of(treated[1]):
        return
    first, second = treated
    for client in treated:
        seed_relationships(client, therapist=therapist, today=today)
    # The joint plane shows results: a therapist offering it has switched them on for both.
    for client in treated:
        set_results_visible(client, True)
    link = services.link_partners(first, second, by=therapist)
    for client in (first, second):
        services.agree(link, client)
        services.set_showing(link, client, True)
    link.refresh_from_db()
    services.set_shared_goal(link, by=therapist, title=GOAL)
    entry = DiaryEntry.objects.filter(client=first, occurred_at__lte=timezone.now()).order_by("-occurred_at").first()
    if entry is not None:
        CoupleEntryShare.objects.get_or_create(link=link, entry=entry)
