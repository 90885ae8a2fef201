import datetime as dt

import pytest

from diary import demo, selectors
from diary.models import Comment, DiaryEntry

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_shares_some_entries(world):
    clients = [world.client_a, world.client_b, world.client_x]
    therapists = [world.therapist_a, world.therapist_other]
    today = dt.date.today()
    for client in clients:  # the demo only dates things after a client's start
        client.start_date = today - dt.timedelta(weeks=3)
        client.save(update_fields=["start_date"])

    first = demo.seed(world.practice, therapists=therapists, clients=clients, today=today)
    count = DiaryEntry.objects.count()
    comments = Comment.objects.count()
    second = demo.seed(world.practice, therapists=therapists, clients=clients, today=today)

    assert first > 5 and second == 0
    assert DiaryEntry.objects.count() == count and Comment.objects.count() == comments
    assert not DiaryEntry.objects.filter(client=world.client_x).exists()  # other practice untouched
    shared = selectors.visible_entries(world.therapist_a, world.client_a).count()
    assert 0 < shared < DiaryEntry.objects.filter(client=world.client_a).count()
    assert Comment.objects.filter(entry__shared=False).count() == 0
