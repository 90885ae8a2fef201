"""Notes typed on the old "Record session" form follow the session-note rule, not the page's."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.urls import reverse

from accounts.models import Role
from appointments.models import SessionNote
from clients.models import TherapySession
from clients.services import assign_therapist
from tests.factories import make_client, make_practice, make_user

pytestmark = pytest.mark.django_db
LEGACY = import_module("appointments.migrations.0003_legacy_session_notes")


def test_a_note_on_an_old_session_row_becomes_the_authors_session_note_and_leaves_the_page():
    practice = make_practice()
    first = make_user(practice, Role.THERAPIST)
    client = make_client(practice, therapist=first)
    held = TherapySession.objects.create(
        client=client, therapist=first, held_on=dt.date(2026, 3, 2), note="OLD-NOTE-41"
    )

    LEGACY.move_notes(global_apps, None)

    note = SessionNote.objects.get(session=held)
    assert (note.text, note.author_id, note.client_id) == ("OLD-NOTE-41", first.pk, client.pk)
    held.refresh_from_db()
    assert held.note == ""


def test_a_therapist_after_a_reassignment_does_not_read_the_old_note_on_the_client_page(client):
    practice = make_practice()
    first, second = make_user(practice, Role.THERAPIST), make_user(practice, Role.THERAPIST)
    record = make_client(practice, therapist=first)
    TherapySession.objects.create(client=record, therapist=first, held_on=dt.date(2026, 3, 2), note="OLD-NOTE-42")
    LEGACY.move_notes(global_apps, None)
    assign_therapist(record, second, by=make_user(practice, Role.ADMIN))
    client.force_login(second)

    page = client.get(reverse("client_detail", args=[record.pk])).content.decode()

    assert "OLD-NOTE-42" not in page
    assert reverse("appointments:note", args=[TherapySession.objects.get(client=record).pk]) in page


def test_the_record_session_form_takes_no_note_any_more(client):
    practice = make_practice()
    therapist = make_user(practice, Role.THERAPIST)
    record = make_client(practice, therapist=therapist)
    client.force_login(therapist)

    client.post(reverse("client_session_add", args=[record.pk]), {"held_on": "2026-03-02", "note": "typed"})

    assert TherapySession.objects.get(client=record).note == ""
