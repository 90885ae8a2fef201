import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from clients.models import Client, ClientStatus, TherapistAssignment
from tests.factories import make_client


@pytest.fixture
def admin_http(world):
    http = HttpClient()
    http.force_login(world.admin)
    return http


def test_people_page_lists_the_practice_only_with_status_and_pending_invitations(world, admin_http):
    from accounts.models import Invitation, Role

    Invitation.objects.create(practice=world.practice, email="p@example.test", name="Pending Person", role=Role.CLIENT)
    Invitation.objects.create(
        practice=world.other_practice, email="x@example.test", name="Other Invitee", role="client"
    )

    content = admin_http.get(reverse("practice_people")).content.decode()

    for name in ("Therapist A", "Therapist Other", "Client A", "Client B", "Pending Person"):
        assert name in content
    for name in ("Therapist X", "Client X", "Other Invitee"):
        assert name not in content


def test_client_list_filters_by_search_status_and_therapist(world, admin_http):
    make_client(world.practice, world.therapist_a, name="Paused Pieter", status=ClientStatus.PAUSED)

    def names(**query):
        response = admin_http.get(reverse("practice_clients"), query)
        return {c.display_name for c in response.context["clients"]}

    assert names() == {"Client A", "Client B", "Paused Pieter"}
    assert names(q="pieter") == {"Paused Pieter"}
    assert names(status="paused") == {"Paused Pieter"}
    assert names(therapist=str(world.therapist_a.pk)) == {"Client A", "Paused Pieter"}
    assert names(therapist=str(world.therapist_x.pk)) == set()


def test_admin_edits_a_client_record(world, admin_http):
    url = reverse("practice_client_edit", args=[world.client_a.pk])

    response = admin_http.post(
        url,
        {"display_name": "Client A.", "date_of_birth": "1990-04-01", "status": "paused", "start_date": "2026-01-10"},
    )

    assert response.status_code == 302
    client = Client.objects.get(pk=world.client_a.pk)
    assert (client.display_name, str(client.date_of_birth), client.status) == ("Client A.", "1990-04-01", "paused")


def test_a_bad_date_is_refused_and_the_typed_values_kept(world, admin_http):
    url = reverse("practice_client_edit", args=[world.client_a.pk])

    response = admin_http.post(
        url, {"display_name": "Typed Name", "date_of_birth": "2999-01-01", "status": "active", "start_date": "nonsense"}
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "cannot be in the future" in content
    assert 'value="Typed Name"' in content
    assert Client.objects.get(pk=world.client_a.pk).display_name == "Client A"


def test_reassigning_keeps_the_history_with_who_and_when(world, admin_http):
    url = reverse("practice_client_assign", args=[world.client_a.pk])

    admin_http.post(url, {"therapist": world.therapist_other.pk})
    admin_http.post(url, {"therapist": world.therapist_other.pk})  # a resubmitted form changes nothing

    client = Client.objects.get(pk=world.client_a.pk)
    assert client.therapist == world.therapist_other
    history = list(TherapistAssignment.objects.filter(client=client).order_by("assigned_at"))
    assert [a.therapist for a in history] == [world.therapist_a, world.therapist_other]
    assert history[0].ended_at is not None and history[1].ended_at is None
    assert history[1].assigned_by == world.admin
    page = admin_http.get(reverse("practice_client_edit", args=[client.pk])).content.decode()
    assert "Therapist A" in page and "Admin One" in page


def test_a_therapist_of_another_practice_cannot_be_assigned(world, admin_http):
    response = admin_http.post(
        reverse("practice_client_assign", args=[world.client_a.pk]), {"therapist": world.therapist_x.pk}
    )

    assert response.status_code == 400
    assert Client.objects.get(pk=world.client_a.pk).therapist == world.therapist_a


def test_the_admin_sees_no_clinical_switches_and_cannot_toggle_results(world, admin_http):
    response = admin_http.post(reverse("client_results_visibility", args=[world.client_a.pk]), {"visible": "1"})

    assert response.status_code == 404
    assert not Client.objects.get(pk=world.client_a.pk).results_visible_to_client


def test_the_therapist_switches_results_visibility_for_their_client(world):
    http = HttpClient()
    http.force_login(world.therapist_a)
    url = reverse("client_results_visibility", args=[world.client_a.pk])

    http.post(url, {"visible": "1"})
    assert Client.objects.get(pk=world.client_a.pk).results_visible_to_client
    http.post(url, {"visible": "0"})
    assert not Client.objects.get(pk=world.client_a.pk).results_visible_to_client
    # Another therapist's client is not theirs to switch.
    assert (
        http.post(reverse("client_results_visibility", args=[world.client_b.pk]), {"visible": "1"}).status_code == 404
    )


def test_a_dutch_admin_gets_the_admin_pages_in_dutch(world):
    from accounts.models import Invitation, Role

    world.admin.language = "nl"
    world.admin.save(update_fields=["language"])
    Invitation.objects.create(practice=world.practice, email="p@example.test", name="Open", role=Role.THERAPIST)
    http = HttpClient()
    http.force_login(world.admin)

    people = http.get(reverse("practice_people")).content.decode()
    clients = http.get(reverse("practice_clients")).content.decode()

    assert "Openstaande uitnodigingen" in people and "Opnieuw versturen" in people and "Therapeuten" in people
    assert "Zoek op naam of e-mailadres" in clients and "Alle therapeuten" in clients


def test_admin_lists_run_a_fixed_number_of_queries(world, admin_http):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert admin_http.get(url).status_code == 200
        return len(captured)

    # The first request after login also writes the session's idle expiry; count the steady state.
    admin_http.get(reverse("practice_people"))
    before = {url: queries(url) for url in (reverse("practice_people"), reverse("practice_clients"))}
    for n in range(5):
        make_client(world.practice, world.therapist_other, name=f"Extra {n}")

    assert {url: queries(url) for url in before} == before
