"""The caseload statement reads its timestamps with psycopg's compiled loader on PostgreSQL
(caseload_sql._compiled_timestamp_loader); the instants must be the ORM's, zone-aware."""

import datetime as dt

import pytest
from django.db.models import Max
from django.utils import timezone

from assessments.models import Score
from dashboard import selectors
from diary.models import DiaryEntry
from tests.factories import make_client
from tests.seeding import add_entry, add_scores

pytestmark = pytest.mark.django_db


def test_the_caseload_reads_the_same_instants_as_the_orm(world):
    today, now = timezone.localdate(), timezone.now()
    clients = [make_client(world.practice, world.therapist_a, name=f"Stamp {i}") for i in range(3)]
    add_scores(clients[0], [(today - dt.timedelta(days=30), 4.0, 3.0), (today - dt.timedelta(days=2), 3.5, 3.0)])
    add_entry(clients[0], now - dt.timedelta(hours=5, microseconds=123), shared=True)
    add_entry(clients[0], now - dt.timedelta(minutes=7), shared=False)  # private: never counted
    add_entry(clients[1], now - dt.timedelta(days=12, seconds=41), shared=True)
    rows = {r.client_id: r for r in selectors.caseload(world.therapist_a)}
    for client in clients:
        row = rows[client.pk]
        scores = Score.objects.filter(client=client, instrument=selectors.PRIMARY_INSTRUMENT, target="")
        shared = DiaryEntry.objects.filter(client=client, shared=True)
        assert row.last_assessed == scores.aggregate(m=Max("submitted_at"))["m"]
        assert row.last_shared_at == shared.aggregate(m=Max("occurred_at"))["m"]
        for stamp in (row.last_assessed, row.last_shared_at):
            assert stamp is None or timezone.is_aware(stamp)
    assert rows[clients[0].pk].last_shared_at is not None and rows[clients[2].pk].last_assessed is None
