"""A couple as the seed describes it: Marleen (secure) and Tim (anxious), both treated by one
therapist, with ECR-R scores and ECR-RS about each other over three months."""

import datetime as dt

from django.utils import timezone

from relationships import services
from tests.factories import make_client
from tests.seeding import add_scores


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def make_couple(practice, therapist, *, agreed=True, showing=False, results=True, language="en"):
    marleen = make_client(practice, therapist, name="Marleen", language=language, results_visible_to_client=results)
    tim = make_client(practice, therapist, name="Tim", language=language, results_visible_to_client=results)
    link = services.link_partners(marleen, tim, by=therapist)
    if agreed:
        services.agree(link, marleen)
        services.agree(link, tim)
    if showing:
        services.set_showing(link, marleen, True)
        services.set_showing(link, tim, True)
    link.refresh_from_db()
    return link, marleen, tim


def add_couple_scores(marleen, tim):
    # Tim: anxious at the start; Δ = (−0.80, −0.80) is reliable on the plane only (see
    # tests/assessments/test_plane_change.py); Marleen stays near secure.
    add_scores(tim, [(days_ago(90), 5.2, 2.6), (days_ago(45), 4.8, 2.2), (days_ago(3), 4.4, 1.8)])
    add_scores(marleen, [(days_ago(88), 2.2, 2.4), (days_ago(4), 2.0, 2.2)])
    add_scores(tim, [(days_ago(90), 6.0, 2.0), (days_ago(3), 4.0, 2.0)], instrument="ecr-rs", target="partner")
    add_scores(marleen, [(days_ago(88), 2.0, 1.5), (days_ago(4), 2.3, 1.7)], instrument="ecr-rs", target="partner")
