"""The client's reminder settings, the notification list, and what the therapist sees."""

import re
from datetime import time

import pytest
from django.core import mail
from django.urls import reverse

from reminders.models import Kind, Notification, ReminderOccurrence, ReminderPreference
from reminders.services import sweep
from tests.factories import make_client

from .helpers import client_with_diary, sweep_and_send, utc

pytestmark = pytest.mark.django_db


def form_data(user, **diary) -> dict:
    data = {}
    for pref in ReminderPreference.objects.filter(user=user):
        prefix = pref.kind
        values = {
            "enabled": "on" if pref.enabled else "",
            "local_time": pref.local_time.strftime("%H:%M"),
            "days": list(pref.days),
            "quiet_start": "",
            "quiet_end": "",
            "channel": pref.channel,
        }
        if pref.kind == Kind.DIARY:
            values.update(diary)
        for key, value in values.items():
            if value != "":
                data[f"{prefix}-{key}"] = value
    return data


def test_client_changes_time_and_the_next_reminder_follows(client):
    c = client_with_diary(at=time(20, 0))
    client.force_login(c.user)
    response = client.post(reverse("reminders:preferences"), form_data(c.user, local_time="07:30", days=["1", "3"]))
    assert response.status_code == 302
    pref = ReminderPreference.objects.get(user=c.user, kind=Kind.DIARY)
    assert pref.local_time == time(7, 30) and pref.days == "13"
    sweep_and_send(utc("2026-06-10T18:00"))  # old time: nothing
    assert mail.outbox == []
    sweep_and_send(utc("2026-06-10T05:30"))  # Wednesday 07:30 Amsterdam
    assert len(mail.outbox) == 1


def test_half_filled_quiet_hours_are_refused_and_nothing_typed_is_lost(client):
    c = client_with_diary(at=time(20, 0))
    client.force_login(c.user)
    response = client.post(reverse("reminders:preferences"), form_data(c.user, local_time="07:45", quiet_start="22:00"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "quiet hours" in html and 'value="07:45"' in html
    assert ReminderPreference.objects.get(user=c.user, kind=Kind.DIARY).local_time == time(20, 0)


def test_preferences_page_in_dutch(client):
    c = client_with_diary(at=time(20, 0), language="nl")
    client.force_login(c.user)
    html = client.get(reverse("reminders:preferences")).content.decode()
    assert "Herinneringen" in html and "Dagboekherinnering" in html


def test_notification_list_unread_count_and_mark_read(client):
    c = client_with_diary(at=time(20, 0), channel="in_app")
    other = client_with_diary(at=time(20, 0), channel="in_app")
    sweep_and_send(utc("2026-06-10T18:00"))
    client.force_login(c.user)
    page = client.get(reverse("reminders:notifications")).content.decode()
    assert "1 unread" in page  # the list
    # the menu: a badge beside the label (one line), the count in words for screen readers
    assert (
        'Notifications <span class="badge rounded-pill text-bg-primary" aria-hidden="true">1</span>'
        '<span class="visually-hidden"> (1 unread)</span>'
    ) in page
    mine = Notification.objects.get(recipient=c.user)
    theirs = Notification.objects.get(recipient=other.user)
    assert client.post(reverse("reminders:notification_open", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("reminders:notification_open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == mine.link
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    assert "unread" not in client.get(reverse("reminders:notifications")).content.decode()


def test_therapist_sees_whether_reminders_are_on_but_not_their_content(client, world):
    ReminderPreference.objects.filter(user=world.client_a.user, kind=Kind.DIARY).update(enabled=False)
    ReminderPreference.objects.filter(user=world.client_a.user, kind=Kind.DIARY).update(
        enabled=True, local_time=time(20)
    )
    sweep(utc("2026-06-10T18:00"), dispatch=lambda ids: None)
    client.force_login(world.therapist_a)
    html = client.get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "Reminders" in html and "Diary prompt" in html and "Goal check-in" in html
    assert "Time for your diary" not in html and "20:00" not in html


def test_new_clients_get_default_reminders(world):
    c = make_client(world.practice, world.therapist_a)
    kinds = set(ReminderPreference.objects.filter(user=c.user).values_list("kind", flat=True))
    assert kinds == {Kind.DIARY, Kind.ASSESSMENT_DUE, Kind.GOAL_CHECKIN, Kind.WEEKLY_REFLECTION, Kind.SESSION_EVE}
    # The evening-before-a-session prompt waits until the client chooses it.
    assert not ReminderPreference.objects.get(user=c.user, kind=Kind.SESSION_EVE).enabled
    # The weekly reflection starts on one day a week, in the gentle wording.
    reflection = ReminderPreference.objects.get(user=c.user, kind=Kind.WEEKLY_REFLECTION)
    assert len(reflection.days) == 1 and reflection.tone == "gentle"
    assert set(ReminderPreference.objects.filter(user=world.therapist_a).values_list("kind", flat=True)) == {
        Kind.THERAPIST_DIGEST,
        Kind.SAFETY_ALERT,
    }


def test_session_preparation_lists_reminders_since_the_last_session(world):
    import datetime as dt

    from django.test import Client as HttpClient
    from django.urls import reverse
    from django.utils import timezone

    from clients.models import TherapySession

    TherapySession.objects.create(client=world.client_a, held_on=timezone.localdate() - dt.timedelta(days=7))
    now = timezone.now()
    for n, state in enumerate(["sent", "sent", "skipped"]):
        ReminderOccurrence.objects.create(
            recipient=world.client_a.user,
            kind=Kind.GOAL_CHECKIN,
            slot=now - dt.timedelta(days=n + 1),
            created_at=now,
            state=state,
        )
    # Before the last session: not counted.
    ReminderOccurrence.objects.create(
        recipient=world.client_a.user,
        kind=Kind.GOAL_CHECKIN,
        slot=now - dt.timedelta(days=20),
        created_at=now,
        state="sent",
    )
    http = HttpClient()
    http.force_login(world.therapist_a)
    html = http.get(reverse("dashboard:session_prep", args=[world.client_a.pk])).content.decode()
    table = html[html.index('id="session-reminders"') :]
    row = table[table.index("Goal check-in") :].split("</tr>")[0]
    # Sent 2, not delivered 1; the cells may carry attributes (data-label for the phone layout).
    assert re.search(r"<td[^>]*>2</td><td[^>]*>1</td>", row)


def test_session_preparation_does_not_count_diary_prompts(world):
    # Regression (security review): a prompt is skipped on a day the client already wrote, so
    # diary prompt counts would reveal the days with private entries.
    import datetime as dt

    from django.test import Client as HttpClient
    from django.utils import timezone

    now = timezone.now()
    ReminderOccurrence.objects.create(
        recipient=world.client_a.user,
        kind=Kind.DIARY,
        slot=now - dt.timedelta(hours=2),
        created_at=now,
        state="skipped",
        note="no longer due",
    )
    http = HttpClient()
    http.force_login(world.therapist_a)
    html = http.get(reverse("dashboard:session_prep", args=[world.client_a.pk])).content.decode()
    table = html[html.index('id="session-reminders"') :].split("</table>")[0]
    assert "Diary prompt" not in table and "Questionnaire due" in table
