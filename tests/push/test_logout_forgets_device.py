"""A shared phone: logging out stops that device's reminders, and only that device's."""

import pytest
from django.urls import reverse

from accounts.models import Role
from push.models import PushSubscription
from tests.factories import make_practice, make_user

pytestmark = pytest.mark.django_db


def _device(user, endpoint):
    return PushSubscription.objects.create(user=user, endpoint=endpoint, p256dh="k", auth="a", label="Chrome, Android")


def test_logging_out_forgets_this_devices_subscription_and_keeps_the_others(client):
    practice = make_practice()
    lotte, other = make_user(practice, Role.CLIENT), make_user(practice, Role.CLIENT)
    phone = _device(lotte, "https://fcm.googleapis.com/fcm/send/phone")
    laptop = _device(lotte, "https://fcm.googleapis.com/fcm/send/laptop")
    someone_else = _device(other, "https://fcm.googleapis.com/fcm/send/other")
    client.force_login(lotte)

    response = client.post(reverse("account_logout"), {"push_endpoint": phone.endpoint})

    assert response.status_code == 302
    remaining = set(PushSubscription.objects.values_list("pk", flat=True))
    assert phone.pk not in remaining
    assert {laptop.pk, someone_else.pk} <= remaining


def test_a_logout_naming_another_persons_device_removes_nothing(client):
    practice = make_practice()
    lotte, other = make_user(practice, Role.CLIENT), make_user(practice, Role.CLIENT)
    theirs = _device(other, "https://fcm.googleapis.com/fcm/send/other")
    client.force_login(lotte)

    client.post(reverse("account_logout"), {"push_endpoint": theirs.endpoint})

    assert PushSubscription.objects.filter(pk=theirs.pk).exists()
