"""The read API other apps use (dashboard, reminders): results and query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import selectors, services
from assessments.models import ReliabilitySetting
from clients.access import Action, clients_for
from tests.factories import make_client

from .helpers import TODAY, completed, open_request, uniform

pytestmark = pytest.mark.django_db


def test_history_labels_change_against_baseline_and_previous(world):
    # ECR-R defaults: S_diff = 0.46, reliable difference 0.9016.
    # 1) all 7s: anxiety 6.3333, avoidance 3.0000 (baseline)
    # 2) all 6s: anxiety (16*6 + 2*2)/18 = 100/18 = 5.5556; avoidance (6*6 + 12*2)/18 = 60/18 = 3.3333
    #    vs baseline = vs previous: anxiety -0.7778/0.46 = -1.69 no change; avoidance +0.3333/0.46 = 0.72
    # 3) all 5s: anxiety (80 + 6)/18 = 4.7778; avoidance (30 + 36)/18 = 3.6667
    #    vs baseline: anxiety -1.5556/0.46 = -3.38 improved; avoidance +0.6667/0.46 = 1.45 no change
    #    vs previous: anxiety -0.7778/0.46 = -1.69 no change
    for step, value in enumerate((7, 6, 5)):
        completed(world.client_a, world.therapist_a, uniform("ecr-r", value), start=TODAY + timedelta(weeks=step))
    rows = selectors.history_for_client(world.client_a)
    assert [str(r.anxiety) for r in rows] == ["6.3333", "5.5556", "4.7778"]
    assert rows[0].is_baseline and not rows[0].vs_baseline
    assert rows[1].vs_baseline["anxiety"].label == "no_change"
    assert rows[1].vs_baseline["anxiety"].rci == pytest.approx(-1.6908, abs=1e-3)
    assert rows[2].vs_baseline["anxiety"].label == "improved"
    assert rows[2].vs_baseline["anxiety"].rci == pytest.approx(-3.3816, abs=1e-3)
    assert rows[2].vs_previous["anxiety"].label == "no_change"
    assert rows[2].vs_baseline["avoidance"].label == "no_change"


def test_rc_is_per_instrument_and_relationship(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-rs", 1), "ecr-rs", target="mother")
    completed(world.client_a, world.therapist_a, uniform("ecr-rs", 7), "ecr-rs", target="partner")
    rows = selectors.history_for_client(world.client_a)
    assert all(r.is_baseline for r in rows)  # different relationships are not compared


def test_reliability_for_uses_the_practice_override(world):
    figures = selectors.reliability_for(world.practice, "ecr-r")
    assert (str(figures["anxiety"].sd), str(figures["anxiety"].r)) == ("1.15", "0.92")
    assert figures["anxiety"].provisional and not figures["anxiety"].overridden
    assert figures["anxiety"].reliable_difference == pytest.approx(0.9016, abs=1e-4)
    ReliabilitySetting.objects.create(
        practice=world.practice,
        instrument="ecr-r",
        anxiety_sd=1,
        anxiety_r=0.5,
        avoidance_sd=1,
        avoidance_r=0.5,
        source="local",
    )
    figures = selectors.reliability_for(world.practice, "ecr-r")
    assert figures["anxiety"].overridden and figures["anxiety"].s_diff == pytest.approx(1.0)
    assert selectors.reliability_for(world.other_practice, "ecr-r")["anxiety"].overridden is False


def test_latest_scores_is_one_query_for_any_number_of_clients(world):
    extra = [make_client(world.practice, world.therapist_a) for _ in range(4)]
    for client in [world.client_a, *extra]:
        completed(client, world.therapist_a, uniform("ecr-r", 2))
        completed(client, world.therapist_a, uniform("ecr-r", 6), start=TODAY + timedelta(weeks=4))
    clients = clients_for(world.therapist_a, Action.VIEW_CLINICAL)
    with CaptureQueriesContext(connection) as queries:
        latest = selectors.latest_scores(clients)
    assert len(queries) == 1
    assert set(latest) == {world.client_a.pk, *(c.pk for c in extra)}
    assert all(str(s.anxiety) == "5.5556" for s in latest.values())
    assert world.client_b.pk not in latest


def test_latest_changes_and_reliably_worse(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 3))
    # all 3s -> all 7s: anxiety (16*3+2*5)/18 = 3.2222 -> 6.3333: +3.11/0.46 = 6.76 worse
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7), start=TODAY + timedelta(weeks=4))
    completed(world.client_b, world.therapist_other, uniform("ecr-r", 3))
    clients = [world.client_a, world.client_b]
    changes = selectors.latest_changes(clients)
    assert changes[world.client_a.pk].vs_baseline["anxiety"].label == "worse"
    assert changes[world.client_b.pk].is_baseline
    assert selectors.reliably_worse(clients) == [world.client_a.pk]


def test_request_selectors_for_home_and_reminders(world):
    due_today = open_request(world.client_a, world.therapist_a)
    overdue = open_request(world.client_a, world.therapist_a, start=TODAY - timedelta(days=3))
    future = open_request(world.client_a, world.therapist_a, start=TODAY + timedelta(days=5))
    other = open_request(world.client_x, world.therapist_x)
    assert [r.pk for r in selectors.pending_requests_for(world.client_a, today=TODAY)] == [overdue.pk, due_today.pk]
    assert [r.pk for r in selectors.upcoming_requests_for(world.client_a, today=TODAY)] == [future.pk]
    assert {r.pk for r in selectors.due_requests_on(TODAY)} == {due_today.pk, other.pk}
    assert [r.pk for r in selectors.overdue_requests(today=TODAY)] == [overdue.pk]
    assert list(selectors.overdue_requests([world.client_b], today=TODAY)) == []
    services.save_answers(world.client_a, overdue.pk, uniform("ecr-r", 4))
    services.submit(world.client_a, overdue.pk)
    assert list(selectors.overdue_requests(today=TODAY)) == []
