"""Reminder emails: recipient's language, no clinical detail, a link to act, one-click unsubscribe."""

import re
from datetime import time

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from reminders.models import Channel, Kind, Notification, ReminderPreference
from reminders.services import unsubscribe_token

from .helpers import client_with_diary, sweep_and_send, utc

pytestmark = pytest.mark.django_db


def unsubscribe_path(user, kind, token=None):
    return reverse("reminders:unsubscribe", kwargs={"kind": kind, "token": token or unsubscribe_token(user, kind)})


def diary_enabled(user) -> bool:
    return ReminderPreference.objects.get(user=user, kind=Kind.DIARY).enabled


def test_email_has_a_direct_link_and_one_click_unsubscribe_headers(settings):
    settings.SITE_URL = "https://sb.example"
    client = client_with_diary(at=time(20, 0))
    sweep_and_send(utc("2026-06-10T18:00"))
    (email,) = mail.outbox
    assert email.subject == "Time for your diary"
    assert "https://sb.example/diary/new/" in email.body  # straight to a new entry
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(
        r"<(https://sb\.example/reminders/unsubscribe/diary/[^>]+/)>", email.extra_headers["List-Unsubscribe"]
    )
    assert link and link.group(1) in email.body
    # Nothing about the client's therapy: not their name, not their therapist.
    assert client.display_name not in email.body and str(client.therapist) not in email.body


def test_email_is_in_the_recipients_language():
    client_with_diary(at=time(20, 0), language="nl")
    sweep_and_send(utc("2026-06-10T18:00"))
    (email,) = mail.outbox
    assert email.subject == "Tijd voor je dagboek"
    assert "Afmelden voor deze herinnering" in email.body


def test_in_app_only_creates_a_notification_and_no_email():
    client = client_with_diary(at=time(20, 0), channel=Channel.IN_APP)
    sweep_and_send(utc("2026-06-10T18:00"))
    sweep_and_send(utc("2026-06-10T18:01"))
    assert mail.outbox == []
    note = Notification.objects.get(recipient=client.user)
    assert note.title == "Time for your diary" and note.read_at is None


def test_both_channels_give_one_email_and_one_notification():
    client = client_with_diary(at=time(20, 0), channel=Channel.BOTH)
    sweep_and_send(utc("2026-06-10T18:00"))
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=client.user).count() == 1


def test_unsubscribe_works_without_login_get_confirms_post_stops():
    client = client_with_diary(at=time(20, 0))
    http = HttpClient(enforce_csrf_checks=True)
    path = unsubscribe_path(client.user, Kind.DIARY)
    page = http.get(path)
    assert page.status_code == 200 and diary_enabled(client.user)  # a mail scanner's GET changes nothing
    assert http.post(path).status_code == 200
    assert not diary_enabled(client.user)
    assert http.post(path).status_code == 200  # a second click is harmless
    sweep_and_send(utc("2026-06-10T18:00"))
    assert mail.outbox == []


def test_rfc8058_one_click_post_unsubscribes():
    client = client_with_diary(at=time(20, 0))
    http = HttpClient(enforce_csrf_checks=True)
    response = http.post(
        unsubscribe_path(client.user, Kind.DIARY),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not diary_enabled(client.user)


def test_token_only_works_for_its_own_type():
    client = client_with_diary(at=time(20, 0))
    token = unsubscribe_token(client.user, Kind.GOAL_CHECKIN)
    response = HttpClient().post(unsubscribe_path(client.user, Kind.DIARY, token=token))
    assert response.status_code == 404
    assert diary_enabled(client.user)
    assert ReminderPreference.objects.get(user=client.user, kind=Kind.GOAL_CHECKIN).enabled is False  # set up off
    assert HttpClient().post(unsubscribe_path(client.user, Kind.ASSESSMENT_DUE, token=token)).status_code == 404


def test_token_only_works_for_its_own_recipient():
    a = client_with_diary(at=time(20, 0))
    b = client_with_diary(at=time(20, 0))
    HttpClient().post(unsubscribe_path(a.user, Kind.DIARY))
    assert not diary_enabled(a.user)
    assert diary_enabled(b.user)
    # A forged or altered token is refused.
    token = unsubscribe_token(a.user, Kind.DIARY)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert HttpClient().post(unsubscribe_path(b.user, Kind.DIARY, token=tampered)).status_code == 404
    assert HttpClient().post(unsubscribe_path(b.user, Kind.DIARY, token="not-a-token")).status_code == 404
    assert diary_enabled(b.user)


def test_unsubscribe_page_speaks_the_recipients_language():
    client = client_with_diary(at=time(20, 0), language="nl")
    page = HttpClient().get(unsubscribe_path(client.user, Kind.DIARY))
    assert "Herinnering stoppen" in page.content.decode()
