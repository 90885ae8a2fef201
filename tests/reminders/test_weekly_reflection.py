"""The weekly reflection: once a week at the client's chosen local day and time, in the words of
the tone they picked and their own language, never during quiet hours, and never when off."""

import re
from datetime import time

import pytest
from django.core import mail
from django.urls import reverse

from reminders.kinds import REFLECTION_WORDS, reflection_words
from reminders.models import Kind, ReminderPreference, State, Tone

from .helpers import client_with_diary, occurrences, sweep_and_send, utc

pytestmark = pytest.mark.django_db

# 2026-06-10 is a Wednesday; Amsterdam is UTC+2 in June.
WEDNESDAY = "3"


def client_with_reflection(*, at=time(21, 30), day=WEDNESDAY, tone=Tone.CURIOUS, language="nl", **pref):
    client = client_with_diary(language=language)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.DIARY).update(enabled=False)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.WEEKLY_REFLECTION).update(
        enabled=True, local_time=at, days=day, tone=tone, **pref
    )
    return client


def test_sent_once_a_week_at_the_chosen_local_time_in_the_chosen_tone_and_language():
    client = client_with_reflection()
    assert sweep_and_send(utc("2026-06-10T19:29")).enqueued == []
    assert len(sweep_and_send(utc("2026-06-10T19:30")).enqueued) == 1
    for now in ("2026-06-10T19:31", "2026-06-11T19:30", "2026-06-14T19:30"):
        sweep_and_send(utc(now))
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [client.user.email]
    assert email.subject == "Wat viel je op deze week?"
    assert "Wat viel je deze week op aan je patroon?" in email.body
    assert reverse("diary:pattern") in email.body
    # The next Wednesday brings the next one.
    sweep_and_send(utc("2026-06-17T19:30"))
    assert len(mail.outbox) == 2
    assert occurrences(client.user, kind=Kind.WEEKLY_REFLECTION, state=State.SENT).count() == 2


def test_an_english_client_gets_the_brief_words():
    client_with_reflection(tone=Tone.BRIEF, language="en")
    sweep_and_send(utc("2026-06-10T19:30"))
    (email,) = mail.outbox
    assert email.subject == "Your weekly reflection"
    assert "What did you notice about your pattern this week?" in email.body


def test_never_more_than_one_in_seven_days_even_with_two_days_stored():
    client = client_with_reflection(day="34")
    sweep_and_send(utc("2026-06-10T19:30"))
    sweep_and_send(utc("2026-06-11T19:30"))
    assert len(mail.outbox) == 1
    assert occurrences(client.user, kind=Kind.WEEKLY_REFLECTION, state=State.SKIPPED).get().note == "no longer due"


def test_switched_off_sends_nothing():
    client = client_with_reflection()
    ReminderPreference.objects.filter(user=client.user, kind=Kind.WEEKLY_REFLECTION).update(enabled=False)
    sweep_and_send(utc("2026-06-10T19:30"))
    assert occurrences(client.user).count() == 0 and mail.outbox == []


def test_quiet_hours_hold_it_until_they_end():
    client = client_with_reflection(quiet_start=time(21, 0), quiet_end=time(22, 0))
    sweep_and_send(utc("2026-06-10T19:30"))
    assert occurrences(client.user).count() == 0
    sweep_and_send(utc("2026-06-10T20:00"))  # 22:00 in Amsterdam, when the quiet hours end
    assert len(mail.outbox) == 1


def test_the_words_count_nothing_in_either_language():
    from django.utils import translation

    for language in ("en", "nl"):
        with translation.override(language):
            for tone in Tone:
                subject, question = reflection_words(tone)
                assert subject and question and not re.search(r"\d", subject + question)
                assert not re.search(r"streak|missed|gemist|reeks", (subject + question).lower())
    assert set(REFLECTION_WORDS) == set(Tone)


def test_preferences_show_the_tones_as_examples_and_save_one_day_and_a_tone(client):
    from .test_pages import form_data

    c = client_with_reflection(language="nl", tone=Tone.GENTLE)
    client.force_login(c.user)
    html = client.get(reverse("reminders:preferences")).content.decode()
    assert "Wekelijkse terugblik" in html
    assert "Wat viel je deze week op aan je patroon?" in html  # the brief tone's example
    data = form_data(c.user)
    data["weekly_reflection-days"] = "5"
    data["weekly_reflection-tone"] = Tone.BRIEF
    data["weekly_reflection-local_time"] = "18:45"
    assert client.post(reverse("reminders:preferences"), data).status_code == 302
    pref = ReminderPreference.objects.get(user=c.user, kind=Kind.WEEKLY_REFLECTION)
    assert (pref.days, pref.tone, pref.local_time) == ("5", Tone.BRIEF, time(18, 45))
    # Switched on without a day: a clear message, and nothing is lost.
    data["weekly_reflection-days"] = ""
    response = client.post(reverse("reminders:preferences"), data)
    assert response.status_code == 400 and "18:45" in response.content.decode()


def test_the_chosen_wording_is_in_the_clients_data_export():
    from reminders.export import export_rows

    client = client_with_reflection(tone=Tone.BRIEF)
    rows = {row["kind"]: row for row in export_rows(client, client.user)["reminder_preferences"]}
    assert rows[Kind.WEEKLY_REFLECTION]["tone"] == "brief" and rows[Kind.WEEKLY_REFLECTION]["days"] == WEDNESDAY
