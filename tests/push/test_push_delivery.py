"""Push reminders end to end without the internet: the real sweep and send task, a stand-in
push service on 127.0.0.1, and the payload decrypted with the subscription's own keys."""

import base64
import json
from datetime import time, timedelta

import pytest
from django.core import mail
from py_vapid import Vapid02

from push import services
from push.models import PushSubscription
from reminders.models import Delivery, Kind, ReminderPreference
from tests.reminders.helpers import client_with_diary, occurrences, sweep_and_send, utc
from tests.safety.helpers import write_entry

from .push_service import BrowserKeys

pytestmark = pytest.mark.django_db
EIGHT_PM_AMSTERDAM = utc("2026-12-01T19:00")  # winter: UTC+1
PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile"


def _device(user, service, name):
    keys = BrowserKeys()
    services.subscribe(user, keys.subscription(service.endpoint(name)), PHONE_UA)
    return keys


@pytest.mark.parametrize(("language", "title"), [("nl", "Tijd voor je dagboek"), ("en", "Time for your diary")])
def test_diary_reminder_arrives_encrypted_in_the_clients_language_without_name_or_diary_text(
    push_service, vapid_keys, language, title
):
    client = client_with_diary(language=language, at=time(20, 0))
    write_entry(client, text="SECRET-DIARY-TEXT about my mother", when=EIGHT_PM_AMSTERDAM - timedelta(days=2))
    phone = _device(client.user, push_service, "phone")

    sweep_and_send(EIGHT_PM_AMSTERDAM)

    assert len(push_service.received) == 1
    request = push_service.received[0]
    assert request.path == "/send/phone"
    assert request.headers["content-encoding"] == "aes128gcm"
    assert b"dagboek" not in request.body and b"diary" not in request.body  # encrypted on the wire
    shown = phone.read(request.body)
    assert shown["title"] == title
    assert shown["url"].startswith("/diary/")
    plain = str(shown)
    for secret in ("SECRET-DIARY-TEXT", "mother", client.display_name, client.user.email, client.user.name):
        assert secret not in plain
    # Signed with this server's VAPID key, for this push service.
    scheme, _, params = request.headers["authorization"].partition(" ")
    fields = dict(part.split("=", 1) for part in params.split(","))
    assert scheme == "vapid" and fields["k"] == vapid_keys[1]
    assert Vapid02.verify(request.headers["authorization"]) is True
    claims = json.loads(base64.urlsafe_b64decode(fields["t"].split(".")[1] + "==="))
    assert claims["aud"] == push_service.url and claims["sub"] == "mailto:practice@example.test"
    # Beside email and in the app, each with its own outcome.
    occurrence = occurrences(client.user, kind=Kind.DIARY).get()
    assert set(Delivery.objects.filter(occurrence=occurrence).values_list("channel", "state")) >= {
        ("push", "sent"),
        ("email", "sent"),
        ("in_app", "sent"),
    }
    assert len(mail.outbox) == 1


def test_a_push_is_sent_once_however_often_the_sweep_runs(push_service):
    client = client_with_diary(at=time(20, 0))
    _device(client.user, push_service, "phone")
    sweep_and_send(EIGHT_PM_AMSTERDAM)
    sweep_and_send(EIGHT_PM_AMSTERDAM + timedelta(seconds=30))
    sweep_and_send(EIGHT_PM_AMSTERDAM + timedelta(minutes=1))
    assert len(push_service.received) == 1


def test_every_device_gets_it_and_a_device_answered_410_is_forgotten(push_service):
    client = client_with_diary(at=time(20, 0))
    phone = _device(client.user, push_service, "phone")
    _device(client.user, push_service, "old-laptop")
    push_service.answers["/send/old-laptop"] = 410

    sweep_and_send(EIGHT_PM_AMSTERDAM)

    assert sorted(r.path for r in push_service.received) == ["/send/old-laptop", "/send/phone"]
    assert list(PushSubscription.objects.filter(user=client.user).values_list("endpoint", flat=True)) == [
        push_service.endpoint("phone")
    ]
    assert phone.read(next(r.body for r in push_service.received if r.path == "/send/phone"))["title"]
    delivery = Delivery.objects.get(occurrence__recipient=client.user, channel="push")
    assert delivery.state == "sent"


def test_only_device_gone_means_not_delivered_and_nothing_left_to_send_to(push_service):
    client = client_with_diary(at=time(20, 0))
    _device(client.user, push_service, "gone")
    push_service.answers["/send/gone"] = 404
    sweep_and_send(EIGHT_PM_AMSTERDAM)
    assert not PushSubscription.objects.filter(user=client.user).exists()
    assert Delivery.objects.get(occurrence__recipient=client.user, channel="push").state == "failed"
    sweep_and_send(EIGHT_PM_AMSTERDAM + timedelta(minutes=2))
    assert len(push_service.received) == 1


def test_quiet_hours_hold_the_push_until_they_end(push_service):
    client = client_with_diary(at=time(20, 0), quiet_start=time(19, 30), quiet_end=time(21, 0))
    _device(client.user, push_service, "phone")
    sweep_and_send(EIGHT_PM_AMSTERDAM)
    assert push_service.received == []
    sweep_and_send(utc("2026-12-01T20:00"))  # 21:00 in Amsterdam: quiet hours are over
    assert len(push_service.received) == 1


def test_no_push_when_switched_off_for_that_reminder(push_service):
    client = client_with_diary(at=time(20, 0), push=False)
    _device(client.user, push_service, "phone")
    sweep_and_send(EIGHT_PM_AMSTERDAM)
    assert push_service.received == []
    assert len(mail.outbox) == 1


def test_no_push_without_vapid_keys(push_service, settings):
    settings.VAPID_PRIVATE_KEY = ""
    client = client_with_diary(at=time(20, 0))
    _device(client.user, push_service, "phone")
    sweep_and_send(EIGHT_PM_AMSTERDAM)
    assert push_service.received == []


def test_safety_alert_reaches_the_therapist_by_push_without_client_or_entry(
    push_service, world, django_capture_on_commit_callbacks
):
    therapist = world.therapist_a
    therapist.language = "nl"
    therapist.save(update_fields=["language"])
    ReminderPreference.objects.filter(user=therapist).exclude(kind=Kind.SAFETY_ALERT).update(enabled=False)
    laptop = _device(therapist, push_service, "laptop")
    with django_capture_on_commit_callbacks(execute=True):
        write_entry(world.client_a, safety=1, shared=True, text="SECRET-ENTRY-TEXT")
    occurrence = occurrences(therapist, kind=Kind.SAFETY_ALERT).get()

    sweep_and_send(occurrence.slot + timedelta(seconds=5))

    received = [r for r in push_service.received if r.path == "/send/laptop"]
    assert len(received) == 1
    shown = laptop.read(received[0].body)
    assert shown["title"] == "Een signaal vraagt je aandacht"
    assert shown["url"].startswith("/safety/alerts/")
    for secret in ("SECRET-ENTRY-TEXT", world.client_a.display_name, world.client_a.user.email):
        assert secret not in str(shown)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://10.0.0.5/internal",
        "https://localhost/x",
        "https://fcm.googleapis.com.evil.test/x",
        "ftp://fcm.googleapis.com/x",
    ],
)
def test_only_real_push_services_are_accepted_as_endpoints(endpoint, settings):
    settings.PUSH_ALLOW_HTTP = False
    assert not services.endpoint_allowed(endpoint)
    assert services.endpoint_allowed("https://fcm.googleapis.com/fcm/send/abc")
    assert services.endpoint_allowed("https://wns2-par02p.notify.windows.com/w/?token=x")
