"""The ECR-R practice option (Jacobson & Truax): the SD of the practice's own clients' first
scores once at least 30 clients have one, else the labelled provisional figures; the figure,
its N and its date on every page that shows the figures (one function computes, one formats)."""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from assessments import scoring, selectors, services
from assessments.display import format_practice_baseline
from assessments.models import AssessmentRequest, ReliabilitySetting
from tests.factories import make_client
from tests.seeding import bulk_scores

from .helpers import uniform

pytestmark = pytest.mark.django_db


def test_the_sample_sd_divides_by_n_minus_one():
    # mean 2.5; squares 2.25 + .25 + .25 + 2.25 = 5; 5 / 3 = 1.6667; √ = 1.29099
    assert scoring.sample_sd([1, 2, 3, 4]) == pytest.approx(1.29099, abs=1e-5)
    assert scoring.sample_sd([4]) is None


def _baselines(world, count):
    """`count` clients of therapist A with a first ECR-R score (and a later one that is not a baseline).
    Anxiety alternates 2.0 / 4.0 and avoidance 2.0 / 5.0 (count even):
    SD anxiety = √(count · 1² / (count − 1)), SD avoidance = √(count · 1.5² / (count − 1))."""
    start = timezone.localdate() - dt.timedelta(days=60)
    clients = [make_client(world.practice, world.therapist_a, name=f"Baseline {n}") for n in range(count)]
    bulk_scores(
        {
            c.pk: [(start, 2.0 if i % 2 else 4.0, 2.0 if i % 2 else 5.0), (start + dt.timedelta(days=30), 1.0, 1.0)]
            for i, c in enumerate(clients)
        }
    )
    return clients


def _page(user, name, **kwargs):
    http = HttpClient()
    http.force_login(user)
    response = http.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_below_30_clients_the_provisional_figures_stay_and_say_so(world):
    _baselines(world, 28)
    services.choose_baseline_sd(world.practice, "ecr-r", use=True, by=world.admin)
    assert not ReliabilitySetting.objects.filter(practice=world.practice).exists()
    figures = selectors.reliability_for(world.practice, "ecr-r")
    assert figures["anxiety"].provisional and float(figures["anxiety"].sd) == pytest.approx(1.15)
    html = _page(world.admin, "assessments:reliability_settings")
    assert "Chosen: the provisional figures stay in use until 30 clients have a first score (now 28)." in html


def test_from_30_clients_their_baseline_sd_is_used_and_named_with_n_and_date_on_every_page(world):
    _baselines(world, 30)
    services.choose_baseline_sd(world.practice, "ecr-r", use=True, by=world.admin)
    # √(30/29) = 1.01710 and √(30 · 2.25 / 29) = 1.52564; the later scores are not baselines
    setting = ReliabilitySetting.objects.get(practice=world.practice, instrument="ecr-r")
    assert (float(setting.anxiety_sd), float(setting.avoidance_sd), setting.baseline_n) == (
        pytest.approx(1.017),
        pytest.approx(1.526),
        30,
    )
    assert float(setting.anxiety_r) == pytest.approx(0.92)  # r stays the questionnaire's
    sentence = format_practice_baseline(30, timezone.localdate(), setting.anxiety_sd, setting.avoidance_sd)
    assert "anxiety 1.02, avoidance 1.53; N = 30 clients, computed " + date_format(timezone.localdate()) in sentence
    assert selectors.reliability_for(world.practice, "ecr-r")["anxiety"].source.startswith(sentence)
    client = world.client_a
    bulk_scores(
        {client.pk: [(timezone.localdate() - dt.timedelta(days=20), 4.0, 4.0), (timezone.localdate(), 3.0, 3.0)]}
    )
    from html import escape

    shown = escape(sentence)
    pages = [
        (world.admin, "assessments:reliability_settings", {}),
        (world.therapist_a, "assessments:client_history", {"pk": client.pk}),
        (world.therapist_a, "dashboard:client_progress", {"pk": client.pk}),
    ]
    for user, name, kwargs in pages:
        assert shown in _page(user, name, **kwargs), name


def test_a_new_client_s_first_score_updates_n_and_stopping_returns_to_the_questionnaire_figures(world):
    _baselines(world, 30)
    services.choose_baseline_sd(world.practice, "ecr-r", use=True, by=world.admin)
    newcomer = make_client(world.practice, world.therapist_a, name="Newcomer")
    schedule = services.create_schedule(
        newcomer, instrument="ecr-r", start_date=timezone.localdate(), created_by=world.therapist_a
    )
    request = AssessmentRequest.objects.get(schedule=schedule)
    services.save_answers(newcomer, request.pk, uniform("ecr-r", 3))
    services.submit(newcomer, request.pk)
    assert ReliabilitySetting.objects.get(practice=world.practice, instrument="ecr-r").baseline_n == 31
    services.choose_baseline_sd(world.practice, "ecr-r", use=False, by=world.admin)
    assert selectors.reliability_for(world.practice, "ecr-r")["anxiety"].provisional


def test_figures_typed_in_by_the_admin_replace_the_baseline_option_and_its_sentence(world):
    from decimal import Decimal

    _baselines(world, 30)
    services.choose_baseline_sd(world.practice, "ecr-r", use=True, by=world.admin)
    d = Decimal
    services.set_reliability(world.practice, "ecr-r", anxiety_sd=d("1.1"), anxiety_r=d("0.9"), avoidance_sd=d("1.1"),
                             avoidance_r=d("0.9"), source="Our own study, 2026", by=world.admin)  # fmt: skip
    assert selectors.reliability_for(world.practice, "ecr-r")["anxiety"].source == "Our own study, 2026"
    assert not selectors.practice_baselines(world.practice, "ecr-r").chosen
