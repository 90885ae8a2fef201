"""Another client, another therapist, another practice: no entry can be seen or guessed."""

import pytest
from django.urls import reverse

from diary import selectors

from .helpers import browser, entry

pytestmark = pytest.mark.django_db

ENTRY_URLS = ["diary:entry_detail", "diary:entry_edit", "diary:entry_delete"]
POST_URLS = ["diary:entry_share", "diary:entry_unshare", "diary:comment_add"]


@pytest.fixture
def entries(world):
    return {
        "shared": entry(world.client_a, shared=True, what_happened="A-SHARED"),
        "private": entry(world.client_a, shared=False, what_happened="A-PRIVATE"),
    }


@pytest.mark.parametrize("who", ["client_b", "therapist_other", "therapist_x", "admin_x", "admin"])
def test_outsiders_get_404_for_every_entry_url_shared_or_not(world, entries, who):
    http = browser(world.users[who])
    for made in entries.values():
        for name in ENTRY_URLS:
            assert http.get(reverse(name, args=[made.pk])).status_code == 404, (who, name)
        for name in POST_URLS:
            assert http.post(reverse(name, args=[made.pk]), {"body": "x"}).status_code == 404, (who, name)
    made = entries["shared"]
    made.refresh_from_db()
    assert made.shared and not made.comments.exists()


@pytest.mark.parametrize("who", ["client_b", "therapist_other", "therapist_x", "admin_x"])
def test_outsiders_get_no_entries_from_selectors_or_client_page(world, entries, who):
    user = world.users[who]
    assert not selectors.visible_entries(user, world.client_a).exists()
    assert not selectors.visible_entries(user).filter(client=world.client_a).exists()
    http = browser(user)
    assert http.get(reverse("diary:client_entries", args=[world.client_a.pk])).status_code == 404


def test_unknown_entry_id_answers_like_a_private_one(world, entries):
    therapist = browser(world.therapist_a)
    missing = max(e.pk for e in entries.values()) + 1000
    private = therapist.get(reverse("diary:entry_detail", args=[entries["private"].pk]))
    unknown = therapist.get(reverse("diary:entry_detail", args=[missing]))
    assert private.status_code == unknown.status_code == 404


def test_therapist_cannot_edit_delete_or_unshare_a_shared_entry(world, entries):
    therapist = browser(world.therapist_a)
    shared = entries["shared"]
    assert therapist.get(reverse("diary:entry_edit", args=[shared.pk])).status_code == 404
    assert therapist.post(reverse("diary:entry_delete", args=[shared.pk])).status_code == 404
    assert therapist.post(reverse("diary:entry_unshare", args=[shared.pk])).status_code == 404
    shared.refresh_from_db()
    assert shared.shared


def test_client_b_list_never_contains_client_a_entries(world, entries):
    page = browser(world.client_b.user).get(reverse("diary:entry_list"), {"week": "all"})
    body = page.content.decode()
    assert "A-SHARED" not in body and "A-PRIVATE" not in body


def test_client_cannot_comment_on_own_entry(world, entries):
    http = browser(world.client_a.user)
    assert http.post(reverse("diary:comment_add", args=[entries["shared"].pk]), {"body": "me"}).status_code == 404


def test_opening_an_entry_is_in_the_audit_trail_and_attempts_are_recorded_as_refused(world, entries):
    from audit.models import AuditAction, AuditEvent

    browser(world.therapist_a).get(reverse("diary:entry_detail", args=[entries["shared"].pk]))
    browser(world.therapist_other).get(reverse("diary:entry_detail", args=[entries["shared"].pk]))

    events = AuditEvent.objects.filter(client_id=world.client_a.pk, kind="diary")
    assert events.filter(actor=world.therapist_a, action=AuditAction.VIEW).exists()
    assert events.filter(actor=world.therapist_other, action=AuditAction.DENIED).exists()
