"""The irreversible hand-off runs outside any database transaction, with "started" already
committed, also when the send task runs acting for its practice (row-level security): a
worker killed inside the window must leave "started" behind, not roll it back."""

from datetime import time

import pytest
from django.db import connection
from django.utils import timezone

from reminders import channels
from reminders.models import Delivery, DeliveryState
from reminders.services import sweep
from reminders.tasks import send_reminder
from rowsecurity.tasks import HEADER

from .helpers import client_with_diary

pytestmark = pytest.mark.django_db(transaction=True)


class Probe:
    seen: list = []

    def commit(self) -> None:
        state = Delivery.objects.filter(channel="probe").values_list("state", flat=True).first()
        Probe.seen.append((connection.in_atomic_block, state))

    def close(self) -> None:
        pass


@pytest.fixture
def probe_channel():
    Probe.seen = []
    channels.register(channels.Channel("probe", "probe", wanted=lambda pref: True, prepare=lambda occ, msg: Probe()))
    try:
        yield Probe
    finally:
        channels.CHANNELS.pop("probe", None)


def test_the_hand_off_runs_outside_any_transaction_after_started_is_committed(probe_channel):
    local = timezone.localtime(timezone.now(), timezone=__import__("zoneinfo").ZoneInfo("Europe/Amsterdam"))
    patient = client_with_diary(at=time(local.hour, local.minute))
    (pk,) = sweep(timezone.now(), dispatch=lambda ids: None).enqueued
    # As a worker runs it: the message carries the practice it was published for.
    assert send_reminder.apply(args=(pk,), headers={HEADER: patient.practice_id}).get() == "sent"
    assert probe_channel.seen == [(False, DeliveryState.STARTED)]
    assert Delivery.objects.get(channel="probe").state == DeliveryState.SENT
