"""The demo couple (make run) has something on its pages: each partner's ECR-RS about the other
on the couple plane, and a relationship map with more than one relationship."""

from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import Score
from relationships.models import CoupleLink
from relationships.selectors import couple_trajectories, relationship_trajectories

pytestmark = pytest.mark.django_db


def test_the_demo_couple_shows_both_partners_ecr_rs_about_each_other(db):
    errors = StringIO()
    call_command("seed_demo", stdout=StringIO(), stderr=errors)
    assert not errors.getvalue()
    link = CoupleLink.objects.get()
    drawn = {t.key: t for t in couple_trajectories(link)}
    assert {"a-ecr-r", "b-ecr-r", "a-ecr-rs", "b-ecr-rs"} <= set(drawn)
    for side in "ab":  # about the partner as often as the ECR-R since they started (two or more)
        assert len(drawn[f"{side}-ecr-rs"].points) == len(drawn[f"{side}-ecr-r"].points) >= 2
    assert len(relationship_trajectories(link.partner_a, "en")) == 3  # partner, mother, best friend

    scores = Score.objects.filter(instrument="ecr-rs").count()
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    assert Score.objects.filter(instrument="ecr-rs").count() == scores  # seeding twice adds nothing
