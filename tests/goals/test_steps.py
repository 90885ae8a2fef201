"""Steps: ordered, and a reorder made on a stale list is refused without losing anything."""

import threading

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse

from goals import services
from goals.models import Goal, Step


def login(user):
    http = HttpClient()
    http.force_login(user)
    return http


@pytest.fixture
def goal(world):
    return services.create_goal(world.client_a, by=world.therapist_a, title="G", steps=["one", "two", "three"])


def texts(goal):
    return list(goal.steps.order_by("position", "id").values_list("text", flat=True))


def ids(goal):
    return list(goal.steps.order_by("position", "id").values_list("pk", flat=True))


def test_reorder_with_current_version_applies(world, goal):
    one, two, three = ids(goal)
    http = login(world.client_a.user)
    response = http.post(
        reverse("goals:steps_reorder", args=[goal.pk]), {"order": f"{three},{one},{two}", "version": goal.steps_version}
    )
    assert response.status_code == 302
    assert texts(goal) == ["three", "one", "two"]


def test_concurrent_reorder_second_one_is_told_and_loses_nothing(world, goal):
    """Client and therapist both open the page (same version) and move a step."""
    one, two, three = ids(goal)
    version = goal.steps_version
    client_http, therapist_http = login(world.client_a.user), login(world.therapist_a)
    # The client moves "two" up first.
    client_http.post(
        reverse("goals:steps_reorder", args=[goal.pk]), {"order": f"{two},{one},{three}", "version": version}
    )
    # The therapist, still looking at the old order, moves "three" up.
    response = therapist_http.post(
        reverse("goals:steps_reorder", args=[goal.pk]),
        {"order": f"{one},{three},{two}", "version": version},
        follow=True,
    )
    assert "The steps were changed meanwhile" in response.content.decode()
    # The client's order stands; all three steps are still there, none doubled.
    assert texts(goal) == ["two", "one", "three"]
    assert Step.objects.filter(goal=goal).count() == 3


def test_reorder_after_a_step_was_added_is_refused(world, goal):
    one, two, three = ids(goal)
    version = goal.steps_version
    services.add_step(goal, "four")
    with pytest.raises(services.StepOrderConflict):
        services.reorder_steps(goal, [three, two, one], expected_version=version)
    assert texts(goal) == ["one", "two", "three", "four"]


@pytest.mark.parametrize("order", ["1,2", "abc", ""])
def test_malformed_order_is_refused_with_a_message(world, goal, order):
    http = login(world.therapist_a)
    response = http.post(
        reverse("goals:steps_reorder", args=[goal.pk]), {"order": order, "version": goal.steps_version}, follow=True
    )
    assert response.status_code == 200
    assert "The steps were changed meanwhile" in response.content.decode()
    assert texts(goal) == ["one", "two", "three"]


def test_order_with_a_step_of_another_goal_is_refused(world, goal):
    other = services.create_goal(world.client_b, by=world.therapist_other, title="B", steps=["b1"])
    one, two, three = ids(goal)
    with pytest.raises(services.StepOrderConflict):
        services.reorder_steps(goal, [one, two, other.steps.get().pk], expected_version=goal.steps_version)


def test_add_and_delete_steps(world, goal):
    http = login(world.client_a.user)
    http.post(reverse("goals:step_add", args=[goal.pk]), {"text": "four"})
    assert texts(goal) == ["one", "two", "three", "four"]
    two = goal.steps.get(text="two")
    http.post(reverse("goals:step_delete", args=[goal.pk, two.pk]))
    http.post(reverse("goals:step_delete", args=[goal.pk, two.pk]))  # a repeated click changes nothing more
    assert texts(goal) == ["one", "three", "four"]


def test_empty_step_rerenders_with_an_error(world, goal):
    response = login(world.client_a.user).post(reverse("goals:step_add", args=[goal.pk]), {"text": ""})
    assert response.status_code == 400
    assert Step.objects.filter(goal=goal).count() == 3


def test_step_of_another_goal_cannot_be_deleted_through_this_goal(world, goal):
    other = services.create_goal(world.client_a, by=world.therapist_a, title="Other", steps=["keep me"])
    step = other.steps.get()
    login(world.client_a.user).post(reverse("goals:step_delete", args=[goal.pk, step.pk]))
    assert Step.objects.filter(pk=step.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reorders_on_postgres_apply_exactly_one(world):
    """Two threads submit different orders built on the same version at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="G", steps=["one", "two", "three"])
    one, two, three = ids(goal)
    version = goal.steps_version
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(order):
        try:
            barrier.wait()
            services.reorder_steps(Goal.objects.get(pk=goal.pk), order, expected_version=version)
            outcomes.append("applied")
        except services.StepOrderConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(o,)) for o in ([two, one, three], [three, two, one])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["applied", "conflict"]
    assert texts(goal) in (["two", "one", "three"], ["three", "two", "one"])
    assert Goal.objects.get(pk=goal.pk).steps_version == version + 1


def test_step_text_is_edited_and_a_step_of_another_goal_is_404(world, goal):
    other = services.create_goal(world.client_a, by=world.therapist_a, title="Other", steps=["keep me"])
    http = login(world.therapist_a)
    one = goal.steps.get(text="one")
    assert http.post(reverse("goals:step_edit", args=[goal.pk, one.pk]), {"text": "first"}).status_code == 302
    assert texts(goal) == ["first", "two", "three"]
    foreign = other.steps.get()
    assert http.get(reverse("goals:step_edit", args=[goal.pk, foreign.pk])).status_code == 404
    response = http.post(reverse("goals:step_edit", args=[goal.pk, one.pk]), {"text": ""})
    assert response.status_code == 400
    assert texts(goal) == ["first", "two", "three"]
