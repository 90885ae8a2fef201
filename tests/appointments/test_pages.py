"""The therapist's session pages: planning with a clear answer to bad input (nothing typed is
lost), moving the rest of a series, one click to record a session as held, the calendar page."""

import datetime as dt

import pytest
from django.test import Client as Http
from django.urls import reverse
from django.utils import timezone, translation

from appointments import services
from appointments.models import CalendarFeed, PlannedSession, SessionStatus

pytestmark = pytest.mark.django_db


def _as(user) -> Http:
    http = Http()
    http.force_login(user)
    return http


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "An online session needs the link the client will use."), ("nl", "Een online sessie heeft de link nodig")],
)
def test_an_online_session_without_a_link_is_refused_in_the_therapists_language(world, language, message):
    world.therapist_a.language = language
    world.therapist_a.save(update_fields=["language"])
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = _as(world.therapist_a).post(
        reverse("appointments:plan", kwargs={"pk": world.client_a.pk}),
        {"day": day, "at": "10:15", "minutes": "45", "mode": "online", "repeat_weeks": "1", "until": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'value="{day}"' in page and 'value="10:15"' in page  # nothing typed is lost
    assert not PlannedSession.objects.exists()


def test_a_link_typed_before_choosing_in_person_is_not_kept_for_the_client(world):
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = _as(world.therapist_a).post(
        reverse("appointments:plan", kwargs={"pk": world.client_a.pk}),
        {"day": day, "at": "10:15", "minutes": "45", "mode": "in_person", "link": "https://meet.example/x",
         "repeat_weeks": "0", "until": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(PlannedSession.objects.values_list("mode", "link")) == [("in_person", "")]


def test_a_date_in_the_past_or_garbage_is_a_message_not_a_500(world):
    http = _as(world.therapist_a)
    url = reverse("appointments:plan", kwargs={"pk": world.client_a.pk})
    for day in ("2001-01-01", "9999-12-31", "not-a-date"):
        response = http.post(url, {"day": day, "at": "25:99", "minutes": "7", "mode": "x", "repeat_weeks": "9"})
        assert response.status_code == 400


def test_moving_the_rest_of_a_series_from_the_edit_page(world):
    therapist = world.therapist_a
    first = timezone.localdate() + dt.timedelta(days=2)
    made = services.plan(
        world.client_a, by=therapist, day=first, at=dt.time(10, 0), repeat_weeks=1, until=first + dt.timedelta(weeks=3)
    )
    new_day = (first + dt.timedelta(days=8)).isoformat()
    response = _as(therapist).post(
        reverse("appointments:edit", kwargs={"pk": made[1].pk}),
        {"day": new_day, "at": "16:00", "minutes": "50", "mode": "in_person", "scope": "following"},
    )
    assert response.status_code == 302
    with translation.override("en"):
        hours = [s.starts_at.astimezone(timezone.get_default_timezone()).strftime("%H:%M") for s in
                 PlannedSession.objects.filter(client=world.client_a).order_by("starts_at")]  # fmt: skip
    assert hours == ["10:00", "16:00", "16:00", "16:00"]


def test_one_click_records_a_planned_session_as_held_and_opens_its_note(world):
    therapist = world.therapist_a
    (session,) = services.plan(world.client_a, by=therapist, day=timezone.localdate(), at=dt.time(0, 0))
    PlannedSession.objects.filter(pk=session.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    http = _as(therapist)
    page = http.get(reverse("client_detail", kwargs={"pk": world.client_a.pk})).content.decode()
    assert reverse("appointments:held", kwargs={"pk": session.pk}) in page
    response = http.post(reverse("appointments:held", kwargs={"pk": session.pk}))
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert response["Location"] == reverse("appointments:note", kwargs={"pk": session.held_id})
    assert http.post(reverse("appointments:held", kwargs={"pk": session.pk})).status_code == 302
    assert world.client_a.sessions.count() == 1


def test_the_calendar_page_shows_the_address_once_and_switches_it_off(world):
    http = _as(world.therapist_a)
    url = reverse("appointments:calendar")
    made = http.post(url, {"action": "new"}).content.decode()
    assert "/sessions/feed/" in made
    assert "/sessions/feed/" not in http.get(url).content.decode()
    http.post(url, {"action": "revoke"})
    assert not CalendarFeed.objects.filter(therapist=world.therapist_a).exists()
