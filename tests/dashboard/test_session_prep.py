"""Session preparation: new scores with their reliable change, check-ins per goal with the
client's notes, and nothing of a private diary entry a check-in happens to link."""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from clients.models import TherapySession
from goals.models import CheckIn
from tests.seeding import add_entry, add_goal, add_scores

pytestmark = pytest.mark.django_db


def _page(world) -> str:
    http = HttpClient()
    http.force_login(world.therapist_a)
    response = http.get(reverse("dashboard:session_prep", args=[world.client_a.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _checkin(goal, day, **fields):
    return CheckIn.objects.create(client=goal.client, goal=goal, date=day, outcome="done", **fields)


def test_new_scores_carry_their_reliable_change(world):
    today = timezone.localdate()
    TherapySession.objects.create(client=world.client_a, held_on=today - dt.timedelta(days=7))
    # Baseline before the last session (not listed), then two new ones.
    add_scores(
        world.client_a,
        [
            (today - dt.timedelta(days=60), 2.8889, 4.8889),
            (today - dt.timedelta(days=5), 4.6667, 3.1111),
            (today - dt.timedelta(days=1), 4.5, 3.1111),
        ],
    )
    html = _page(world)
    table = html[html.index("sb-new-scores") : html.index("</ul>", html.index("sb-new-scores"))]
    assert "2.89" not in table  # the baseline is from before the last session
    assert "4.67" in table and "+1.78" in table and "reliably worse" in table  # anxiety vs baseline
    assert "−1.78" in table and "reliably improved" in table  # avoidance vs baseline
    assert "−0.17" in table and "no reliable change" in table  # anxiety vs the previous score


def test_checkins_are_grouped_per_goal_with_the_clients_notes(world):
    today = timezone.localdate()
    ask = add_goal(world.client_a, "Ask for help", start=today - dt.timedelta(days=30))
    stay = add_goal(world.client_a, "Stay in a conflict", start=today - dt.timedelta(days=30))
    _checkin(ask, today - dt.timedelta(days=3), what_happened="ASK-ONE asked my sister")
    _checkin(stay, today - dt.timedelta(days=2), what_helped="STAY-ONE breathing first")
    _checkin(ask, today - dt.timedelta(days=1), what_happened="ASK-TWO asked a colleague")
    text = re.sub(r"\s+", " ", _page(world))
    first, second = text.index("Ask for help"), text.index("Stay in a conflict", text.index("Goal check-ins"))
    assert first < text.index("ASK-ONE") < text.index("ASK-TWO") < second < text.index("STAY-ONE")
    assert "2 check-ins" in text and "1 check-in" in text


def test_a_checkin_names_its_diary_entry_only_when_that_entry_is_shared(world):
    today = timezone.localdate()
    now = timezone.now()
    goal = add_goal(world.client_a, "Ask for help", start=today - dt.timedelta(days=30))
    private = add_entry(world.client_a, now - dt.timedelta(days=2), shared=False, emotions=[("ashamed", 9)])
    shared = add_entry(world.client_a, now - dt.timedelta(days=1), shared=True, emotions=[("lonely", 6)])
    _checkin(goal, today - dt.timedelta(days=2), what_happened="NOTE-WITH-PRIVATE", diary_entry=private)
    _checkin(goal, today - dt.timedelta(days=1), what_happened="NOTE-WITH-SHARED", diary_entry=shared)
    html = _page(world)
    assert "NOTE-WITH-PRIVATE" in html and "NOTE-WITH-SHARED" in html  # the check-ins' own notes
    assert html.count("Linked to the shared diary entry") == 1
    assert "Ashamed" not in html  # nothing of the private entry
