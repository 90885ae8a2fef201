"""An email whose hand-off was cut off is shown to the practice admin, who can send it again."""

from datetime import time

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from reminders.models import Delivery, DeliveryState, Kind, Notification, ReminderOccurrence, ReminderPreference
from reminders.services import send_many, sweep
from reminders.unconfirmed import unconfirmed_count
from tests.factories import make_practice, make_user

from .helpers import client_with_diary, sweep_and_send, utc

pytestmark = pytest.mark.django_db


def cut_off_email(client, now):
    """The state a worker SIGKILLed inside the email's send window leaves behind."""
    (pk,) = sweep(now, dispatch=lambda ids: None).enqueued
    ReminderOccurrence.objects.filter(pk=pk).update(state="claimed", claimed_at=now)
    Delivery.objects.create(occurrence_id=pk, channel="email", state=DeliveryState.STARTED, started_at=now)
    return pk


def test_the_admin_sees_an_unconfirmed_email_and_sends_it_again_once(client, django_capture_on_commit_callbacks):
    practice = make_practice()
    patient = client_with_diary(practice, at=time(20, 0))
    admin = make_user(practice, Role.ADMIN)
    pk = cut_off_email(patient, utc("2026-06-10T18:00"))
    sweep_and_send(utc("2026-06-10T18:01"))  # lease over: marked unknown, the in-app copy goes out
    assert mail.outbox == [] and Notification.objects.count() == 1
    assert unconfirmed_count(practice.pk) == 1

    client.force_login(admin)
    page = client.get(reverse("reminders:unconfirmed"))
    assert page.status_code == 200
    assert "Diary prompt" in page.content.decode() and patient.user.get_full_name() in page.content.decode()
    delivery = Delivery.objects.get(channel="email")
    # The first click sends it (here the task runs at once); a second click, from another tab, does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reminders:resend", args=[delivery.pk])).status_code == 302
        assert client.post(reverse("reminders:resend", args=[delivery.pk]), follow=True).status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [patient.user.email]
    assert Notification.objects.count() == 1  # the in-app copy is not repeated
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT and delivery.resent_by == admin
    assert ReminderOccurrence.objects.get(pk=pk).state == "sent"
    after = client.get(reverse("reminders:unconfirmed")).content.decode()
    assert "Nothing to check" in after and "Sent again by" in after


def test_another_practices_admin_cannot_see_or_resend_it(client):
    practice = make_practice()
    patient = client_with_diary(practice, at=time(20, 0))
    cut_off_email(patient, utc("2026-06-10T18:00"))
    sweep_and_send(utc("2026-06-10T18:01"))
    other_admin = make_user(make_practice(), Role.ADMIN)
    client.force_login(other_admin)
    assert patient.user.get_full_name() not in client.get(reverse("reminders:unconfirmed")).content.decode()
    delivery = Delivery.objects.get(channel="email")
    assert client.post(reverse("reminders:resend", args=[delivery.pk])).status_code == 404
    assert Delivery.objects.get(pk=delivery.pk).state == DeliveryState.UNKNOWN


def test_the_admins_morning_email_counts_unconfirmed_emails_and_is_not_sent_when_there_are_none():
    practice = make_practice()
    patient = client_with_diary(practice, at=time(20, 0))
    admin = make_user(practice, Role.ADMIN, language="nl")
    ReminderPreference.objects.filter(user=admin, kind=Kind.ADMIN_DIGEST).update(channel="email")
    sweep_and_send(utc("2026-06-10T06:00"))  # 08:00 in Amsterdam: nothing unconfirmed, no email
    assert [m.to for m in mail.outbox] == []
    cut_off_email(patient, utc("2026-06-10T18:00"))
    sweep_and_send(utc("2026-06-10T18:01"))
    sweep(utc("2026-06-11T06:00"), dispatch=lambda ids: send_many(ids, utc("2026-06-11T06:00")))
    (digest,) = [m for m in mail.outbox if m.to == [admin.email]]
    assert "1 herinneringsmail is misschien niet aangekomen" in digest.body
    assert reverse("reminders:unconfirmed") in digest.body


def test_the_admins_menu_shows_the_count_only_while_something_is_unconfirmed(client):
    practice = make_practice()
    patient = client_with_diary(practice, at=time(20, 0))
    admin = make_user(practice, Role.ADMIN)
    client.force_login(admin)
    link = reverse("reminders:unconfirmed")
    assert link not in client.get(reverse("home"), follow=True).content.decode()
    cut_off_email(patient, utc("2026-06-10T18:00"))
    sweep_and_send(utc("2026-06-10T18:01"))
    assert link in client.get(reverse("home"), follow=True).content.decode()
