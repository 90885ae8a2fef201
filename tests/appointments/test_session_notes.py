"""Session notes: the treating therapist's alone, every read on the audit trail, earlier
therapists' notes after a reassignment only when the practice allows, in the therapist's export,
gone with the erased record."""

import pytest
from django.test import Client as Http
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.models import SessionNote
from audit.models import AuditEvent
from clients.models import ClientStatus
from clients.services import assign_therapist, record_session
from records import exporting
from records.erasure import erase_client

pytestmark = pytest.mark.django_db
SECRET = "She spoke about her father for the first time"


@pytest.fixture
def noted(world):
    held = record_session(world.client_a, therapist=world.therapist_a, held_on=timezone.localdate())
    services.save_note(held, by=world.therapist_a, text=SECRET)
    return held


def _get(user, url):
    http = Http()
    http.force_login(user)
    return http.get(url)


def test_every_read_of_the_notes_is_on_the_audit_trail(world, noted):
    url = reverse("appointments:notes", kwargs={"pk": world.client_a.pk})
    for _ in range(2):
        assert SECRET in _get(world.therapist_a, url).content.decode()
    _get(world.therapist_a, reverse("appointments:note", kwargs={"pk": noted.pk}))
    reads = AuditEvent.objects.filter(actor=world.therapist_a, client_id=world.client_a.pk, kind="session_note")
    assert reads.filter(action="view").count() == 3


@pytest.mark.parametrize("who", ["client_a", "therapist_other", "admin", "therapist_x"])
def test_nobody_but_the_treating_therapist_reads_them(world, noted, who):
    user = world.users[who]
    for url in (
        reverse("appointments:notes", kwargs={"pk": world.client_a.pk}),
        reverse("appointments:note", kwargs={"pk": noted.pk}),
    ):
        response = _get(user, url)
        assert response.status_code in (403, 404) and SECRET not in response.content.decode()


@pytest.mark.parametrize("allowed", [False, True])
def test_a_new_therapist_reads_earlier_notes_only_if_the_practice_allows(world, noted, allowed):
    services.set_notes_follow_client(world.practice, allowed)
    assign_therapist(world.client_a, world.therapist_other, by=world.admin)
    page = _get(world.therapist_other, reverse("appointments:notes", kwargs={"pk": world.client_a.pk}))
    assert page.status_code == 200 and (SECRET in page.content.decode()) is allowed
    note = _get(world.therapist_other, reverse("appointments:note", kwargs={"pk": noted.pk}))
    assert note.status_code == (200 if allowed else 404)
    # The earlier therapist no longer treats the client: they read nothing either.
    assert _get(world.therapist_a, reverse("appointments:notes", kwargs={"pk": world.client_a.pk})).status_code == 404


def test_notes_are_in_the_therapists_export_not_the_clients_and_erased_with_the_record(world, noted):
    assert [r["text"] for r in exporting.collect(world.client_a, world.therapist_a)["session_notes"]] == [SECRET]
    assert "session_notes" not in exporting.collect(world.client_a, world.client_a.user)
    world.client_a.status = ClientStatus.DISCHARGED
    world.client_a.save(update_fields=["status"])
    erase_client(world.client_a, by=world.admin, confirmation=world.client_a.display_name)
    assert not SessionNote.objects.filter(client=world.client_a).exists()
