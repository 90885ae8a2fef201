"""The thresholds a diary save checks are read with the client's row (clients.home.write_row,
the safety net's settings rows as write facts) and agree with the thresholds read on their own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.access import own_client
from clients.home import write_row
from safety import services
from safety.models import ClientSafetySettings, PracticeSafetySettings

pytestmark = pytest.mark.django_db


def _both(client):
    alone = services.thresholds_for(client)
    row = own_client(client.user, kind="diary", read=write_row)
    with CaptureQueriesContext(connection) as ctx:
        joined = services.thresholds_for(row)
    return alone, joined, len(ctx.captured_queries)


def test_thresholds_read_with_the_client_row_agree_and_need_no_query(world):
    client = world.client_a
    services.practice_settings(client.practice_id)  # the row the first save creates
    alone, joined, queries = _both(client)
    assert joined == alone and queries == 0
    PracticeSafetySettings.objects.filter(practice_id=client.practice_id).update(
        low_safety_max=4, alarming_intensity_min=7, alarming_emotions=["afraid", "ashamed"]
    )
    ClientSafetySettings.objects.create(client=client, low_safety_max=1, tell_therapist_private_distress=True)
    alone, joined, queries = _both(client)
    assert joined == alone and queries == 0
    assert joined.alarming_emotions == frozenset({"afraid", "ashamed"})
    assert (joined.low_safety_max, joined.alarming_intensity_min, joined.tell_private) == (1, 7, True)


def test_a_practice_without_settings_gets_its_row_either_way(world):
    client = world.client_a
    PracticeSafetySettings.objects.filter(practice_id=client.practice_id).delete()
    row = own_client(client.user, kind="diary", read=write_row)
    joined = services.thresholds_for(row)
    assert PracticeSafetySettings.objects.filter(practice_id=client.practice_id).exists()
    assert joined == services.thresholds_for(client)
