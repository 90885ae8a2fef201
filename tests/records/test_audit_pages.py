import datetime as dt

from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent

from .helpers import logged_in


def _visit(user, client):
    logged_in(user).get(reverse("client_detail", kwargs={"pk": client.pk}), REMOTE_ADDR="198.51.100.23")


def test_a_client_sees_which_staff_opened_their_record_but_no_ip(world):
    _visit(world.therapist_a, world.client_a)
    _visit(world.admin, world.client_a)
    _visit(world.therapist_other, world.client_a)  # refused: not on the client's page
    _visit(world.therapist_other, world.client_b)  # another client's record
    http = logged_in(world.client_a.user)
    http.get(reverse("client_home"))  # the client's own visits are not listed
    page = http.get(reverse("records:access_log")).content.decode()
    assert "Therapist A" in page and "Admin One" in page
    assert "Therapist Other" not in page
    assert "198.51.100.23" not in page
    assert "Practice admin" in page and "Therapist" in page


def test_the_access_log_is_in_dutch_for_a_dutch_client(world):
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    _visit(world.therapist_a, world.client_a)
    page = logged_in(world.client_a.user).get(reverse("records:access_log")).content.decode()
    assert "Wie heeft je dossier bekeken" in page
    assert "Bekeken" in page


def test_admin_searches_the_trail_by_client_user_action_and_date(world):
    _visit(world.therapist_a, world.client_a)
    _visit(world.therapist_other, world.client_b)
    _visit(world.admin_x, world.client_x)  # another practice: never shown
    http = logged_in(world.admin)
    response = http.get(reverse("records:audit_search"))
    shown = {event.client_id for event, _ in response.context["rows"]}
    assert {world.client_a.pk, world.client_b.pk} <= shown and world.client_x.pk not in shown
    assert "Admin X" not in response.content.decode()

    by_client = http.get(reverse("records:audit_search"), {"client": world.client_b.pk}).content.decode()
    assert "Therapist Other" in by_client and "Therapist A</" not in by_client

    by_user = http.get(reverse("records:audit_search"), {"actor": world.therapist_a.pk, "action": "view"})
    rows = by_user.context["rows"]
    assert [(e.actor_id, e.client_id) for e, _ in rows] == [(world.therapist_a.pk, world.client_a.pk)]

    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert not list(http.get(reverse("records:audit_search"), {"date_from": tomorrow}).context["rows"])


def test_a_client_of_another_practice_cannot_be_chosen_as_filter(world):
    response = logged_in(world.admin).get(reverse("records:audit_search"), {"client": world.client_x.pk})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not list(response.context["rows"])


def test_the_trail_is_paginated(world):
    for _ in range(60):
        AuditEvent.objects.create(
            practice_id=world.practice.pk, actor=world.therapist_a, action=AuditAction.VIEW, client_id=world.client_a.pk
        )
    http = logged_in(world.admin)
    first = http.get(reverse("records:audit_search"), {"action": "view"})
    second = http.get(reverse("records:audit_search"), {"action": "view", "page": 2})
    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 10
    assert "action=view&amp;page=2" in first.content.decode()


def test_admin_sees_that_a_client_acted_but_not_where(world):
    # Regression (security review): the page and kind of a client's own activity (writing or
    # sharing diary entries) told the admin when private entries were written.
    http = logged_in(world.client_a.user)
    http.post(reverse("diary:quick_entry"), {"emotion": "sad", "intensity": "4"})
    assert AuditEvent.objects.filter(actor=world.client_a.user, path__startswith="/diary/").exists()
    logged_in(world.therapist_a).get(reverse("diary:client_entries", kwargs={"pk": world.client_a.pk}))
    page = logged_in(world.admin).get(reverse("records:audit_search")).content.decode()
    assert "/diary/quick/" not in page
    assert "/diary/clients/" in page  # staff access stays fully on the record


def test_the_trail_names_clients_without_database_numbers_and_says_whose_record(world):
    http = logged_in(world.client_a.user)
    http.post(reverse("diary:quick_entry"), {"emotion": "sad", "intensity": "4"})
    logged_in(world.therapist_a).get(reverse("diary:client_entries", kwargs={"pk": world.client_a.pk}))
    page = logged_in(world.admin).get(reverse("records:audit_search")).content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert world.client_a.display_name in table
    assert f"#{world.client_a.pk}" not in table
    assert "their own record" in page  # a client's own activity, without saying where
