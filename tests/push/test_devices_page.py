"""The devices page and the subscribe endpoint the browser posts its subscription to."""

import json

import pytest
from django.urls import reverse

from accounts.models import Role
from push.models import PushSubscription
from tests.factories import make_practice, make_user

from .push_service import BrowserKeys

pytestmark = pytest.mark.django_db
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


def _post(http, data):
    return http.post(
        reverse("push:subscribe"), json.dumps(data), content_type="application/json", HTTP_USER_AGENT=ANDROID_CHROME
    )


def test_a_browser_subscription_is_saved_once_per_device_with_a_readable_name(client, vapid_keys):
    user = make_user(make_practice(), Role.CLIENT)
    client.force_login(user)
    subscription = BrowserKeys().subscription("https://fcm.googleapis.com/fcm/send/abc")
    assert _post(client, subscription).status_code == 200
    assert _post(client, subscription).status_code == 200  # the same device again: no second row
    device = PushSubscription.objects.get(user=user)
    assert device.label == "Chrome, Android"
    page = client.get(reverse("push:devices")).content.decode()
    assert "Chrome, Android" in page and f'data-vapid-key="{vapid_keys[1]}"' in page


@pytest.mark.parametrize(
    "body",
    [
        {"endpoint": "https://192.168.1.10/admin", "keys": {"p256dh": "x", "auth": "y"}},
        {"endpoint": "https://fcm.googleapis.com/x"},
        ["not", "a", "subscription"],
        "{broken json",
    ],
)
def test_bad_subscriptions_get_a_clear_message_in_the_users_language(client, body):
    user = make_user(make_practice(), Role.CLIENT, language="nl")
    client.force_login(user)
    if isinstance(body, str):
        response = client.post(reverse("push:subscribe"), body, content_type="application/json")
    else:
        response = _post(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(("Dit apparaat", "securebase stuurt geen"))
    assert not PushSubscription.objects.exists()


def test_turning_a_device_off_removes_it_and_only_the_owners(client):
    practice = make_practice()
    owner, other = make_user(practice, Role.CLIENT), make_user(practice, Role.CLIENT)
    endpoint = "https://fcm.googleapis.com/x/1"
    device = PushSubscription.objects.create(user=owner, endpoint=endpoint, p256dh="k", auth="a")
    client.force_login(other)
    assert client.post(reverse("push:remove", args=[device.pk])).status_code == 404
    client.force_login(owner)
    assert client.post(reverse("push:remove", args=[device.pk])).status_code == 302
    assert not PushSubscription.objects.exists()


def test_without_vapid_keys_the_page_says_push_is_not_set_up(client, settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    client.force_login(make_user(make_practice(), Role.CLIENT))
    page = client.get(reverse("push:devices")).content.decode()
    assert 'id="push-off"' in page and 'id="push-enable"' not in page


def test_settings_link_to_the_devices_page(client):
    client.force_login(make_user(make_practice(), Role.CLIENT, language="nl"))
    assert "Meldingen op je apparaten" in client.get(reverse("accounts:settings")).content.decode()
