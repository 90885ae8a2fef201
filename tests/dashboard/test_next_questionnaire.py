"""The "next questionnaire" never names a date whose questionnaire is already submitted.

The next date of a recurring schedule used to be computed from its start and interval
alone: on the day of an occurrence that date is today, also after the client has submitted
today's questionnaire, so the caseload (and the client) saw a questionnaire due that was done.
"""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import dateformat, formats, timezone

from assessments import selectors as assessment_selectors
from assessments import services
from assessments.models import AssessmentRequest, RequestStatus
from dashboard import selectors
from tests.assessments.helpers import uniform

pytestmark = pytest.mark.django_db


def _row(world):
    return next(r for r in selectors.caseload(world.therapist_a) if r.client.pk == world.client_a.pk)


def _submit_open(client):
    for req in AssessmentRequest.objects.filter(client=client, status=RequestStatus.OPEN):
        services.save_answers(client, req.pk, uniform("ecr-r", 4))
        services.submit(client, req.pk)


def _home(world) -> str:
    http = HttpClient()
    http.force_login(world.client_a.user)
    return http.get(reverse("client_home")).content.decode()


def _short(day: dt.date) -> str:
    return dateformat.format(day, formats.get_format("SHORT_DATE_FORMAT"))


def test_a_questionnaire_submitted_today_is_not_next_on_the_caseload(world):
    today = timezone.localdate()
    services.create_schedule(
        world.client_a, instrument="ecr-r", start_date=today - dt.timedelta(weeks=4), interval_weeks=4,
        created_by=world.therapist_a,
    )  # fmt: skip
    services.generate_due_requests(today)  # today's occurrence; the first one is marked missed
    assert _row(world).next_due == today
    _submit_open(world.client_a)
    assert _row(world).next_due == today + dt.timedelta(weeks=4)


def test_a_schedule_starting_today_and_done_today_is_next_in_one_interval(world):
    today = timezone.localdate()
    services.create_schedule(
        world.client_a, instrument="ecr-r", start_date=today, interval_weeks=2, created_by=world.therapist_a
    )
    _submit_open(world.client_a)
    assert _row(world).next_due == today + dt.timedelta(weeks=2)
    assert assessment_selectors.next_questionnaire_date(world.client_a, today=today) == today + dt.timedelta(weeks=2)


def test_an_occurrence_the_generator_has_not_reached_yet_is_still_next(world):
    today = timezone.localdate()
    services.create_schedule(
        world.client_a, instrument="ecr-r", start_date=today - dt.timedelta(weeks=2), interval_weeks=2,
        created_by=world.therapist_a,
    )  # fmt: skip
    _submit_open(world.client_a)  # the first occurrence, two weeks ago; today's not generated yet
    assert _row(world).next_due == today


def test_the_client_home_names_the_next_questionnaire_not_the_one_just_done(world):
    today = timezone.localdate()
    services.create_schedule(
        world.client_a, instrument="ecr-r", start_date=today, interval_weeks=4, created_by=world.therapist_a
    )
    _submit_open(world.client_a)
    body = _home(world)
    assert "Next questionnaire" in body
    assert _short(today + dt.timedelta(weeks=4)) in body
    assert _short(today) not in body
