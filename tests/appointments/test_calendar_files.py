"""The client's .ics download and the therapist's calendar feed, read back with the icalendar
library: the right times in UTC, moved and cancelled sessions as such, and no names in the feed."""

import datetime as dt

import icalendar
import pytest
from django.test import Client as Http
from django.urls import reverse

from appointments import services, timing
from appointments.models import CalendarFeed
from tests.factories import make_client, make_practice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    practice = make_practice()
    therapist = make_user(practice, "therapist", timezone="Europe/Amsterdam", name="Dr Ruth Jansen")
    client = make_client(practice, therapist, name="Marleen de Vries")
    other = make_client(practice, therapist, name="Tim Bakker")
    return therapist, client, other


def _events(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def _plan(therapist, client, day, **extra):
    return services.plan(client, by=therapist, day=day, at=dt.time(10, 0), **extra)


def test_the_feed_parses_and_names_no_client(people):
    therapist, client, other = people
    day = dt.date.today() + dt.timedelta(days=5)
    _plan(therapist, client, day, repeat_weeks=1, until=day + dt.timedelta(weeks=1))
    _plan(therapist, other, day, mode="online", link="https://meet.example.test/room-tim-bakker")
    token = services.new_feed(therapist)
    response = Http().get(reverse("appointments:feed", kwargs={"token": token}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content
    events = _events(body)
    assert len(events) == 3
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Session · M.D.V.",
        "Session · M.D.V.",
        "Session · T.B. (online)",
    ]
    text = body.decode()
    for word in ("Marleen", "Vries", "Tim", "Bakker", "meet.example", client.user.email, "Jansen"):
        assert word not in text
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0] == timing.instant(day, dt.time(10, 0), "Europe/Amsterdam")


def test_the_feed_stores_only_a_hash_and_a_revoked_address_answers_404(people):
    therapist, client, _other = people
    token = services.new_feed(therapist)
    assert token not in CalendarFeed.objects.get(therapist=therapist).token_hash
    url = reverse("appointments:feed", kwargs={"token": token})
    assert Http().get(url).status_code == 200
    services.new_feed(therapist)  # a new address replaces the old one
    assert Http().get(url).status_code == 404
    fresh = services.new_feed(therapist)
    services.revoke_feed(therapist)
    assert Http().get(reverse("appointments:feed", kwargs={"token": fresh})).status_code == 404
    assert Http().get(reverse("appointments:feed", kwargs={"token": "x" * 43})).status_code == 404


def test_a_moved_and_a_cancelled_session_keep_their_uid_with_a_higher_sequence(people):
    therapist, client, _other = people
    day = dt.date.today() + dt.timedelta(days=5)
    first, second = _plan(therapist, client, day, repeat_weeks=1, until=day + dt.timedelta(weeks=1))
    token = services.new_feed(therapist)
    before = {str(e["UID"]): e for e in _events(Http().get(reverse("appointments:feed", args=[token])).content)}
    services.move(first, by=therapist, day=day + dt.timedelta(days=1), at=dt.time(14, 0))
    services.cancel(second, by=therapist)
    after = {str(e["UID"]): e for e in _events(Http().get(reverse("appointments:feed", args=[token])).content)}
    assert set(before) == set(after)
    moved, cancelled = after[f"{first.uid}@securebase"], after[f"{second.uid}@securebase"]
    assert int(moved["SEQUENCE"]) == 1 and moved.decoded("DTSTART") != before[f"{first.uid}@securebase"].decoded(
        "DTSTART"
    )
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1


def test_the_client_downloads_their_next_session_with_its_link(people):
    therapist, client, _other = people
    day = dt.date.today() + dt.timedelta(days=2)
    (session,) = _plan(therapist, client, day, mode="online", link="https://meet.example.test/abc")
    http = Http()
    http.force_login(client.user)
    response = http.get(reverse("appointments:ics", kwargs={"pk": session.pk}))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    (event,) = _events(response.content)
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=50)
    assert str(event["LOCATION"]) == "https://meet.example.test/abc"


def test_each_fetch_of_the_feed_is_on_the_trail_without_its_secret(people):
    from audit.models import AuditEvent

    therapist, _client, _other = people
    token = services.new_feed(therapist)
    Http().get(reverse("appointments:feed", kwargs={"token": token}))
    (event,) = AuditEvent.objects.filter(kind="calendar_feed")
    assert event.actor_id == therapist.pk and event.practice_id == therapist.practice_id
    assert token not in event.path and event.path.startswith("/sessions/feed/")
