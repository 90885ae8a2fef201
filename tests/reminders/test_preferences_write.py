"""The preferences page writes through reminders.services.save_preferences: every reminder's
settings or none of them."""

from datetime import time

import pytest
from django.db import IntegrityError
from django.urls import reverse

from reminders import services
from reminders.models import Kind, ReminderPreference

from .helpers import client_with_diary
from .test_pages import form_data

pytestmark = pytest.mark.django_db


def test_the_preferences_page_saves_through_the_service(client, monkeypatch):
    calls, real = [], services.save_preferences
    monkeypatch.setattr(services, "save_preferences", lambda changes: calls.append(changes) or real(changes))
    c = client_with_diary(at=time(20, 0))
    client.force_login(c.user)
    response = client.post(reverse("reminders:preferences"), form_data(c.user, local_time="07:30"))
    assert response.status_code == 302 and len(calls) == 1
    assert ReminderPreference.objects.get(user=c.user, kind=Kind.DIARY).local_time == time(7, 30)


def test_save_preferences_writes_all_or_none():
    c = client_with_diary(at=time(20, 0))
    diary = ReminderPreference.objects.get(user=c.user, kind=Kind.DIARY)
    other = ReminderPreference.objects.filter(user=c.user).exclude(kind=Kind.DIARY).first()
    with pytest.raises(IntegrityError):  # the second one cannot be saved (a channel is required)
        services.save_preferences([(diary, {"local_time": time(7, 30)}), (other, {"channel": None})])
    diary.refresh_from_db()
    assert diary.local_time == time(20, 0)
