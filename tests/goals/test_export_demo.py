"""Data export and erasure of goals, and the idempotent demo seed."""

import uuid
from datetime import date

import pytest
from django.http import Http404

from goals import demo, services
from goals.export import erase, export_rows
from goals.models import CheckIn, GASRating, Goal, Step


@pytest.fixture
def filled(world):
    goal = services.create_goal(
        world.client_a, by=world.therapist_a, title="Ask for help", why="private reason", steps=["s1"]
    )
    services.record_checkin(
        world.client_a,
        goal,
        date=date(2026, 1, 5),
        outcome="done",
        idempotency_key=uuid.uuid4(),
        what_happened="private story",
    )
    services.rate_goal(goal, by=world.therapist_a, date=date(2026, 1, 6), level=1, note="private note")
    services.create_goal(world.client_b, by=world.therapist_other, title="B's goal")
    return goal


def test_export_for_client_and_therapist_holds_everything_of_that_client_only(world, filled):
    for viewer in (world.client_a.user, world.therapist_a):
        rows = export_rows(world.client_a, viewer)
        assert [g["title"] for g in rows["goals"]] == ["Ask for help"]
        assert rows["goals"][0]["why"] == "private reason"
        assert [s["text"] for s in rows["goal_steps"]] == ["s1"]
        assert rows["goal_checkins"][0]["what_happened"] == "private story"
        assert rows["goal_gas_ratings"][0]["note"] == "private note"


def test_export_gives_an_admin_no_clinical_rows_and_outsiders_404(world, filled):
    assert export_rows(world.client_a, world.admin) == {}
    for outsider in (world.therapist_other, world.client_b.user, world.admin_x):
        with pytest.raises(Http404):
            export_rows(world.client_a, outsider)


def test_erase_deletes_the_clients_goal_data_for_real(world, filled):
    counts = erase(world.client_a)
    assert counts == {"goal_checkins": 1, "goal_gas_ratings": 1, "goal_steps": 1, "goals": 1}
    assert not Goal.objects.filter(client=world.client_a).exists()
    assert not CheckIn.objects.filter(what_happened="private story").exists()
    assert not GASRating.objects.filter(note="private note").exists()
    assert not Step.objects.filter(text="s1").exists()
    assert Goal.objects.filter(client=world.client_b).count() == 1  # nobody else's


def test_demo_seed_is_idempotent(world):
    clients = [world.client_a, world.client_b]
    today = date(2026, 3, 4)
    for client in clients:  # the demo only dates things after a client's start
        client.start_date = date(2025, 12, 1)
        client.save(update_fields=["start_date"])
    first = demo.seed(world.practice, therapists=[world.therapist_a], clients=clients, today=today)
    assert first["goals"] == 4 and first["checkins"] > 0 and first["gas_ratings"] == 8
    counts = (Goal.objects.count(), CheckIn.objects.count(), GASRating.objects.count(), Step.objects.count())
    again = demo.seed(world.practice, therapists=[world.therapist_a], clients=clients, today=today)
    assert again == {"goals": 0, "checkins": 0, "gas_ratings": 0}
    assert counts == (Goal.objects.count(), CheckIn.objects.count(), GASRating.objects.count(), Step.objects.count())
    assert not CheckIn.objects.filter(date__gt=today).exists()


def test_a_link_to_a_private_diary_entry_is_left_out_of_the_therapists_export(world):
    # Regression (security review): the check-in export named the linked entry's id even when
    # the entry was private, telling the therapist it exists.
    from diary import services as diary_services

    goal = services.create_goal(world.client_a, by=world.therapist_a, title="Ask for help", steps=["s1"])
    entry, _ = diary_services.create_entry(world.client_a, emotions=[("sad", 3)], shared=False)
    services.record_checkin(
        world.client_a, goal, date=date(2026, 1, 5), outcome="done", idempotency_key=uuid.uuid4(), diary_entry=entry
    )
    assert export_rows(world.client_a, world.client_a.user)["goal_checkins"][0]["diary_entry_id"] == entry.pk
    assert export_rows(world.client_a, world.therapist_a)["goal_checkins"][0]["diary_entry_id"] is None
    diary_services.share_entry(entry)
    assert export_rows(world.client_a, world.therapist_a)["goal_checkins"][0]["diary_entry_id"] == entry.pk
