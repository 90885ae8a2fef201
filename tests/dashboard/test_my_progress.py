"""The client's one progress page: results (when shared), goals and diary, in plain words."""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tests.seeding import add_checkin, add_gas, add_goal, add_scores

pytestmark = pytest.mark.django_db

# What a therapist reads and a client should not have to: formulas, statistics, jargon.
FORMULA_MARKS = ("Kiresuk", "ρ", "T-score", "T = 50", "GAS", "RCI", "S_diff", "1.96", "Jacobson", "rci")


def _login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _seed(client):
    today = timezone.localdate()
    add_scores(client, [(today - dt.timedelta(days=60), 5.5, 5.0), (today - dt.timedelta(days=3), 3.5, 4.0)])
    add_scores(client, [(today - dt.timedelta(days=3), 4.0, 3.0)], instrument="ecr-rs", target="partner")
    goal = add_goal(client, "Ask for help", start=today - dt.timedelta(days=30))
    goal.level_plus1 = "I ask my sister once a week"
    goal.save()
    add_checkin(goal, today)
    add_gas(goal, today - dt.timedelta(days=7), level=1)
    return goal


def test_one_progress_link_in_the_menu_whatever_the_results_switch(world):
    http = _login(world.client_a.user)
    for visible in (False, True):
        type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=visible)
        home = http.get(reverse("client_home")).content.decode()
        assert home.count(f'href="{reverse("dashboard:my_progress")}"') == 1
        assert "My results" not in home


def test_results_show_only_when_shared_goals_and_diary_always(world):
    _seed(world.client_a)
    http = _login(world.client_a.user)
    url = reverse("dashboard:my_progress")
    hidden = http.get(url).content.decode()
    assert "has not shared questionnaire results" in hidden
    assert "3.50" not in hidden and 'id="plane-caption"' not in hidden and "romantic partner" not in hidden
    assert "Ask for help" in hidden and "This week: 1 of 3" in hidden
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=True)
    shown = http.get(url).content.decode()
    assert "Worry about closeness (anxiety): 3.50 out of 7" in shown
    assert "clearly lower than at the start" in shown  # 5.5 → 3.5 is a reliable improvement
    assert "romantic partner" in shown  # the ECR-RS result card and its chart


def test_goal_progress_in_words_and_no_formulas_on_the_client_pages(world):
    goal = _seed(world.client_a)
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=True)
    http = _login(world.client_a.user)
    pages = {
        "progress": http.get(reverse("dashboard:my_progress")).content.decode(),
        "goals": http.get(reverse("goals:my_goals")).content.decode(),
        "goal": http.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode(),
    }
    assert "somewhat more than expected" in pages["progress"]
    assert "I ask my sister once a week" in pages["progress"]
    for name, body in pages.items():
        text = re.sub(r"<[^>]+>", " ", body)  # what is read, not attribute values
        found = [mark for mark in FORMULA_MARKS if mark in text]
        assert not found, f"{name}: {found}"


def test_the_page_in_dutch_uses_lay_words(world):
    _seed(world.client_a)
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=True)
    body = _login(world.client_a.user).get(reverse("dashboard:my_progress")).content.decode()
    assert "Mijn voortgang" in body
    assert "iets meer dan verwacht" in body
    assert "3,50" in body
