"""Demo seeding (idempotent, clients moving toward secure) and export/erasure for records."""

from datetime import timedelta

import pytest
from django.http import Http404

from assessments import demo, export, selectors
from assessments.models import Administration, AssessmentRequest, AssessmentSchedule, Response, Score
from tests.factories import make_client

from .helpers import TODAY, completed, open_request, uniform

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_shows_improvement(world):
    start = TODAY - timedelta(weeks=16)  # the demo only dates things after a client's start
    world.client_a.start_date = start
    world.client_a.save(update_fields=["start_date"])
    clients = [world.client_a, *(make_client(world.practice, world.therapist_a, start_date=start) for _ in range(2))]
    first = demo.seed(world.practice, therapists=[world.therapist_a], clients=clients, today=TODAY)
    counts = (Score.objects.count(), AssessmentRequest.objects.count(), AssessmentSchedule.objects.count())
    assert first["assessment_scores"] == 12  # 16 weeks every 4 weeks: 4 past occurrences x 3 clients
    again = demo.seed(world.practice, therapists=[world.therapist_a], clients=clients, today=TODAY)
    assert again["assessment_scores"] == 0
    assert (Score.objects.count(), AssessmentRequest.objects.count(), AssessmentSchedule.objects.count()) == counts
    rows = selectors.score_series(world.client_a)
    assert len(rows) == 4
    assert rows[-1].anxiety < rows[0].anxiety  # the first client improves
    # Today's occurrence is left open for the client to fill in.
    assert [r.due_date for r in selectors.pending_requests_for(world.client_a, today=TODAY)] == [TODAY]


def test_export_rows_hold_administrations_answers_and_scores(world):
    submission = completed(world.client_a, world.therapist_a, uniform("ecr-r", 2))
    rows = export.export_rows(world.client_a, world.client_a.user)
    assert set(rows) == {
        "assessment_schedules",
        "assessment_requests",
        "assessment_administrations",
        "assessment_responses",
        "assessment_scores",
    }
    assert rows["assessment_administrations"][0]["id"] == submission.administration.pk
    assert len(rows["assessment_responses"]) == 36
    assert rows["assessment_scores"][0]["anxiety"] == "2.4444"
    assert export.export_rows(world.client_a, world.therapist_a)["assessment_scores"]
    with pytest.raises(Http404):
        export.export_rows(world.client_a, world.therapist_other)
    with pytest.raises(Http404):
        export.export_rows(world.client_a, world.client_b.user)


def test_erase_keeps_scores_when_the_practice_must_retain_them(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 2))
    open_request(world.client_a, world.therapist_a)
    completed(world.client_b, world.therapist_other, uniform("ecr-r", 2))
    export.erase(world.client_a, keep=("assessment_scores",))
    assert Score.objects.filter(client=world.client_a).count() == 1
    assert not Response.objects.filter(administration__client=world.client_a).exists()
    assert AssessmentRequest.objects.filter(client=world.client_a).count() == 1  # the submitted one
    assert Response.objects.filter(administration__client=world.client_b).count() == 36


def test_erase_without_keep_removes_everything_of_that_client_only(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 2))
    completed(world.client_b, world.therapist_other, uniform("ecr-r", 2))
    export.erase(world.client_a)
    assert not Administration.objects.filter(client=world.client_a).exists()
    assert not AssessmentSchedule.objects.filter(client=world.client_a).exists()
    assert Score.objects.filter(client=world.client_b).count() == 1
