"""clients.access.get_owned: a record that belongs to a client, if the policy allows the
action on that client; 404 for everything else (other clients, bad ids, unknown ids)."""

from datetime import date

import pytest
from django.http import Http404

from clients.access import Action, get_owned
from goals.models import Goal, Step
from goals.services import create_goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(world) -> Goal:
    return create_goal(
        world.client_a, by=world.therapist_a, steps=["Say hello"], title="Ask for help", start_date=date(2026, 1, 5)
    )


def test_the_treating_therapist_and_the_client_get_the_record_with_its_checked_client(world, goal):
    for user in (world.therapist_a, world.client_a.user):
        found = get_owned(user, Goal, goal.pk, Action.PLAN, kind="goals")
        assert found == goal and found.client == world.client_a
        assert found.client.user.name == world.client_a.user.name


@pytest.mark.parametrize("who", ["therapist_other", "admin", "therapist_x", "admin_x", "client_b"])
def test_anyone_else_gets_404(world, goal, who):
    with pytest.raises(Http404):
        get_owned(world.users[who], Goal, goal.pk, Action.PLAN, kind="goals")


def test_the_action_decides_not_only_the_relation(world, goal):
    get_owned(world.therapist_a, Goal, goal.pk, Action.TREAT)
    with pytest.raises(Http404):
        get_owned(world.client_a.user, Goal, goal.pk, Action.TREAT)


@pytest.mark.parametrize("pk", ["abc", None, "", 10**9])
def test_bad_or_unknown_ids_are_404(world, goal, pk):
    with pytest.raises(Http404):
        get_owned(world.therapist_a, Goal, pk, Action.VIEW_CLINICAL)


def test_a_record_reached_through_another_finds_its_client_and_stays_inside_the_narrowed_set(world, goal):
    step = goal.steps.get()
    user = world.client_a.user
    found = get_owned(user, Step.objects.filter(goal_id=goal.pk), step.pk, Action.PLAN, via="goal__client")
    assert found == step and found.goal.client == world.client_a
    other = create_goal(world.client_a, by=world.therapist_a, title="Other", start_date=date(2026, 1, 5))
    with pytest.raises(Http404):  # the step exists, but not under this goal
        get_owned(user, Step.objects.filter(goal_id=other.pk), step.pk, Action.PLAN, via="goal__client")
